using System.ComponentModel;
using System.Globalization;
using ContactRules.Generation;
using ContactRules.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class GenerateSettings : CommonOptions
{
    [CommandArgument(0, "<N>")]
    [Description(CliMessages.GenerateCountDescription)]
    public long Count { get; init; }

    [CommandOption("-s|--seed <SEED>")]
    [Description(CliMessages.GenerateSeedDescription)]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    [CommandOption(SharedOptions.Format)]
    [Description(CliMessages.GenerateFormatDescription)]
    [DefaultValue("json")]
    [Formats("json", "jsonl", "csv")]
    public string Format { get; init; } = "json";

    [CommandOption("--share <FLAW=SHARE>")]
    [Description(CliMessages.GenerateSharesDescription)]
    public string[] Shares { get; init; } = [];

    [CommandOption("-o|--out <FILE>")]
    [Description(CliMessages.GenerateOutDescription)]
    public string? Out { get; init; }

    public override ValidationResult Validate()
    {
        if (Count < 0)
        {
            return ValidationResult.Error(CliMessages.CountNegative);
        }
        foreach (var share in Shares)
        {
            if (ParseShare(share) is null)
            {
                return ValidationResult.Error(Messages.GenerateBadShare(share, FlawNames.Keys));
            }
        }
        return ValidationResult.Success();
    }

    public static IReadOnlyDictionary<string, Flaw> FlawNames { get; } = Enum.GetValues<Flaw>().ToDictionary(SnakeCase, f => f, StringComparer.Ordinal);

    public static (Flaw Flaw, double Share)? ParseShare(string text)
    {
        var parts = text.Split('=', 2);
        return parts.Length == 2
            && FlawNames.TryGetValue(parts[0].Trim(), out var flaw)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var share)
            && share is >= 0 and <= 1
            ? (flaw, share)
            : null;
    }

    private static string SnakeCase(Flaw flaw) =>
        string.Concat(flaw.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

/// <summary><c>contactrules generate N</c>: a synthetic case export, streamed, the same for the same seed.</summary>
internal sealed class GenerateCommand(Terminal terminal) : Command<GenerateSettings>
{
    public override int Execute(CommandContext context, GenerateSettings settings, CancellationToken cancellationToken)
    {
        var shares = GeneratorOptions.DefaultShares.ToBuilder();
        foreach (var (flaw, share) in settings.Shares.Select(s => GenerateSettings.ParseShare(s)!.Value))
        {
            shares[flaw] = share;
        }
        var generator = new CaseGenerator(new GeneratorOptions(settings.Seed, shares.ToImmutable()));
        var format = settings.Format switch
        {
            "csv" => ExportFormat.Csv,
            "jsonl" => ExportFormat.JsonLines,
            _ => ExportFormat.Json,
        };
        if (settings.Out is null)
        {
            using var standardOutput = terminal.OpenStandardOutput();
            CaseExportWriter.Write(generator.Generate(settings.Count), CaseGenerator.PropertyNames, standardOutput, format);
            return ExitCodes.Done;
        }
        using var outputs = new OutputFiles();
        long written;
        using (var output = outputs.Create(settings.Out))
        {
            written = CaseExportWriter.Write(generator.Generate(settings.Count), CaseGenerator.PropertyNames, output, format);
        }
        outputs.Commit();
        terminal.Note(Messages.GenerateWrote(written, settings.Out));
        return ExitCodes.Done;
    }
}
