using ContactRules.Expressions;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Parsing;
using ContactRules.Expressions.Runtime;
using Xunit;

namespace ContactRules.Tests.Expressions.Parsing;

/// <summary>What the case files cannot say on one line: spans, positions across lines, values, and robustness.</summary>
public sealed class ParserTests
{
    private static Expr ParseValid(string source)
    {
        var result = ExpressionParser.Parse(source);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics.Select(d => d.Format(source))));
        return result.Expression!;
    }

    private static string[] Errors(string source) =>
        [.. ExpressionParser.Parse(source).Diagnostics.Select(d => d.Format(source))];

    /// <summary>The source text under every node's span, in pre-order (map entries as <c>entry</c>, key, value).</summary>
    private static List<string> SpanTexts(string source, Expr root)
    {
        var texts = new List<string>();
        void Visit(Expr e)
        {
            texts.Add(source.Substring(e.Span.Start, e.Span.Length));
            switch (e)
            {
                case SelectExpr s:
                    Visit(s.Operand);
                    break;
                case CallExpr c:
                    if (c.Target is not null)
                    {
                        Visit(c.Target);
                    }
                    foreach (var a in c.Args)
                    {
                        Visit(a);
                    }
                    break;
                case ListExpr l:
                    foreach (var x in l.Elements)
                    {
                        Visit(x);
                    }
                    break;
                case MapExpr m:
                    foreach (var entry in m.Entries)
                    {
                        texts.Add(string.Concat("entry ", source.AsSpan(entry.Span.Start, entry.Span.Length)));
                        Visit(entry.Key);
                        Visit(entry.Value);
                    }
                    break;
                case MacroExpr m:
                    Visit(m.Range);
                    if (m.Filter is not null)
                    {
                        Visit(m.Filter);
                    }
                    Visit(m.Step);
                    break;
            }
        }
        Visit(root);
        return texts;
    }

    public static TheoryData<string, string[]> Spans => new()
    {
        { "a + b * c", ["a + b * c", "a", "b * c", "b", "c"] },
        { "(a + b) * c", ["(a + b) * c", "a + b", "a", "b", "c"] },
        { "  x  ", ["x"] },
        { "-1", ["-1"] },
        { "- 1", ["- 1"] },
        { "-(1)", ["-(1)", "1"] },
        { "!!a", ["!!a", "!a", "a"] },
        { "a ? b : c", ["a ? b : c", "a", "b", "c"] },
        { "a.b.c", ["a.b.c", "a.b", "a"] },
        { "(a).b", ["(a).b", "a"] },
        { "a[0]", ["a[0]", "a", "0"] },
        { "f(x, y)", ["f(x, y)", "x", "y"] },
        { "x.f(y)", ["x.f(y)", "x", "y"] },
        { "phone.isValid(x)", ["phone.isValid(x)", "phone", "x"] },
        { "has(a.b)", ["has(a.b)", "a"] },
        { "[1, 'two',]", ["[1, 'two',]", "1", "'two'"] },
        { "{'k': v}", ["{'k': v}", "entry 'k': v", "'k'", "v"] },
        { "l.all(x, x > 0)", ["l.all(x, x > 0)", "l", "x > 0", "x", "0"] },
        { "l.map(x, x > 0, x * 2)", ["l.map(x, x > 0, x * 2)", "l", "x > 0", "x", "0", "x * 2", "x", "2"] },
        { "r'\\d' + \"\"\"a\"\"\"", ["r'\\d' + \"\"\"a\"\"\"", "r'\\d'", "\"\"\"a\"\"\""] },
        { "a // note\n && b", ["a // note\n && b", "a", "b"] },
    };

    [Theory]
    [MemberData(nameof(Spans))]
    public void Every_node_spans_exactly_its_source_text(string source, string[] expected)
    {
        Assert.Equal(expected, SpanTexts(source, ParseValid(source)));
    }

    [Fact]
    public void Error_spans_cover_the_offending_token()
    {
        var result = ExpressionParser.Parse("f(1 +, 'a\\q')");

        Assert.Equal([new TextSpan(5, 1), new TextSpan(9, 2)], result.Diagnostics.Select(d => d.Span));
    }

    [Fact]
    public void Literals_have_their_runtime_values()
    {
        Assert.Equal(long.MinValue, ((ConstantExpr)ParseValid("-9223372036854775808")).Value);
        Assert.Equal(long.MaxValue, ((ConstantExpr)ParseValid("0x7fffffffffffffff")).Value);
        Assert.Equal(1e10, ((ConstantExpr)ParseValid("1e10")).Value);
        Assert.True(double.IsNegative((double)((ConstantExpr)ParseValid("-0.0")).Value));
        Assert.Same(CelNull.Value, ((ConstantExpr)ParseValid("null")).Value);
        Assert.Equal(true, ((ConstantExpr)ParseValid("true")).Value);
        Assert.Equal("\u00e9\U0001F431\n", ((ConstantExpr)ParseValid("'\\u00e9\\U0001F431\\n'")).Value);
    }

    [Fact]
    public void Operators_are_calls_to_the_operator_functions()
    {
        var call = Assert.IsType<CallExpr>(ParseValid("a in b"));

        Assert.Equal(Operators.In, call.Function);
        Assert.Null(call.Target);
        Assert.True(call.IsOperator);
    }

    [Fact]
    public void Namespaced_function_is_a_receiver_call_on_the_namespace_identifier()
    {
        var call = Assert.IsType<CallExpr>(ParseValid("phone.isValid(x)"));

        Assert.Equal("isValid", call.Function);
        Assert.Equal("phone", Assert.IsType<IdentExpr>(call.Target).Name);
    }

    [Fact]
    public void Macros_keep_variables_filter_and_step_apart()
    {
        var macro = Assert.IsType<MacroExpr>(ParseValid("m.transformMap(k, v, k != 'a', v + 1)"));

        Assert.Equal((MacroKind.TransformMap, "k", "v"), (macro.Kind, macro.IterVar, macro.IterVar2));
        Assert.Equal("(!= k \"a\")", ExprPrinter.Print(macro.Filter!));
        Assert.Equal("(+ v 1)", ExprPrinter.Print(macro.Step));
    }

    [Fact]
    public void Whitespace_comments_and_strings_may_span_lines()
    {
        const string Source = "// leading comment\r\n  a &&\n\t// another\n  '''one\ntwo''' == \"\"\"x\r\ny\"\"\" // end";

        Assert.Equal("(&& a (== \"one\\ntwo\" \"x\\r\\ny\"))", ExprPrinter.Print(ParseValid(Source)));
    }

    [Fact]
    public void Positions_count_lines_and_columns()
    {
        Assert.Equal(["Syntax error (line 3, column 5): unexpected `)`, expected expression"], Errors("a &&\n  b ||\n    )"));
    }

    [Fact]
    public void A_line_break_ends_a_single_quoted_string()
    {
        Assert.Equal(
            [
                "Syntax error (line 1, column 1): unterminated string literal: missing closing `'`",
                "Syntax error (line 2, column 1): unexpected `c`, expected end of expression",
                "Syntax error (line 2, column 2): unterminated string literal: missing closing `'`",
            ],
            Errors("'a\nc'"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("// only a comment")]
    public void Nothing_to_parse_is_an_error(string source)
    {
        var error = Assert.Single(Errors(source));

        Assert.EndsWith("unexpected end of expression, expected expression", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_text_is_an_empty_expression_not_an_exception()
    {
        Assert.Single(ExpressionParser.Parse(null!).Diagnostics);
    }

    [Fact]
    public void Parsing_on_many_threads_at_once_gives_the_same_trees()
    {
        string[] sources = ["a + b * c", "l.all(x, x > 0)", "f(1 +, 2)", "'\\q' + 1u", "{'k': [1, 2]}.k[0]", new string('(', 100) + "1" + new string(')', 100)];
        var expected = sources.Select(Describe).ToArray();

        var mismatches = 0;
        Parallel.For(0, 2_000, n =>
        {
            if (Describe(sources[n % sources.Length]) != expected[n % sources.Length])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);

        static string Describe(string source)
        {
            var result = ExpressionParser.Parse(source);
            return result.Expression is { } e ? ExprPrinter.Print(e) : string.Join("|", result.Diagnostics.Select(d => d.Format(source)));
        }
    }

    // ---- Limits: no input may overflow the stack, hang, or throw.

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("{1: ", "}")]
    [InlineData("f(", ")")]
    [InlineData("a[", "]")]
    [InlineData("x ? 1 : ", "")]
    [InlineData("!", "")]
    [InlineData("-", "")]
    [InlineData("1 + ", "")]
    [InlineData("a.b(", ")")]
    public void Nesting_deeper_than_the_limit_is_one_clear_error(string open, string close)
    {
        foreach (var depth in new[] { Grammar.MaxDepth + 1, 100_000 })
        {
            var source = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));

            var result = ExpressionParser.Parse(source);

            Assert.Null(result.Expression);
            var error = Assert.Single(result.Diagnostics);
            Assert.Equal($"expression nested too deeply (the limit is {Grammar.MaxDepth} levels)", error.Message);
        }
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("!", "")]
    [InlineData("f(", ")")]
    [InlineData("{1: ", "}")]
    [InlineData("x ? 1 : ", "")]
    public void Nesting_within_the_limit_parses(string open, string close)
    {
        var depth = Grammar.MaxDepth - 1;
        var source = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));

        Assert.NotNull(ExpressionParser.Parse(source).Expression);
    }

    [Fact]
    public void Nesting_up_to_the_limit_parses_even_on_a_small_stack()
    {
        var deepest = Grammar.MaxDepth - 1;
        ParseResult? result = null;
        var thread = new Thread(() => result = ExpressionParser.Parse(new string('(', deepest) + "1" + new string(')', deepest)), 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.NotNull(result!.Expression);
    }

    [Fact]
    public void Long_flat_inputs_parse_in_linear_time()
    {
        var list = "[" + string.Join(", ", Enumerable.Range(0, 100_000)) + "]";
        var text = "'" + new string('x', 1_000_000) + "'";
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        Assert.Equal(100_000, ((ListExpr)ParseValid(list)).Elements.Length);
        Assert.Equal(1_000_000, ((string)((ConstantExpr)ParseValid(text)).Value).Length);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), stopwatch.Elapsed.ToString());
    }

    [Fact]
    public void Many_broken_elements_do_not_take_exponential_time()
    {
        var source = string.Concat(Enumerable.Repeat("f(1 + (2 *, ", 60)) + string.Concat(Enumerable.Repeat(")", 60));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        Assert.NotEmpty(ExpressionParser.Parse(source).Diagnostics);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), stopwatch.Elapsed.ToString());
    }
}
