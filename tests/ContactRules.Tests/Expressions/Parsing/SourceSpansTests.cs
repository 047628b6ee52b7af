using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Parsing;
using Xunit;

namespace ContactRules.Tests.Expressions.Parsing;

public sealed class SourceSpansTests
{
    [Theory]
    [InlineData("a + b", "+")]
    [InlineData("(a) // why\n  && (b)", "&&")]
    [InlineData("(a - b) - c", "-")]
    [InlineData("x in [1]", "in")]
    [InlineData("a ? b : c", "?")]
    [InlineData("(a)[0]", "[")]
    [InlineData("!a", "!")]
    [InlineData("- a", "-")]
    [InlineData("size(x)", "size")]
    [InlineData("(s).startsWith('a')", "startsWith")]
    [InlineData("phone . isValid(x)", "isValid")]
    [InlineData("a.b", "b")]
    [InlineData("has(a.b)", "has")]
    [InlineData("l.all(x, x > 0)", "all")]
    [InlineData("[1, 2]", "[1, 2]")]
    public void Name_of_a_node_is_its_operator_or_function(string source, string expected)
    {
        var node = ExpressionParser.Parse(source).Expression!;

        var span = SourceSpans.NameOf(source, node);

        Assert.Equal(expected, source.Substring(span.Start, span.Length));
    }

    [Fact]
    public void A_source_the_node_was_not_parsed_from_gives_the_node_span()
    {
        var node = ExpressionParser.Parse("aaaa + bbbb").Expression!;

        Assert.Equal(node.Span, SourceSpans.NameOf("a", node));
    }
}
