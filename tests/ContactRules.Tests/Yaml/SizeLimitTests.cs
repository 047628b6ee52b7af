using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Yaml;

/// <summary>
/// Rule and project files are read with a bounded buffer (`lint /dev/zero` used to grow to 3.9 GB), and
/// messages quote at most 200 characters of a value, so one huge value does not fill every output.
/// </summary>
public sealed class SizeLimitTests
{
    private const string TooLarge = "error LIMIT_EXCEEDED: the file is larger than 10 MB, the limit for rule and project files";

    [DevZeroFact]
    public void Lint_and_project_of_dev_zero_are_refused_without_reading_it_all()
    {
        var lint = CliRunner.RunInProcess("lint", "/dev/zero");
        var project = CliRunner.RunInProcess("check", CliRunner.InRepository("examples/cases.json"), "--project", "/dev/zero");

        Assert.Equal(1, lint.ExitCode);
        Assert.Contains("/dev/zero: " + TooLarge, lint.Out + lint.Error, StringComparison.Ordinal);
        Assert.Equal(1, project.ExitCode);
        Assert.Contains("/dev/zero: " + TooLarge, project.Out + project.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_file_just_over_the_limit_is_refused_and_one_under_is_read()
    {
        using var files = new TempFiles();
        var over = files.Write("over.yaml", "# " + new string('x', 10 * 1024 * 1024) + "\n");
        var under = files.Write("under.yaml", "# " + new string('x', (10 * 1024 * 1024) - 30) + "\nrule_file: 1\n");

        var refused = CliRunner.RunInProcess("lint", over);
        var read = CliRunner.RunInProcess("lint", under);

        Assert.Contains(over + ": " + TooLarge, refused.Out + refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("LIMIT_EXCEEDED", read.Out + read.Error, StringComparison.Ordinal);
        Assert.Contains("MISSING_KEY", read.Out + read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_value_is_quoted_cut_to_200_characters()
    {
        using var files = new TempFiles();
        // Under the readers' 64 Ki value limit, so the record is judged and its message quotes the value.
        var value = new string('7', 100) + new string('x', 60_000);
        var cases = files.Write("c.jsonl", "{\"case_id\": \"c1\", \"properties\": {\"contact_phone_number\": \"" + value + "\"}}\n");

        var result = CliRunner.RunInProcess("check", cases, "--format", "json");

        Assert.Contains("\\\"" + value[..200] + "…\\\"", result.Out, StringComparison.Ordinal);
        Assert.True(result.Out.Length < 10_000, $"the output has {result.Out.Length} characters");
    }
}

/// <summary>A test that reads <c>/dev/zero</c>, skipped with the reason where there is none (Windows).</summary>
internal sealed class DevZeroFactAttribute : FactAttribute
{
    public DevZeroFactAttribute()
    {
        if (!File.Exists("/dev/zero"))
        {
            Skip = "/dev/zero does not exist on this system (it does on Linux and macOS)";
        }
    }
}
