using System.ComponentModel;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.RuleFiles;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class LintSettings : ProjectOptions
{
    [CommandArgument(0, "<RULES>")]
    [Description(CliMessages.LintRulesDescription)]
    public string RulesFile { get; init; } = "";

    [CommandOption("--strict")]
    [Description("Makes warnings errors (exit 1): unused codes, unreachable checks, a fallback on a required property, a normalize nobody reads.")]
    public bool Strict { get; init; }
}

/// <summary><c>contactrules lint RULES</c>: every problem of a rule file, at its line and column.</summary>
internal sealed class LintCommand(Terminal terminal) : Command<LintSettings>
{
    public override int Execute(CommandContext context, LintSettings settings, CancellationToken cancellationToken)
    {
        if (settings.LoadRules(terminal, settings.RulesFile) is not { } compiled)
        {
            return ExitCodes.InvalidInput;
        }
        var rules = compiled.Rules;
        var warnings = new DiagnosticBag();
        CatalogueLint.Check(rules, File.Exists(rules.Path) ? File.ReadAllText(rules.Path) : "", warnings);
        terminal.WriteDiagnostics(warnings);
        if (settings.Strict && warnings.Count > 0)
        {
            return ExitCodes.InvalidInput;
        }
        terminal.WriteText(CliMessages.LintOk(rules.Path, rules.Properties.Length, rules.Properties.Sum(p => p.Checks.Length) + rules.ContactChecks.Length, rules.Errors.Count));
        return ExitCodes.Done;
    }
}
