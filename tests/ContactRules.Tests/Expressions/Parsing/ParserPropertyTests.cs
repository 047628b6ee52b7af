using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Parsing;
using ContactRules.Tests.Expressions.Conformance;
using CsCheck;
using Xunit;

namespace ContactRules.Tests.Expressions.Parsing;

/// <summary>
/// Random and mutated expressions: the parser always ends in a tree or in diagnostics (never both, never neither),
/// never throws, keeps spans inside the text, and a tree it returns prints back to source that parses the same.
/// </summary>
public sealed class ParserPropertyTests
{
    private const string Alphabet = " \n\tabcrux_019eE.,:?!-+*/%<>=&|()[]{}'\"\\#`";

    private static readonly string[] Seeds = ConformanceSuite.Directory is null
        ? ["a.b(c, [1, 2.5], {'k': r'\\d'}) ? -x[0] : !y.all(i, v, i < v) || '\\u00e9' in z"]
        : [.. ConformanceSuite.Load("core.json").Concat(ConformanceSuite.Load("extensions.json")).Select(c => c.Expression)];

    private static void Holds(string source)
    {
        var result = ExpressionParser.Parse(source);

        Assert.True(result.Expression is null != result.Diagnostics.IsEmpty, source);
        foreach (var d in result.Diagnostics)
        {
            Assert.InRange(d.Span.Start, 0, source.Length);
            Assert.InRange(d.Span.End, d.Span.Start, source.Length);
            Assert.DoesNotContain("Parsing failure", d.Message, StringComparison.Ordinal);
            Assert.False(d.Message.EndsWith('.'), d.Message); // messages end without a full stop
        }
        if (result.Expression is { } tree)
        {
            var reparsed = ExpressionParser.Parse(ExprPrinter.ToSource(tree)).Expression;
            Assert.True(reparsed is not null && ExprPrinter.Print(reparsed) == ExprPrinter.Print(tree), source);
        }
    }

    [Fact]
    public void Random_text_ends_in_a_tree_or_diagnostics()
    {
        Gen.String[Gen.Char[Alphabet], 0, 60].Sample(Holds, iter: 10_000);
    }

    [Fact]
    public void Mutated_conformance_expressions_end_in_a_tree_or_diagnostics()
    {
        Gen.Select(Gen.OneOf(Seeds), Gen.Int[0, 1000], Gen.Int[0, 2], Gen.Char[Alphabet], Mutate)
            .Sample(Holds, iter: 10_000);
    }

    /// <summary>Deletes, replaces or inserts one character.</summary>
    private static string Mutate(string source, int at, int how, char c)
    {
        if (source.Length == 0)
        {
            return c.ToString();
        }
        at %= source.Length;
        return how switch
        {
            0 => source.Remove(at, 1),
            1 => string.Concat(source.AsSpan(0, at), c.ToString(), source.AsSpan(at + 1)),
            _ => source.Insert(at, c.ToString()),
        };
    }
}
