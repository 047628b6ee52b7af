using System.Collections.Immutable;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;
using Xunit;

namespace ContactRules.Tests.Expressions.Checking;

/// <summary>
/// Random trees, well-formed and not, built from the test environment's names plus misspellings: the checker
/// never throws (with or without a source that matches the spans), and an unknown part never causes a second complaint that mentions the type it could not know.
/// </summary>
public sealed class RandomTreeTests
{
    private const int Trees = 20_000;

    private const string Source = "value.startsWith('a') + [1, 2][0] ? x : !y";

    private static readonly string[] Names = ["value", "n", "d", "flag", "names", "counts", "x", "case", "vlaue", "e", "phone"];

    private static readonly string[] Functions =
    [
        Operators.Add, Operators.Subtract, Operators.Equal, Operators.Less, Operators.In, Operators.Index, Operators.LogicalAnd,
        Operators.LogicalOr, Operators.LogicalNot, Operators.Negate, Operators.Conditional, "size", "startsWith", "matches",
        "int", "string", "dyn", "format", "sise", "isValid", "phone.isValid",
    ];

    private static readonly string[] Fields = ["name", "properties", "phone", "nmae", "id", "closed", "y"];

    private static readonly object[] Constants = [1L, -2L, 1.5, "a", "%d", "[0-9", true, false, CelNull.Value];

    [Fact]
    public void Checking_random_trees_never_throws_and_never_complains_about_an_unknown_type()
    {
        var random = new Random(20261127);
        for (var i = 0; i < Trees; i++)
        {
            var tree = Tree(random, depth: 5);

            // A source the random spans do not describe: pointing at names must cope with that too.
            var result = Checker.Check(tree, TestEnvironment.Instance, i % 2 == 0 ? null : Source);

            Assert.All(result.Diagnostics, d => Assert.DoesNotContain("error", d.Message, StringComparison.Ordinal));
            Assert.True(!result.Success || !TypeRelations.IsError(result.ResultType), $"no diagnostic, yet an error type: {tree}");
        }
    }

    private static Expr Tree(Random random, int depth)
    {
        var span = new TextSpan(random.Next(0, 40), random.Next(0, 10));
        var kind = depth == 0 ? random.Next(0, 2) : random.Next(0, 7);
        switch (kind)
        {
            case 0:
                return new ConstantExpr(span, Constants[random.Next(Constants.Length)]);
            case 1:
                return new IdentExpr(span, Names[random.Next(Names.Length)]);
            case 2:
                return new SelectExpr(span, Tree(random, depth - 1), Fields[random.Next(Fields.Length)], IsTest: random.Next(4) == 0);
            case 3:
                var target = random.Next(3) == 0 ? Tree(random, depth - 1) : null;
                return new CallExpr(span, target, Functions[random.Next(Functions.Length)], Many(random, depth, random.Next(0, 4)));
            case 4:
                return new ListExpr(span, Many(random, depth, random.Next(0, 3)));
            case 5:
                var entries = ImmutableArray.CreateRange(Enumerable.Range(0, random.Next(0, 3)).Select(_ =>
                    new MapEntry(span, Tree(random, depth - 1), Tree(random, depth - 1))));
                return new MapExpr(span, entries);
            default:
                var macro = (MacroKind)random.Next(0, 7);
                var two = random.Next(2) == 0;
                return new MacroExpr(span, macro, Tree(random, depth - 1), Names[random.Next(Names.Length)], two ? "e" : null,
                    random.Next(3) == 0 ? Tree(random, depth - 1) : null, Tree(random, depth - 1));
        }
    }

    private static ImmutableArray<Expr> Many(Random random, int depth, int count) =>
        ImmutableArray.CreateRange(Enumerable.Range(0, count).Select(_ => Tree(random, depth - 1)));
}
