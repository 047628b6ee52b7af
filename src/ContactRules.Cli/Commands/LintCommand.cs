using System.ComponentModel;
using ContactRules.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class LintSettings : ProjectOptions
{
    [CommandArgument(0, "<RULES>")]
    [Description(CliMessages.LintRulesDescription)]
    public string RulesFile { get; init; } = "";
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
        terminal.WriteText(CliMessages.LintOk(rules.Path, rules.Properties.Length, rules.Properties.Sum(p => p.Checks.Length) + rules.ContactChecks.Length, rules.Errors.Count));
        return ExitCodes.Done;
    }
}
