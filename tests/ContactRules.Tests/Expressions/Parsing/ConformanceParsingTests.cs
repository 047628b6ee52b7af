using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Parsing;
using ContactRules.Tests.Expressions.Conformance;
using Xunit;

namespace ContactRules.Tests.Expressions.Parsing;

/// <summary>
/// Every expression of the CEL conformance suites (core and extensions) parses, and prints back to source that
/// parses to the same tree. Cases that expect an error expect it at evaluation, so they must parse too.
/// </summary>
public sealed class ConformanceParsingTests
{
    /// <summary>
    /// Conformance expressions that may fail to parse, with the reason (the unsupported syntax). Empty: the suites
    /// here were converted without uint, bytes, messages and the like, so every expression is in the subset.
    /// </summary>
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal);

    [ConformanceFact]
    public void Every_conformance_expression_parses()
    {
        var cases = ConformanceSuite.Load("core.json").Concat(ConformanceSuite.Load("extensions.json")).ToList();

        var failures = cases
            .Where(c => !Unsupported.ContainsKey(c.Id))
            .Select(c => (c.Id, c.Expression, Result: ExpressionParser.Parse(c.Expression)))
            .Where(c => c.Result.Expression is null)
            .Select(c => $"{c.Id}: {c.Expression}: {string.Join("; ", c.Result.Diagnostics.Select(d => d.Format(c.Expression)))}")
            .ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(731, cases.Count);
    }

    [ConformanceFact]
    public void Every_conformance_expression_prints_back_to_the_same_tree()
    {
        var cases = ConformanceSuite.Load("core.json").Concat(ConformanceSuite.Load("extensions.json"));

        foreach (var c in cases.Where(c => !Unsupported.ContainsKey(c.Id)))
        {
            var tree = ExpressionParser.Parse(c.Expression).Expression!;
            var source = ExprPrinter.ToSource(tree);
            var reparsed = ExpressionParser.Parse(source).Expression;

            Assert.True(reparsed is not null, $"{c.Id}: `{source}` does not parse");
            Assert.Equal(ExprPrinter.Print(tree), ExprPrinter.Print(reparsed));
        }
    }
}
