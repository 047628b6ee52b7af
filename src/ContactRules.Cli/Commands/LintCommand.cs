using System.ComponentModel;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Projects;
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
    [Description(CliMessages.LintStrictDescription)]
    public bool Strict { get; init; }
}

/// <summary>
/// <c>contactrules lint RULES [--project P]</c>: every problem of a rule file and of the project file, at its
/// line and column; for a project that loads, how many gateways each tier has. A project file given alone
/// (told by its content) is checked on its own.
/// </summary>
internal sealed class LintCommand(Terminal terminal) : Command<LintSettings>
{
    public override int Execute(CommandContext context, LintSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Project is null && ProjectLoader.IsProjectFile(settings.RulesFile))
        {
            return LintProject(settings.RulesFile);
        }
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
        if (settings.Project is { } projectPath)
        {
            WriteProjectOk(projectPath, compiled.Project);
        }
        return ExitCodes.Done;
    }

    /// <summary>A project file given in place of a rule file: its problems, or what each tier of gateways holds.</summary>
    private int LintProject(string path)
    {
        var diagnostics = new DiagnosticBag();
        var project = ProjectLoader.LoadFile(path, diagnostics);
        terminal.WriteDiagnostics(diagnostics);
        if (project is null || diagnostics.HasErrors)
        {
            return ExitCodes.InvalidInput;
        }
        WriteProjectOk(path, project);
        return ExitCodes.Done;
    }

    private void WriteProjectOk(string path, ProjectSettings project) =>
        terminal.WriteText(CliMessages.LintProjectOk(path, project.Gateways.Count, project.GlobalGateways.Count,
            project.Gateways.Concat(project.GlobalGateways).Count(g => g.Prefixes.Count == 0), project.Languages.Count));
}
