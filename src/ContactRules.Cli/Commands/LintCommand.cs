using System.ComponentModel;
using ContactRules.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class LintSettings : RuleOptions
{
    [CommandArgument(0, "<RULES>")]
    [Description("The rule file to check.")]
    public string RulesFile { get; init; } = "";
}

/// <summary><c>contactrules lint RULES</c>: every problem of a rule file, at its line and column.</summary>
internal sealed class LintCommand : Command<LintSettings>
{
    public override int Execute(CommandContext context, LintSettings settings, CancellationToken cancellationToken)
    {
        if (settings.LoadRules(settings.RulesFile) is not { } compiled)
        {
            return ExitCodes.InvalidInput;
        }
        var rules = compiled.Rules;
        Terminal.Out.WriteLine($"{rules.Path}: ok: {rules.Properties.Length} properties, {rules.Properties.Sum(p => p.Checks.Length) + rules.ContactChecks.Length} checks, {rules.Errors.Count} error codes");
        return ExitCodes.Done;
    }
}
