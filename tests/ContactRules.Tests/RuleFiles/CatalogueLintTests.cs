using ContactRules.Tests.Cli;
using ContactRules.Tests.Evaluation;
using Xunit;

namespace ContactRules.Tests.RuleFiles;

/// <summary>Lint that knows the catalogue: warnings that do not stop a rule file, and errors under <c>--strict</c>.</summary>
public sealed class CatalogueLintTests
{
    private static readonly string File = Corpus.PathOf("lint-warnings/every-warning.yaml");

    [Fact]
    public void Each_kind_of_warning_is_reported_at_its_position_and_the_file_is_still_ok()
    {
        var result = CliRunner.RunInProcess("lint", File);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(": ok: 2 properties, 3 checks, 3 error codes", result.Out, StringComparison.Ordinal);
        var lines = result.Error.TrimEnd('\n').Split('\n').Select(l => l[(File.Length + 1)..]).ToArray();
        Assert.Equal(
        [
            "9:15: warning REQUIRED_FALLBACK: `contact_phone_number` has a fallback, but `sms` requires it: a missing value closes that channel, the fallback is never used there",
            "12:17: warning UNREACHABLE_CHECK: check 2 of contact_phone_number (FORMAT) is never reached: check 1 (ALWAYS_FAILS) can never pass, and a failed error check ends the property's checks",
            "15:16: warning UNUSED_NORMALIZE: the normalized value of `note` is read by no check and provides nothing to a sender: the normalize has no effect",
            "21:3: warning UNUSED_CODE: the code `NEVER_GIVEN` is in the catalogue, but no check and no `missing` gives it",
        ], lines);
    }

    [Fact]
    public void Strict_makes_the_warnings_fail_the_lint()
    {
        var result = CliRunner.RunInProcess("lint", File, "--strict");
        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(": ok:", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules/commcare-case-contact.yaml")]
    [InlineData("rules/commcare-hq-compatible.yaml")]
    [InlineData("examples/custom-rules.yaml")]
    public void The_shipped_rule_files_pass_strict_lint(string rules)
    {
        var result = CliRunner.RunInProcess("lint", CliRunner.InRepository(rules), "--strict");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void A_check_that_reads_the_value_is_not_taken_for_one_that_never_passes()
    {
        // A check that reads the value may pass: the check after it is reached, so no warning.
        var path = Path.Combine(Directory.CreateTempSubdirectory("contactrules-lint-").FullName, "r.yaml");
        System.IO.File.WriteAllText(path, """
            rule_file: 1
            name: n
            channels: { sms: { title: SMS } }
            properties:
              p:
                channels: { sms: optional }
                checks:
                  - { rule: "value == 'x'", code: A }
                  - { rule: "true", code: B }
            errors: { A: { title: a }, B: { title: b } }
            """);
        var result = CliRunner.RunInProcess("lint", path, "--strict");
        Assert.True(result.ExitCode == 0, result.Error);
    }
}
