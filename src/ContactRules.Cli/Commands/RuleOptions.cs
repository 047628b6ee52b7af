using System.ComponentModel;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

/// <summary>The options every command that judges cases shares.</summary>
internal class RuleOptions : CommandSettings
{
    [CommandOption("-r|--rules <FILE>")]
    [Description("The rule file (default: the built-in rules/commcare-case-contact.yaml; commcare-hq-compatible.yaml names the other built-in one).")]
    public string? Rules { get; init; }

    [CommandOption("-p|--project <FILE>")]
    [Description("The project settings (default: built-in: UTC, language en, no gateways).")]
    public string? Project { get; init; }
}

/// <summary>Loading what the options name, reporting every problem on standard error.</summary>
internal static class RuleOptionsLoading
{
    /// <summary>The compiled rules, or null after the diagnostics that explain why not were written.</summary>
    public static CompiledRules? LoadRules(this RuleOptions options, string? rulesFile = null)
    {
        var diagnostics = new DiagnosticBag();
        var rules = RuleSetLoader.Load(rulesFile ?? options.Rules, options.Project, diagnostics);
        Terminal.WriteDiagnostics(diagnostics);
        return diagnostics.HasErrors ? null : rules;
    }
}

/// <summary>Options of commands that print verdicts.</summary>
internal class VerdictOptions : RuleOptions
{
    [CommandOption("-f|--format <FORMAT>")]
    [Description("text (for people) or json (one object per case per line).")]
    [DefaultValue("text")]
    public string Format { get; init; } = "text";

    public bool Json => Format == "json";

    [CommandOption("--redact")]
    [Description("Masks phone numbers (all but the last 3 digits) and email local parts in the output.")]
    public bool Redact { get; init; }

    /// <summary>Output text, masked when --redact is given.</summary>
    public string Shown(string text) => Redact ? ContactRules.Auditing.Redaction.Text(text) : text;

    public override ValidationResult Validate() => Format is "text" or "json"
        ? ValidationResult.Success()
        : ValidationResult.Error($"--format {Format}: expected text or json");
}
