using System.Collections.Immutable;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Expressions;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Compilation;
using ContactRules.Projects;
using ContactRules.Text;
using ContactRules.Yaml;

namespace ContactRules.RuleFiles;

/// <summary>
/// Warnings for a rule file that loads and compiles but says something it does not mean: a code in the
/// catalogue nothing gives, checks after an error check that can never pass (so never reached), a
/// <c>fallback</c> on a property some channel requires (a missing value closes the channel; the fallback
/// only serves the channels where it is optional), and a <c>normalize</c> whose result nothing reads.
/// </summary>
internal static class CatalogueLint
{
    /// <summary>Adds the warnings for <paramref name="rules"/> (read from <paramref name="text"/>, for the catalogue's positions).</summary>
    public static void Check(RuleFile rules, string text, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(diagnostics);
        UnusedCodes(rules, text, diagnostics);
        var environment = RuleEnvironment.Create(GatewayTable.For(ProjectSettings.Default));
        UnreachableChecks(environment, "contact_checks", rules.ContactChecks, diagnostics);
        foreach (var property in rules.Properties)
        {
            UnreachableChecks(environment, property.Name, property.Checks, diagnostics);
            if (property.Fallback is { } fallback && property.Channels.Where(c => c.Value == Requirement.Required).Select(c => c.Key).ToArray() is { Length: > 0 } required)
            {
                diagnostics.Warning(DiagnosticCodes.RequiredFallback, fallback.Location, Messages.LintRequiredFallback(property.Name, required));
            }
            if (property.Normalize is { } normalize && property.Provides == SenderField.None
                && !property.Checks.Any(c => Reads(environment, c.Rule, RuleEnvironment.Value) || (c.MessageExpression is { } m && Reads(environment, m, RuleEnvironment.Value))))
            {
                diagnostics.Warning(DiagnosticCodes.UnusedNormalize, normalize.Location, Messages.LintUnusedNormalize(property.Name));
            }
        }
    }

    private static void UnusedCodes(RuleFile rules, string text, DiagnosticBag diagnostics)
    {
        var given = rules.ContactChecks.Concat(rules.Properties.SelectMany(p => p.Checks)).Select(c => c.Code)
            .Concat(rules.Properties.Select(p => p.Missing?.Code).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        var unused = rules.Errors.Keys.Where(c => !given.Contains(c)).ToHashSet(StringComparer.Ordinal);
        if (unused.Count == 0)
        {
            return;
        }
        // The catalogue's entries are found again in the file, for their positions.
        var entries = YamlDocumentLoader.Load(rules.Path, text, new DiagnosticBag()) is YamlMappingNode root
            && root.Entries.FirstOrDefault(e => e.Name == "errors")?.Value is YamlMappingNode errors
            ? errors.Entries.Where(e => e.Name is not null).ToDictionary(e => e.Name!, e => e.Key.Location, StringComparer.Ordinal)
            : [];
        foreach (var code in unused.Order(StringComparer.Ordinal))
        {
            diagnostics.Warning(DiagnosticCodes.UnusedCode, entries.GetValueOrDefault(code, SourceLocation.File(rules.Path)), Messages.LintUnusedCode(code));
        }
    }

    /// <summary>An error check that reads nothing and is not true can never pass: the checks after it are never reached.</summary>
    private static void UnreachableChecks(CelEnvironment environment, string owner, ImmutableArray<RuleCheck> checks, DiagnosticBag diagnostics)
    {
        for (var i = 0; i < checks.Length; i++)
        {
            if (checks[i].Severity != Severity.Error || !NeverPasses(environment, checks[i].Rule))
            {
                continue;
            }
            for (var j = i + 1; j < checks.Length; j++)
            {
                diagnostics.Warning(DiagnosticCodes.UnreachableCheck, checks[j].Rule.Location, Messages.LintUnreachableCheck(owner, j + 1, checks[j].Code, i + 1, checks[i].Code));
            }
            return;
        }
    }

    private static bool NeverPasses(CelEnvironment environment, RuleExpression rule)
    {
        var compiled = environment.Compile(rule.Source);
        if (compiled.Program is null || compiled.Expression is null || Nodes(compiled.Expression).Any(n => n is IdentExpr))
        {
            return false;
        }
        return compiled.Program.Evaluate(new Activation(environment)) is not true;
    }

    private static bool Reads(CelEnvironment environment, RuleExpression expression, string variable) =>
        environment.Compile(expression.Source).Expression is not { } root || Nodes(root).Any(n => n is IdentExpr ident && ident.Name == variable);

    private static IEnumerable<Expr> Nodes(Expr root) => PowerAssert.Nodes(root);
}
