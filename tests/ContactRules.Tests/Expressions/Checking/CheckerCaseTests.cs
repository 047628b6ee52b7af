using ContactRules.Expressions;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Checking;

using Xunit;

namespace ContactRules.Tests.Expressions.Checking;

/// <summary>The checker's specification by example: Cases/errors/check.txt and Cases/checking/types.txt.</summary>
public sealed class CheckerCaseTests
{
    public static TheoryData<string, string, string> ErrorCases => CaseFile.Read("errors/check.txt");

    public static TheoryData<string, string, string> TypeCases => CaseFile.Read("checking/types.txt");

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
        return Checker.Check(parsed, TestEnvironment.Instance);
    }
}

/// <summary>Parsing for the checker's tests.</summary>
internal static class CheckerTesting
{
    public static Expr? Parse(string expression) => TestParser.Parse(expression);
}
