using System.Text.Json;
using System.Xml.Linq;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Testing;

/// <summary><c>contactrules test</c> as a user runs it: the shipped suites, a broken copy, the formats and the exit codes.</summary>
public sealed class TestCommandTests
{
    private static string Rules(string file) => CliRunner.InRepository(Path.Combine("rules", file));

    /// <summary>A copy of the default rules and their suite, with <paramref name="edit"/> applied to the rules.</summary>
    private static string BrokenCopy(Func<string, string> edit)
    {
        var directory = Directory.CreateTempSubdirectory("contactrules-test-").FullName;
        File.WriteAllText(Path.Combine(directory, "commcare-case-contact.yaml"), edit(File.ReadAllText(Rules("commcare-case-contact.yaml"))));
        File.Copy(Rules("commcare-case-contact.tests.yaml"), Path.Combine(directory, "commcare-case-contact.tests.yaml"));
        return directory;
    }

    [Theory]
    [InlineData("commcare-case-contact.tests.yaml")]
    [InlineData("commcare-hq-compatible.tests.yaml")]
    public void The_shipped_suites_pass_with_every_check_and_code_covered(string suite)
    {
        var result = CliRunner.RunInProcess("test", Rules(suite), "--coverage", "--coverage-min", "100", "--format", "json");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(0, json.RootElement.GetProperty("failed").GetInt32());
        var coverage = Assert.Single(json.RootElement.GetProperty("coverage").EnumerateArray());
        Assert.Equal(100, coverage.GetProperty("checks_percent").GetDouble());
        Assert.Equal(100, coverage.GetProperty("codes_percent").GetDouble());
    }

    [Fact]
    public void Breaking_one_check_fails_exactly_the_tests_that_cover_it_each_drawn_with_its_values()
    {
        // "+" now passes the format check: only the "+" row of the punctuation table covers that.
        var directory = BrokenCopy(rules => rules.Replace("value.matches('^[0-9]+$')", "value.matches('^[0-9+]+$')", StringComparison.Ordinal));
        var result = CliRunner.RunInProcess("test", directory);
        Assert.Equal(1, result.ExitCode);
        var failed = result.Out.Split('\n').Where(l => l.StartsWith("  ✘", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["  ✘ spaces, dashes, \"+\" or other punctuation are not allowed [+919812345678]"], failed);
        Assert.Contains("sms.reasons: expected PHONE_NUMBER_FORMAT (only), got PHONE_NUMBER_COUNTRY_CODE", result.Out, StringComparison.Ordinal);
        Assert.Contains("PHONE_NUMBER_FORMAT passed at ", result.Out, StringComparison.Ordinal);
        Assert.Contains("value.matches('^[0-9+]+$')", result.Out, StringComparison.Ordinal);
        Assert.Contains("\"+919812345678\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_that_always_fails_is_drawn_where_it_closed_a_channel()
    {
        var directory = BrokenCopy(rules => rules.Replace("rule: \"email.isValid(value)\"", "rule: \"email.isValid(value) && size(value) < 5\"", StringComparison.Ordinal));
        var result = CliRunner.RunInProcess("test", directory, "--filter", "every channel");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("email.eligible: expected true, got false (INVALID_EMAIL_ADDRESS)", result.Out, StringComparison.Ordinal);
        Assert.Contains("INVALID_EMAIL_ADDRESS failed on commcare_email_address:", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 tests, 0 passed, 1 failed", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repair_that_changes_fails_the_test_that_names_it_with_both_values()
    {
        // Trimming instead of taking the bare address: "Asha <asha@example.org>" is no longer repaired.
        var directory = BrokenCopy(rules => rules.Replace("suggest: \"email.address(value)\"", "suggest: \"value.trim()\"", StringComparison.Ordinal));
        var result = CliRunner.RunInProcess("test", directory, "--filter", "bare address");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("suggested.commcare_email_address: expected asha@example.org, got none", result.Out, StringComparison.Ordinal);
        Assert.Contains("INVALID_EMAIL_ADDRESS failed on commcare_email_address:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repair_of_the_wrong_confidence_fails()
    {
        var directory = BrokenCopy(rules => rules.Replace("suggest: \"phone.clean(value)\"", "suggest: \"phone.clean(value)\"\n        confidence: likely", StringComparison.Ordinal));
        var result = CliRunner.RunInProcess("test", directory, "--filter", "punctuation is taken out");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("suggested.contact_phone_number: expected 919812345678 (certain), got 919812345678 (likely)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Junit_output_is_xml_ci_systems_read()
    {
        var directory = BrokenCopy(rules => rules.Replace("value.matches('^[0-9]+$')", "value.matches('^[0-9+]+$')", StringComparison.Ordinal));
        var result = CliRunner.RunInProcess("test", directory, "--format", "junit");
        Assert.Equal(1, result.ExitCode);
        var suites = XDocument.Parse(result.Out).Root!;
        Assert.Equal("testsuites", suites.Name.LocalName);
        Assert.Equal("1", suites.Attribute("failures")!.Value);
        var failure = Assert.Single(suites.Descendants("failure"));
        Assert.Contains("PHONE_NUMBER_FORMAT", failure.Attribute("message")!.Value, StringComparison.Ordinal);
        Assert.True(int.Parse(suites.Attribute("tests")!.Value, System.Globalization.CultureInfo.InvariantCulture) > 30);
    }

    [Fact]
    public void A_filter_that_matches_nothing_passes_unless_empty_runs_must_fail()
    {
        Assert.Equal(0, CliRunner.RunInProcess("test", Rules("commcare-case-contact.tests.yaml"), "--filter", "no such test").ExitCode);
        var result = CliRunner.RunInProcess("test", Rules("commcare-case-contact.tests.yaml"), "--filter", "no such test", "--fail-on-empty");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no tests ran", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_a_usage_error()
    {
        var result = CliRunner.RunInProcess("test", Path.Combine(Path.GetTempPath(), "no-such-dir-for-contactrules"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file or directory", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Coverage_below_the_minimum_fails_and_names_what_was_missed()
    {
        var result = CliRunner.RunInProcess("test", Rules("commcare-case-contact.tests.yaml"), "--filter", "closed case", "--coverage-min", "100");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("below --coverage-min 100", result.Error, StringComparison.Ordinal);
        Assert.Contains("✘ contact_backend_id check 1 (GATEWAY_NOT_FOUND): never reached", result.Out, StringComparison.Ordinal);
        Assert.Contains("✘ PHONE_NUMBER_FORMAT: never produced", result.Out, StringComparison.Ordinal);
    }
}
