using System.Reflection;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Diagnostics;

/// <summary>Each kind of checker error has its own code, so <c>lint --format json</c> consumers can tell them apart; every code is documented.</summary>
public sealed class DiagnosticCodeTests
{
    [Theory]
    [InlineData("valu.matches('^[0-9]+$')", DiagnosticCodes.UnknownVariable)]
    [InlineData("case.nme == ''", DiagnosticCodes.UnknownField)]
    [InlineData("phone.isPossibel(value)", DiagnosticCodes.UnknownFunction)]
    [InlineData("phone.isPossible(value, value)", DiagnosticCodes.WrongArgumentCount)]
    [InlineData("value.size() == 'x'", DiagnosticCodes.TypeMismatch)]
    [InlineData("(size(value) ? true : false)", DiagnosticCodes.TypeMismatch)]
    [InlineData("value.matches('[0-9')", DiagnosticCodes.InvalidRegex)]
    [InlineData("value.matches(", DiagnosticCodes.ExpressionSyntax)]
    [InlineData("size(value)", DiagnosticCodes.ExpressionType)]
    public void A_checker_error_carries_the_code_of_its_kind(string rule, string code)
    {
        var diagnostics = new DiagnosticBag();
        var yaml = File.ReadAllText(CliRunner.InRepository("rules/commcare-case-contact.yaml"))
            .Replace("\"value.matches('^[0-9]+$')\"", "\"" + rule.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), "contactrules-codes-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, yaml);
        try
        {
            Assert.Null(RuleSetLoader.Load(path, null, diagnostics));
        }
        finally
        {
            File.Delete(path);
        }
        var error = Assert.Single(diagnostics.Items, d => d.IsError);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Every_diagnostic_code_is_documented()
    {
        var documented = File.ReadAllText(CliRunner.InRepository("docs/rule-files.md"));
        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
        Assert.All(codes, code => Assert.Contains("| `" + code + "` |", documented, StringComparison.Ordinal));
    }
}
