using System.ComponentModel;
using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.Registry;
using ContactRules.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

/// <summary>Opening the registry a command names, and numbers as people type them.</summary>
internal static class RegistryOption
{
    /// <summary>The registry, or null after reporting why it cannot be opened.</summary>
    public static ContactRegistry? Open(Terminal terminal, string registry, RegistryAccess access)
    {
        try
        {
            return ContactRegistry.Open(registry, access);
        }
        catch (RegistryException e)
        {
            terminal.Fail(e.Message);
            return null;
        }
    }

    /// <summary>The file a SQLite registry lives in (an input no output may overwrite), or null for PostgreSQL or none.</summary>
    public static string? File(string? registry)
    {
        if (registry is null)
        {
            return null;
        }
        try
        {
            var target = RegistryTarget.Parse(registry);
            return target.IsPostgres ? null : target.Value;
        }
        catch (RegistryException)
        {
            return null;
        }
    }

    /// <summary>
    /// What <c>check</c> and <c>explain</c> consult with <c>--registry</c>: its owners and opt-outs, read
    /// once; null (and nothing to consult) without the option. False after reporting that it cannot be opened.
    /// </summary>
    public static bool TrySnapshot(Terminal terminal, string? registry, out IContactRegistry? snapshot)
    {
        snapshot = null;
        if (registry is null)
        {
            return true;
        }
        using var opened = Open(terminal, registry, RegistryAccess.Read);
        snapshot = opened?.Snapshot();
        return opened is not null;
    }

    /// <summary>A number as the registry keys it (E.164 digits; a leading + and spaces are dropped), or null when it is not one.</summary>
    public static string? Number(string text)
    {
        var digits = text.Trim().TrimStart('+');
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static ValidationResult ValidateNumber(string? number) =>
        number is null || Number(number) is not null
            ? ValidationResult.Success()
            : ValidationResult.Error(Messages.NotANumber(number));
}

internal sealed class RegisterSettings : CaseOptions
{
    [CommandOption(SharedOptions.Registry, isRequired: true)]
    [Description(CliMessages.RegistryRecordedDescription)]
    public string? Registry { get; init; }

    [CommandOption("--batch-size <N>")]
    [Description(CliMessages.RegisterBatchSizeDescription)]
    [DefaultValue(ContactRegistry.DefaultBatchSize)]
    public int BatchSize { get; init; } = ContactRegistry.DefaultBatchSize;

    [CommandOption("--full")]
    [Description(CliMessages.RegisterFullDescription)]
    public bool Full { get; init; }

    public override ValidationResult Validate() =>
        base.Validate() is { Successful: false } invalid ? invalid
        : Registry is null ? ValidationResult.Error(Messages.RegistryRequired)
        : BatchSize < 1 ? ValidationResult.Error(Messages.BatchSizeTooSmall)
        : ValidationResult.Success();
}

/// <summary><c>contactrules register CASES --registry R</c>: records case updates, so owners follow them.</summary>
internal sealed class RegisterCommand(Terminal terminal) : Command<RegisterSettings>
{
    public override int Execute(CommandContext context, RegisterSettings settings, CancellationToken cancellationToken)
    {
        // Claims are judged as if nobody held any number: the rules' registry stays empty.
        var rules = settings.LoadRules(terminal);
        if (rules is null)
        {
            return ExitCodes.InvalidInput;
        }
        using var registry = RegistryOption.Open(terminal, settings.Registry!, RegistryAccess.WriteOrCreate);
        if (registry is null)
        {
            return ExitCodes.InvalidInput;
        }

        var summary = default(CaseReadSummary);
        IEnumerable<CaseRecord> Records()
        {
            foreach (var item in settings.OpenCases(settings.Cases, settings.ReadOptions(rules), terminal, latestOnly: false)())
            {
                summary = summary.Add(item);
                if (item is { Kind: CaseReadKind.Accepted, Record: { } record })
                {
                    yield return record;
                }
                else
                {
                    terminal.Problem(item.Diagnostic!.ToString());
                }
            }
        }
        long recorded;
        if (settings.FromDomain is { } domain)
        {
            // An incremental sync: ask only for what HQ indexed since the cursor recorded by the last run,
            // unless --indexed-since (which wins for this run) or --full says otherwise.
            settings.ResumeIndexedSince = settings.Full ? null : registry.SyncResumesFrom(domain, settings.CaseTypes);
            recorded = registry.Sync(RegistryUpdates.WithIndexedOn(rules, Records()), domain, settings.CaseTypes, settings.BatchSize);
        }
        else
        {
            recorded = registry.Register(RegistryUpdates.Of(rules, Records()), settings.BatchSize);
        }
        var owned = registry.Owners().Count;
        terminal.Note(Messages.Registered(summary.Read, recorded, summary.Rejected, registry.Kind, owned));
        return summary.Rejected > 0 || summary.Problems > 0 ? ExitCodes.InvalidInput : ExitCodes.Done;
    }
}
