using ContactRules.Diagnostics;
using ContactRules.Projects;
using ContactRules.RuleFiles;

namespace ContactRules.Evaluation;

/// <summary>
/// Loads what a command needs to judge cases: a rule file (the built-in default when none is named, or a
/// built-in one by its bare name, e.g. <c>commcare-hq-compatible.yaml</c>) and project settings (built-in
/// defaults when none is named), compiled together. Every problem of both files lands in one bag.
/// </summary>
public static class RuleSetLoader
{
    public static CompiledRules? Load(string? rulesPath, string? projectPath, DiagnosticBag diagnostics, IContactRegistry? registry = null)
    {
        var project = projectPath is null ? ProjectSettings.Default : ProjectLoader.LoadFile(projectPath, diagnostics);
        var rules = LoadRules(rulesPath, diagnostics);
        if (rules is null || project is null)
        {
            return null;
        }
        return CompiledRules.Compile(rules, project, diagnostics, registry);
    }

    /// <summary>A rule file by path; a bare built-in name that is not a file names the built-in one.</summary>
    public static RuleFile? LoadRules(string? rulesPath, DiagnosticBag diagnostics)
    {
        if (rulesPath is null)
        {
            return RuleFileLoader.LoadBuiltIn();
        }
        if (!File.Exists(rulesPath) && RuleFileLoader.BuiltInNames.Contains(rulesPath))
        {
            return RuleFileLoader.LoadBuiltIn(rulesPath);
        }
        return RuleFileLoader.LoadFile(rulesPath, diagnostics);
    }
}
