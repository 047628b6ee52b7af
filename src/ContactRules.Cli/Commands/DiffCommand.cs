using System.ComponentModel;
using ContactRules.Auditing;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class DiffSettings : RuleOptions
{
    [CommandArgument(0, "<CASES>")]
    [Description("Cases: CommCare case API JSON, JSON lines or a CSV export; - reads standard input.")]
    public string Cases { get; init; } = "";

    [CommandOption("--against <FILE>")]
    [Description("The new rule file, compared with --rules (the old one; default: the built-in rules).")]
    public string? Against { get; init; }

    [CommandOption("--registry <R>")]
    [Description("Consult this registry (read-only) for two-way owners and opt-outs, instead of settling ownership among the input's cases. " + RegistryOption.Description)]
    public string? Registry { get; init; }

    [CommandOption("-f|--format <FORMAT>")]
    [Description("text (for people) or json (one object).")]
    [DefaultValue("text")]
    public string Format { get; init; } = "text";

    public override ValidationResult Validate()
    {
        if (Against is null)
        {
            return ValidationResult.Error("--against: name the new rule file");
        }
        return Format is "text" or "json" ? ValidationResult.Success() : ValidationResult.Error($"--format {Format}: expected text or json");
    }
}

/// <summary><c>contactrules diff CASES --rules OLD --against NEW</c>: what a rule change would do, channel by channel.</summary>
internal sealed class DiffCommand : Command<DiffSettings>
{
    public override int Execute(CommandContext context, DiffSettings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var oldRules = RuleSetLoader.Load(settings.Rules, settings.Project, diagnostics);
        var newRules = RuleSetLoader.Load(settings.Against, settings.Project, diagnostics);
        Terminal.WriteDiagnostics(diagnostics);
        if (oldRules is null || newRules is null || !RegistryOption.TrySnapshot(settings.Registry, out var registry))
        {
            return ExitCodes.InvalidInput;
        }
        var input = CommandLineArguments.Unprotect(settings.Cases);
        var diff = RuleDiff.Run(oldRules, newRules, CaseInput.Opener(settings.Cases), input, registry: registry);
        if (settings.Format == "json")
        {
            Console.Out.WriteLine(RuleDiff.Json(diff));
        }
        else
        {
            Terminal.Out.Write(RuleDiff.Text(diff));
        }
        return diff.Records.Rejected + diff.Records.Problems > 0 ? ExitCodes.InvalidInput : ExitCodes.Done;
    }
}
