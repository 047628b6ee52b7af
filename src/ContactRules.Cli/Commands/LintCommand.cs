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

/// <summary>
/// <c>contactrules lint RULES [--project P]</c>: every problem of a rule file and of the project file, at its
/// line and column; for a project that loads, how many gateways each tier has.
/// </summary>
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
        if (settings.Project is { } projectPath)
        {
            var project = compiled.Project;
            terminal.WriteText(CliMessages.LintProjectOk(projectPath, project.Gateways.Count, project.GlobalGateways.Count,
                project.Gateways.Concat(project.GlobalGateways).Count(g => g.Prefixes.Count == 0), project.Languages.Count));
        }
        return ExitCodes.Done;
    }
}
