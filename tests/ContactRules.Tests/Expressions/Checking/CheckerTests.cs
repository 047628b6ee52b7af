using System.Collections.Immutable;
using ContactRules.Expressions;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;
using Xunit;

namespace ContactRules.Tests.Expressions.Checking;

/// <summary>What the checker hands the compiler, and its robustness on any AST.</summary>
public sealed class CheckerTests
{
    private static readonly TextSpan At0 = new(0, 1);

    [Fact]
    public void Types_are_keyed_by_node_identity_not_by_value()
    {
        var one = new ConstantExpr(At0, 1L);
        var sameValue = new ConstantExpr(At0, 1L);
        var list = new ListExpr(new TextSpan(0, 5), [one, sameValue]);

        var result = Checker.Check(list, CelEnvironment.Standard);

        Assert.Equal(3, result.Types.Count);
        Assert.Equal(CelType.Int, result.Types[one]);
        Assert.Equal(CelType.List(CelType.Int), result.ResultType);
        Assert.True(result.Success);
    }

    [Fact]
    public void A_namespaced_call_resolves_to_the_global_function()
    {
        var call = (CallExpr)Parse("phone.isValid(value)");

        var result = Checker.Check(call, TestEnvironment.Instance);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("phone.isValid", result.Functions[call].Name);
        Assert.Equal("phone_is_valid", result.Overloads[call].Id);
        Assert.False(result.Types.ContainsKey(call.Target!));
    }

    [Fact]
    public void The_overload_is_recorded_only_when_the_types_choose_one()
    {
        var exact = (CallExpr)Parse("size(value)");
        var dynamic = (CallExpr)Parse("x + x");

        var exactResult = Checker.Check(exact, TestEnvironment.Instance);
        var dynamicResult = Checker.Check(dynamic, TestEnvironment.Instance);

        Assert.Equal("size_string", exactResult.Overloads[exact].Id);
        Assert.Equal("_+_", dynamicResult.Functions[dynamic].Name);
        Assert.False(dynamicResult.Overloads.ContainsKey(dynamic));
    }

    [Fact]
    public void Iteration_variables_exist_only_inside_their_macro()
    {
        var result = Checker.Check(Parse("[1].all(i, i > 0) && i > 0"), TestEnvironment.Instance);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticStage.Check, diagnostic.Stage);
        Assert.Equal(new TextSpan(21, 1), diagnostic.Span);
    }

    [Fact]
    public void A_macro_variable_shadows_a_declared_variable()
    {
        var macro = (MacroExpr)Parse("names.map(x, x + '!')");

        var result = Checker.Check(macro, TestEnvironment.Instance);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(CelType.List(CelType.String), result.ResultType);
        Assert.Equal(CelType.String, result.Types[((CallExpr)macro.Step).Args[0]]);
    }

    private static readonly Dictionary<string, Expr> Malformed = new()
    {
        ["default argument array"] = new CallExpr(At0, null, "size", default),
        ["null function name"] = new CallExpr(At0, null, null!, [new ConstantExpr(At0, 1L)]),
        ["null argument"] = new CallExpr(At0, null, Operators.Add, [null!, new ConstantExpr(At0, 1L)]),
        ["conditional with one argument"] = new CallExpr(At0, null, Operators.Conditional, [new ConstantExpr(At0, true)]),
        ["logical and with a target"] = new CallExpr(At0, new IdentExpr(At0, "x"), Operators.LogicalAnd, [new ConstantExpr(At0, true)]),
        ["null identifier"] = new IdentExpr(At0, null!),
        ["select of null"] = new SelectExpr(At0, null!, null!),
        ["has of a null field"] = new SelectExpr(At0, new IdentExpr(At0, "case"), null!, IsTest: true),
        ["constant of a foreign type"] = new ConstantExpr(At0, Guid.Empty),
        ["null constant value"] = new ConstantExpr(At0, null!),
        ["default list"] = new ListExpr(At0, default),
        ["default map"] = new MapExpr(At0, default),
        ["null map entry"] = new MapExpr(At0, [null!]),
        ["macro over nothing"] = new MacroExpr(At0, MacroKind.Map, null!, null!, null, null, null!),
        ["macro of an unknown kind"] = new MacroExpr(At0, (MacroKind)99, new ListExpr(At0, []), "e", "f", null, new IdentExpr(At0, "e")),
        ["matches with a null pattern"] = new CallExpr(At0, new IdentExpr(At0, "value"), "matches", [null!]),
    };

    // By name: some of these trees cannot even print themselves.
    public static TheoryData<string> MalformedTrees => [.. Malformed.Keys];

    [Theory]
    [MemberData(nameof(MalformedTrees))]
    public void Never_throws_on_a_malformed_tree(string description)
    {
        var result = Checker.Check(Malformed[description], TestEnvironment.Instance);

        Assert.NotNull(result.ResultType);
    }

    [Fact]
    public void A_tree_too_deep_to_walk_is_reported_once_instead_of_overflowing_the_stack()
    {
        Expr tree = new ConstantExpr(At0, true);
        for (var i = 0; i < 200_000; i++)
        {
            tree = new CallExpr(At0, null, Operators.LogicalNot, [tree]);
        }

        var result = Checker.Check(tree, TestEnvironment.Instance);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("the expression is nested too deeply to check", diagnostic.Message);
    }

    private static Expr Parse(string expression) =>
        CheckerTesting.Parse(expression) ?? throw new ArgumentException("does not parse: " + expression, nameof(expression));
}
