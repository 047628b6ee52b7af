using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Cli;

/// <summary>A path the system cannot name (a NUL in it), found by the whole-tool fuzz: a clear problem, never an internal error.</summary>
public sealed class UnnameablePathTests
{
    [Fact]
    public void A_case_input_with_a_nul_in_its_path_is_unreadable_and_the_other_inputs_are_judged()
    {
        using var files = new TempFiles();
        var cases = files.Write("cases.jsonl", "{\"case_id\": \"c1\"}\n");

        var result = CliRunner.RunInProcess("audit", cases, "bad\0name.jsonl", "--out", files.PathOf("out.csv"));

        Assert.DoesNotContain("internal error", result.Out + result.Error, StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FILE_UNREADABLE", result.Out + result.Error, StringComparison.Ordinal);
    }
}
