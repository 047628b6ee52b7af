using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Parsing;

using Xunit;

namespace ContactRules.Tests.Expressions.Parsing;

/// <summary>The case files: <c>Cases/parsing/*.txt</c> (expression ⇶ printed tree) and <c>Cases/errors/syntax.txt</c>.</summary>
public sealed class ParserCaseTests
{
    /// <summary>Several errors of one expression are joined with this in the error case file.</summary>
    public const string ErrorSeparator = " ◆ ";

    public static TheoryData<string, string, string> ParseCases => CaseFile.Theory("parsing/*.txt");

    public static TheoryData<string, string, string> SyntaxErrorCases => CaseFile.Theory("errors/syntax.txt");

    [Theory]
    [MemberData(nameof(ParseCases))]
    public void Expression_parses_to_the_printed_tree(string location, string source, string expected)
    {
        var result = ExpressionParser.Parse(source);

        Assert.True(result.Diagnostics.IsEmpty, $"{location}: {string.Join(ErrorSeparator, result.Diagnostics.Select(d => d.Format(source)))}");
        Assert.Equal(expected, ExprPrinter.Print(result.Expression!));
    }

    [Theory]
    [MemberData(nameof(ParseCases))]
    public void Printed_source_parses_back_to_the_same_tree(string location, string source, string expected)
    {
        var tree = ExpressionParser.Parse(source).Expression!;

        var reprinted = ExprPrinter.ToSource(tree);
        var reparsed = ExpressionParser.Parse(reprinted);

        Assert.True(reparsed.Diagnostics.IsEmpty, $"{location}: `{reprinted}`: {string.Join(ErrorSeparator, reparsed.Diagnostics.Select(d => d.Format(reprinted)))}");
        Assert.Equal(expected, ExprPrinter.Print(reparsed.Expression!));
    }

    [Theory]
    [MemberData(nameof(SyntaxErrorCases))]
    public void Malformed_expression_reports_exactly_these_errors(string location, string source, string expected)
    {
        var result = ExpressionParser.Parse(source);

        Assert.Null(result.Expression);
        Assert.Equal(expected, string.Join(ErrorSeparator, result.Diagnostics.Select(d => d.Format(source))));
        _ = location;
    }
}
