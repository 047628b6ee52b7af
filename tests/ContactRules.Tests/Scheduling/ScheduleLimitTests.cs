using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Scheduling;

/// <summary>The last minute of 9999 is in the year 10000 UTC west of Greenwich: said per case, the others still scheduled.</summary>
public sealed class ScheduleLimitTests
{
    [Fact]
    public void A_send_time_past_the_end_of_time_is_a_problem_for_that_case_only()
    {
        using var files = new TempFiles();
        var cases = files.Write(
            "c.jsonl",
            "{\"case_id\": \"west\", \"properties\": {\"contact_phone_number\": \"15551234567\", \"time_zone\": \"America/New_York\"}}\n"
            + "{\"case_id\": \"east\", \"properties\": {\"contact_phone_number\": \"919812345678\", \"time_zone\": \"Asia/Kolkata\"}}\n");

        var result = CliRunner.RunInProcess("schedule", cases, "--date", "9999-12-31", "--time", "23:59");

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
        Assert.Contains("west: 9999-12-31T23:59 in America/New_York is after the last time", result.Error, StringComparison.Ordinal);
        Assert.Contains("east  9999-12-31T18:29:00Z", result.Out, StringComparison.Ordinal);
    }
}
