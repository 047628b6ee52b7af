using System.Collections.Immutable;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Parsing;
using ContactRules.Expressions.Runtime;
using Xunit;

namespace ContactRules.Tests.Expressions.Parsing;

public sealed class ExprPrinterTests
{
    [Theory]
    [InlineData("(a + b) * c", "(a + b) * c")]
    [InlineData("a - (b - c)", "a - (b - c)")]
    [InlineData("(a - b) - c", "a - b - c")]
    [InlineData("((a))", "a")]
    [InlineData("-(1)", "-(1)")]
    [InlineData("-1", "-1")]
    [InlineData("(-1).f()", "(-1).f()")]
    [InlineData("-(-x)", "--x")]
    [InlineData("!(a && b)", "!(a && b)")]
    [InlineData("a ? b : (c ? d : e)", "a ? b : c ? d : e")]
    [InlineData("(a ? b : c) ? d : e", "(a ? b : c) ? d : e")]
    [InlineData("a ? (b ? c : d) : e", "a ? (b ? c : d) : e")]
    [InlineData("(a || b) && c", "(a || b) && c")]
    [InlineData("(a + b).c[0]", "(a + b).c[0]")]
    [InlineData("x in (y + z)", "x in y + z")]
    [InlineData("(x in y) == true", "x in y == true")]
    [InlineData("x == (y == z)", "x == (y == z)")]
    [InlineData("r'\\d' + '\\n\"'", "\"\\\\d\" + \"\\n\\\"\"")]
    [InlineData("'\\x01\\u200b'", "\"\\u0001\\u200B\"")]
    [InlineData("1e10 + .5 + 2.0", "10000000000.0 + 0.5 + 2.0")]
    [InlineData("{'a': [1, 2,],}", "{\"a\": [1, 2]}")]
    [InlineData("has(a.b) && m.all(k, v, k != v)", "has(a.b) && m.all(k, v, k != v)")]
    [InlineData("l.existsOne(x, x)", "l.exists_one(x, x)")]
    [InlineData("l.map(x, x > 0, -x)", "l.map(x, x > 0, -x)")]
    [InlineData("phone . isValid ( x )", "phone.isValid(x)")]
    public void Source_form_has_only_the_parentheses_precedence_needs(string source, string expected)
    {
        Assert.Equal(expected, ExprPrinter.ToSource(ExpressionParser.Parse(source).Expression!));
    }

    [Fact]
    public void Constants_print_as_cel_literals()
    {
        Assert.Equal(["null", "true", "-7", "1.0", "-0.0", "1e-07", "double(\"NaN\")", "double(\"-Infinity\")", "\"a\\tb\""],
            new object[] { CelNull.Value, true, -7L, 1.0, -0.0, 1e-7, double.NaN, double.NegativeInfinity, "a\tb" }.Select(ExprPrinter.FormatConstant));
    }

    [Fact]
    public void Tree_form_of_a_hand_built_expression()
    {
        var span = new TextSpan(0, 0);
        var x = new IdentExpr(span, "x");
        var expr = new MacroExpr(span, MacroKind.Map, new ListExpr(span, [new ConstantExpr(span, 1L)]), "x", null,
            new CallExpr(span, null, Operators.Greater, [x, new ConstantExpr(span, 0L)]),
            new CallExpr(span, x, "f", ImmutableArray<Expr>.Empty));

        Assert.Equal("(@map [1] x (> x 0) (.f x))", ExprPrinter.Print(expr));
        Assert.Equal("[1].map(x, x > 0, x.f())", ExprPrinter.ToSource(expr));
    }
}
