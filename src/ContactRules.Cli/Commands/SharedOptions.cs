using System.ComponentModel;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

/// <summary>
/// The options several commands share, each declared here once: its template, its description and how its
/// value is checked. Options every command of a kind takes live on the settings classes below; the ones
/// whose meaning differs by command (<c>--format</c>'s values, <c>--registry</c>'s access) take their
/// template from here and their description from <see cref="CliMessages"/>.
/// </summary>
internal static class SharedOptions
{
    public const string Rules = "-r|--rules <FILE>";

    public const string Project = "-p|--project <FILE>";

    public const string Registry = "--registry <R>";

    public const string Format = "-f|--format <FORMAT>";

    public const string Redact = "--redact";

    public const string NoColor = "--no-color";

    public const string Quiet = "-q|--quiet";

    /// <summary>The values of <c>--format</c> most commands take.</summary>
    public const string Text = "text";

    public const string Json = "json";
}

/// <summary>
/// The one check of <c>--format</c>: its value must be one the command names, with the one message
/// <c>--format X: expected a or b</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class FormatsAttribute(params string[] formats) : ParameterValidationAttribute(errorMessage: "")
{
    public IReadOnlyList<string> Formats { get; } = formats;

    public override ValidationResult Validate(CommandParameterContext context) =>
        context.Value is string format && Formats.Contains(format, StringComparer.Ordinal)
            ? ValidationResult.Success()
            : ValidationResult.Error(CliMessages.FormatExpected(context.Value?.ToString() ?? "", Formats));
}

/// <summary>Options every command takes.</summary>
internal class CommonOptions : CommandSettings
{
    [CommandOption(SharedOptions.NoColor)]
    [Description(CliMessages.NoColorDescription)]
    public bool NoColor { get; init; }

    [CommandOption(SharedOptions.Quiet)]
    [Description(CliMessages.QuietDescription)]
    public bool Quiet { get; init; }
}

/// <summary>Options of commands that read project settings.</summary>
internal class ProjectOptions : CommonOptions
{
    [CommandOption(SharedOptions.Project)]
    [Description(CliMessages.ProjectDescription)]
    public string? Project { get; init; }
}

/// <summary>Options of commands that load a rule file and project settings.</summary>
internal class RuleOptions : ProjectOptions
{
    [CommandOption(SharedOptions.Rules)]
    [Description(CliMessages.RulesDescription)]
    public string? Rules { get; init; }
}

/// <summary>Options of commands that read cases: which sheet of a workbook, renamed export headers.</summary>
internal class CaseReadingOptions : RuleOptions
{
    [CommandOption("--sheet <NAME>")]
    [Description(CliMessages.CaseReadingSheetDescription)]
    public string? Sheet { get; init; }

    [CommandOption("--column <FIELD=HEADER>")]
    [Description(CliMessages.CaseReadingColumnDescription)]
    public string[] Column { get; init; } = [];

    public override ValidationResult Validate() =>
        Column.FirstOrDefault(c => c.IndexOf('=', StringComparison.Ordinal) is <= 0 || c.EndsWith('=')) is { } bad
            ? ValidationResult.Error(CliMessages.ColumnExpected(bad))
            : ValidationResult.Success();

    /// <summary>How to read the cases: the project's <c>columns:</c>, then <c>--column</c>, and <c>--sheet</c>.</summary>
    public Contacts.CaseReadOptions ReadOptions(CompiledRules rules)
    {
        var columns = new Dictionary<string, string>(rules.Project.Columns, StringComparer.Ordinal);
        foreach (var mapping in Column)
        {
            var equals = mapping.IndexOf('=', StringComparison.Ordinal);
            columns[mapping[..equals].Trim()] = mapping[(equals + 1)..].Trim();
        }
        // The run's passes share what a first read learns (how a large workbook uses its shared strings).
        return new Contacts.CaseReadOptions { Sheet = Sheet, Columns = columns, Memo = new Contacts.ReadMemo() };
    }
}

/// <summary>Options of commands that judge the cases of any number of inputs (the arguments).</summary>
internal class CaseOptions : FromOptions
{
    [CommandArgument(0, CaseInput.Argument)]
    [Description(CliMessages.CasesDescription)]
    public string[] Cases { get; init; } = [];
}

/// <summary>Loading what the options name, reporting every problem on standard error.</summary>
internal static class RuleOptionsLoading
{
    /// <summary>The compiled rules, or null after the diagnostics that explain why not were written.</summary>
    public static CompiledRules? LoadRules(this ProjectOptions options, Terminal terminal, string? rulesFile = null)
    {
        var diagnostics = new DiagnosticBag();
        var rules = RuleSetLoader.Load(rulesFile ?? (options as RuleOptions)?.Rules, options.Project, diagnostics);
        terminal.WriteDiagnostics(diagnostics);
        return diagnostics.HasErrors ? null : rules;
    }
}

/// <summary>Options of commands that print verdicts (<c>check</c>, <c>explain</c>).</summary>
internal class VerdictOptions : FromOptions
{
    [CommandOption(SharedOptions.Format)]
    [Description(CliMessages.VerdictFormatDescription)]
    [DefaultValue(SharedOptions.Text)]
    [Formats(SharedOptions.Text, SharedOptions.Json)]
    public string Format { get; init; } = SharedOptions.Text;

    public bool Json => Format == SharedOptions.Json;

    [CommandOption(SharedOptions.Redact)]
    [Description(CliMessages.RedactDescription)]
    public bool Redact { get; init; }

    [CommandOption(SharedOptions.Registry)]
    [Description(CliMessages.RegistryConsultedDescription)]
    public string? Registry { get; init; }

    /// <summary>Output text, masked when --redact is given.</summary>
    public string Shown(string text) => Redact ? ContactRules.Auditing.Redaction.Text(text) : text;
}
