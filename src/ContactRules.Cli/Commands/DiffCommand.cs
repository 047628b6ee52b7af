using System.ComponentModel;
using ContactRules.Auditing;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class DiffSettings : CaseOptions
{
    [CommandOption("--against <FILE>", isRequired: true)]
    [Description(CliMessages.AgainstDescription)]
    public string? Against { get; init; }

    [CommandOption(SharedOptions.Registry)]
    [Description(CliMessages.RegistryConsultedDescription)]
    public string? Registry { get; init; }

    [CommandOption(SharedOptions.Format)]
    [Description(CliMessages.DiffFormatDescription)]
    [DefaultValue(SharedOptions.Text)]
    [Formats(SharedOptions.Text, SharedOptions.Json)]
    public string Format { get; init; } = SharedOptions.Text;
}

/// <summary><c>contactrules diff CASES --rules OLD --against NEW</c>: what a rule change would do, channel by channel.</summary>
internal sealed class DiffCommand(Terminal terminal) : Command<DiffSettings>
{
    public override int Execute(CommandContext context, DiffSettings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var oldRules = RuleSetLoader.Load(settings.Rules, settings.Project, diagnostics);
        var newRules = RuleSetLoader.Load(settings.Against, settings.Project, diagnostics);
        terminal.WriteDiagnostics(diagnostics);
        if (oldRules is null || newRules is null || !RegistryOption.TrySnapshot(terminal, settings.Registry, out var registry))
        {
            return ExitCodes.InvalidInput;
        }
        var input = settings.From ?? CaseInput.Name(settings.Cases);
        var diff = RuleDiff.Run(oldRules, newRules, settings.OpenCases(settings.Cases, settings.ReadOptions(newRules), terminal), input, registry: registry);
        if (settings.Format == SharedOptions.Json)
        {
            terminal.WriteData(RuleDiff.Json(diff));
        }
        else
        {
            terminal.WriteText(RuleDiff.Text(diff));
        }
        return diff.Records.Rejected + diff.Records.Problems > 0 ? ExitCodes.InvalidInput : ExitCodes.Done;
    }
}
