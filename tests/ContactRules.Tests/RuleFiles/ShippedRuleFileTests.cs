using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Projects;
using ContactRules.RuleFiles;
using Xunit;

namespace ContactRules.Tests.RuleFiles;

public sealed class ShippedRuleFileTests
{
    public static TheoryData<string> BuiltIn => new(RuleFileLoader.BuiltInNames);

    [Theory]
    [MemberData(nameof(BuiltIn))]
    public void Shipped_rule_files_load_and_compile_without_a_single_diagnostic(string name)
    {
        var diagnostics = new DiagnosticBag();
        var rules = RuleFileLoader.Load("rules/" + name, RuleFileLoader.BuiltInText(name), diagnostics);
        Assert.NotNull(rules);
        var compiled = CompiledRules.Compile(rules, ProjectSettings.Default, diagnostics);
        Assert.Empty(diagnostics.Items.Select(d => d.ToString()));
        Assert.NotNull(compiled);
    }

    [Fact]
    public void The_default_rule_file_uses_exactly_the_codes_and_severities_of_the_design()
    {
        var rules = RuleFileLoader.LoadBuiltIn();
        var used = rules.ContactChecks.Concat(rules.Properties.SelectMany(p => p.Checks))
            .Select(c => (c.Code, c.Severity))
            .Concat(rules.Properties.Where(p => p.Missing is not null).Select(p => (p.Missing!.Code, Severity.Error)))
            .Distinct()
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .ToArray();
        (string, Severity)[] design =
        [
            ("CONTACT_INACTIVE", Severity.Error),
            ("GATEWAY_NOT_FOUND", Severity.Error),
            ("INVALID_EMAIL_ADDRESS", Severity.Error),
            ("LANGUAGE_NOT_DEFINED", Severity.Warning),
            ("NOT_VERIFIED_FOR_TWO_WAY", Severity.Error),
            ("NO_EMAIL_ADDRESS", Severity.Error),
            ("NO_PHONE_NUMBER", Severity.Error),
            ("NO_SUITABLE_GATEWAY", Severity.Error),
            ("PHONE_NUMBER_COUNTRY_CODE", Severity.Error),
            ("PHONE_NUMBER_FORMAT", Severity.Error),
            ("PHONE_NUMBER_IN_USE", Severity.Error),
            ("PHONE_NUMBER_LENGTH", Severity.Error),
            ("PHONE_NUMBER_OPTED_OUT", Severity.Error),
            ("PHONE_NUMBER_UNASSIGNED", Severity.Warning),
            ("TIME_ZONE_UNKNOWN", Severity.Warning),
        ];
        Assert.Equal(design, used);
        Assert.Equal(design.Select(d => d.Item1).Order(StringComparer.Ordinal), rules.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
