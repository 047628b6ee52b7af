using System.Collections.Immutable;
using ContactRules.Expressions;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Compilation;
using ContactRules.Expressions.Runtime;
using Xunit;

namespace ContactRules.Tests.Expressions.Compilation;

/// <summary>Compiled programs: variables, namespaced functions, budgets, depth, threads and tracing.</summary>
public sealed class ProgramTests
{
    private const string Rule = "value.matches('^[0-9]+$') && size(value) > 3 && value.startsWith('91')";

    private static readonly CelEnvironment Env = CelEnvironment.Standard.WithVariable("value", CelType.String);

    private static CelProgram Compile(string source, CelEnvironment? env = null, bool check = true)
    {
        var compiled = (env ?? Env).Compile(source, check);
        Assert.True(compiled.Success, string.Join("; ", compiled.Diagnostics.Select(d => d.Format(source))));
        return compiled.Program!;
    }

    private static Activation With(string value, CelEnvironment? env = null)
    {
        var activation = new Activation(env ?? Env);
        activation.Set("value", value);
        return activation;
    }

    [Theory]
    [InlineData("919812345678", true)]
    [InlineData("91", false)]
    [InlineData("929812345678", false)]
    [InlineData("91981234567x", false)]
    public void The_benchmark_rule_decides_as_written(string value, bool expected)
    {
        Assert.Equal(expected, Compile(Rule).Evaluate(With(value)));
        Assert.Equal(expected, Compile(Rule, check: false).Evaluate(With(value)));
    }

    [Fact]
    public void An_unset_variable_is_an_error_naming_it()
    {
        var result = Compile("value + 'x'").Evaluate(new Activation(Env));
        Assert.Equal("no value for variable `value`", Assert.IsType<CelError>(result).Message);
    }

    [Fact]
    public void A_program_evaluates_concurrently_with_its_own_activations()
    {
        var program = Compile("[1, 2, 3].map(x, [x].map(y, y + size(value))).size() == 3 && value.matches('^[0-9]+$')");
        var failures = 0;
        Parallel.For(0, 2000, i =>
        {
            var digits = i % 2 == 0;
            if (!Equals(program.Evaluate(With(digits ? "123" : "12a")), digits))
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Namespaced_functions_resolve_with_and_without_the_checker()
    {
        var isValid = new FunctionDecl("phone.isValid", "test",
            FunctionOverload.Global("phone_is_valid", CelType.String, CelType.Bool, v => CelValues.Bool(((string)v).Length == 3)));
        var env = Env.WithFunction(isValid);
        Assert.Equal(true, Compile("phone.isValid(value)", env).Evaluate(With("123", env)));
        Assert.Equal(false, Compile("phone.isValid(value)", env, check: false).Evaluate(With("1234", env)));
    }

    [Fact]
    public void Strings_and_lists_are_capped_by_the_collection_limit()
    {
        var env = Env.WithLimits(new EvaluationLimits(MaxSteps: 1_000, MaxCollectionSize: 10));
        Assert.Equal("aaaaaaaaaa", Compile("value + value", env).Evaluate(With("aaaaa", env)));
        Assert.Equal("evaluation budget exceeded", Assert.IsType<CelError>(Compile("value + value", env).Evaluate(With("aaaaaa", env))).Message);
        Assert.IsType<CelError>(Compile("[1, 2, 3, 4, 5, 6].map(x, x) + [1, 2, 3, 4, 5]", env).Evaluate(With("", env)));
        Assert.IsType<CelError>(Compile("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(x, x)", env).Evaluate(With("", env)));
    }

    [Fact]
    public void Steps_are_capped_by_the_step_limit()
    {
        var env = Env.WithLimits(new EvaluationLimits(MaxSteps: 50));
        Assert.Equal(true, Compile("[1, 2, 3, 4, 5].all(x, [1, 2, 3, 4, 5].all(y, x * y > 0))", env).Evaluate(With("", env)));
        var result = Compile("[1, 2, 3, 4, 5, 6, 7, 8].all(x, [1, 2, 3, 4, 5, 6, 7, 8].all(y, x * y > 0)) || true", env).Evaluate(With("", env));
        Assert.Equal("evaluation budget exceeded", Assert.IsType<CelError>(result).Message);
    }

    [Fact]
    public void A_very_deep_tree_is_an_error_not_a_stack_overflow()
    {
        Expr expr = new ConstantExpr(default, 1L);
        for (var i = 0; i < 100_000; i++)
        {
            expr = new CallExpr(default, null, Operators.Add, [expr, new ConstantExpr(default, 1L)]);
        }
        var program = Compiler.Compile("", expr, CelEnvironment.Standard, check: null);
        var result = program.Evaluate(new Activation(CelEnvironment.Standard));
        Assert.Equal("the expression is nested too deeply to evaluate", Assert.IsType<CelError>(result).Message);
    }

    [Fact]
    public void A_trace_holds_every_sub_expression_value()
    {
        var trace = Compile(Rule).EvaluateTraced(With("12"));
        Assert.Equal(false, trace.Value);
        var values = trace.LastValues();
        var size = values.Single(e => e.Key is CallExpr { Function: "size" });
        Assert.Equal(2L, size.Value);
        Assert.Contains(values, e => e.Key is CallExpr { Function: "matches" } && Equals(e.Value, true));
        // The right side of the outer && was skipped, so it has no value.
        Assert.DoesNotContain(values, e => e.Key is CallExpr { Function: "startsWith" });
    }

    [Fact]
    public void Power_assert_prints_each_value_under_its_sub_expression()
    {
        var rendered = Compile("value.matches('^[0-9]+$') && size(value) > 3").EvaluateTraced(With("12")).Render();
        Assert.Equal(
            """
            value.matches('^[0-9]+$') && size(value) > 3
            |     |                   |  |    |      |
            "12"  true                |  2    "12"   false
                                      false
            """.ReplaceLineEndings("\n"),
            rendered);
    }

    [Fact]
    public void Power_assert_shows_errors_lists_and_doubles_as_literals()
    {
        var rendered = Compile("[1.0, 2.5].map(x, x * 2.0)[value.size()] > 1.0").EvaluateTraced(With("12")).Render();
        Assert.Equal(
            """
            [1.0, 2.5].map(x, x * 2.0)[value.size()] > 1.0
            |          |      | |     ||     |       |
            [1.0, 2.5] |      | 5.0   |"12"  2       error: index 2 out of range for a list of size 2
                       |      2.5     error: index 2 out of range for a list of size 2
                       [2.0, 5.0]
            """.ReplaceLineEndings("\n"),
            rendered);
    }
}
