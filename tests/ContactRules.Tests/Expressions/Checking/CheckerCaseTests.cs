using ContactRules.Expressions;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Parsing;
using ContactRules.Tests.Expressions.Parsing;

using Xunit;

namespace ContactRules.Tests.Expressions.Checking;

/// <summary>The checker's specification by example: Cases/errors/check.txt and Cases/checking/types.txt.</summary>
public sealed class CheckerCaseTests
{
    public static TheoryData<string, string, string> ErrorCases => CaseFile.Theory("errors/check.txt");

    public static TheoryData<string, string, string> TypeCases => CaseFile.Theory("checking/types.txt");

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Reports_every_problem_with_its_position(string location, string expression, string expected)
    {
        var result = Check(expression, location);

        var actual = string.Join(CaseFile.Arrow, result.Diagnostics.Select(d => d.Format(expression)));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(TypeCases))]
    public void Infers_the_type(string location, string expression, string expected)
    {
        var result = Check(expression, location);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(expected, result.ResultType.ToString());
    }

    internal static CheckResult Check(string expression, string location)
    {
        var parsed = CheckerTesting.Parse(expression);
        Assert.True(parsed is not null, $"{location}: does not parse");
        return Checker.Check(parsed, TestEnvironment.Instance, expression);
    }
}

/// <summary>Parsing for the checker's tests.</summary>
internal static class CheckerTesting
{
    /// <summary>The expression's tree, or null when it has a syntax error.</summary>
    public static Expr? Parse(string expression) =>
        ExpressionParser.Parse(expression) is { Expression: { } tree, Diagnostics.IsEmpty: true } ? tree : null;
}
