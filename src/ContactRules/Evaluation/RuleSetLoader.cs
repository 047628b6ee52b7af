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
    public static CompiledRules? Load(string? rulesPath, string? projectPath, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount;
        var project = projectPath is null ? ProjectSettings.Default : ProjectLoader.LoadFile(projectPath, diagnostics);
        var rules = ReadRules(rulesPath, diagnostics);
        if (rules is null)
        {
            return null;
        }
        // Compiled even when the file or the project has errors, so the file's expression errors are reported with them.
        var compiled = CompiledRules.Compile(rules, project ?? ProjectSettings.Default, diagnostics);
        return diagnostics.ErrorCount > errorsBefore || project is null ? null : compiled;
    }

    /// <summary>A rule file by path, null when it has errors; a bare built-in name that is not a file names the built-in one.</summary>
    public static RuleFile? LoadRules(string? rulesPath, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount;
        var rules = ReadRules(rulesPath, diagnostics);
        return diagnostics.ErrorCount > errorsBefore ? null : rules;
    }

    /// <summary>Like <see cref="LoadRules"/>, but as far as the file can be read, errors or not.</summary>
    private static RuleFile? ReadRules(string? rulesPath, DiagnosticBag diagnostics)
    {
        if (rulesPath is null)
        {
            return RuleFileLoader.LoadBuiltIn();
        }
        if (!File.Exists(rulesPath) && RuleFileLoader.BuiltInNames.Contains(rulesPath))
        {
            return RuleFileLoader.LoadBuiltIn(rulesPath);
        }
        return RuleFileLoader.ReadFile(rulesPath, diagnostics);
    }
}
