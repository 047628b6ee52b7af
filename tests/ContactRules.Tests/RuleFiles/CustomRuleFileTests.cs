using System.Collections.ObjectModel;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Projects;
using ContactRules.RuleFiles;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.RuleFiles;

/// <summary>examples/custom-rules.yaml, the customised rule file of the README's walk-through: it lints clean and does what it says.</summary>
public sealed class CustomRuleFileTests
{
    private static readonly string PathOfExample = Path.Combine(CliRunner.RepositoryRoot, "examples", "custom-rules.yaml");

    [Fact]
    public void The_example_loads_and_compiles_without_a_diagnostic()
    {
        var diagnostics = new DiagnosticBag();
        var compiled = RuleSetLoader.Load(PathOfExample, null, diagnostics);
        Assert.Empty(diagnostics.Items.Select(d => d.ToString()));
        Assert.NotNull(compiled);
    }

    [Theory]
    [InlineData("+91 98123-45678", "+919812345678")]
    [InlineData("91-98123-45678", "+919812345678")]
    [InlineData("1 202 555 0147", "+12025550147")] // North America: fixed line or mobile
    public void Spaces_dashes_and_a_leading_plus_are_accepted(string raw, string destination)
    {
        var sms = Judge(raw).Channel("sms")!;
        Assert.True(sms.Eligible, string.Join("; ", sms.Reasons.Select(r => r.Message)));
        Assert.Equal(destination, sms.Destination);
    }

    [Theory]
    [InlineData("(91) 98123.45678", "PHONE_NUMBER_FORMAT")] // parentheses and dots are still not allowed
    [InlineData("91+9812345678", "PHONE_NUMBER_FORMAT")] // a "+" only at the start
    [InlineData("911123456789", "PHONE_NUMBER_NOT_MOBILE")] // a Delhi landline
    [InlineData("15551234567", "PHONE_NUMBER_NOT_MOBILE")] // the seed's example: in no assigned range
    public void Other_characters_and_numbers_that_are_not_mobile_are_rejected(string raw, string code)
    {
        var sms = Judge(raw).Channel("sms")!;
        Assert.False(sms.Eligible);
        Assert.Equal(code, sms.Reasons[0].Code);
    }

    private static ContactVerdict Judge(string phoneNumber)
    {
        var diagnostics = new DiagnosticBag();
        var compiled = CompiledRules.Compile(RuleFileLoader.LoadFile(PathOfExample, diagnostics)!, ProjectSettings.Default, diagnostics)!;
        return compiled.Evaluate(new CaseRecord
        {
            Id = "c1",
            Properties = new ReadOnlyDictionary<string, string>(new Dictionary<string, string> { ["contact_phone_number"] = phoneNumber }),
        });
    }
}
