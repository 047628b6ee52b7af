using System.Collections.Immutable;
using ContactRules.Evaluation;
using ContactRules.Scheduling;
using ContactRules.Tests.Cli;
using NodaTime;
using NodaTime.Testing;
using NodaTime.Text;
using Xunit;

namespace ContactRules.Tests.Scheduling;

/// <summary>Send times in the contact's zone across real clock changes (issue 4, section 2).</summary>
public sealed class SendTimeTests
{
    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    private static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).Value;

    private static LocalTime Time(string text) => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text).Value;

    private static Instant Utc(string text) => InstantPattern.General.Parse(text).Value;

    [Theory]
    // zone, date, local time ⇶ UTC instant, what happened, local time actually used, minutes moved
    [InlineData("America/New_York", "2026-03-08", "02:30", "2026-03-08T07:30:00Z", nameof(SendTimeResolution.SkippedForward), "03:30", 60)]
    [InlineData("America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z", nameof(SendTimeResolution.AmbiguousFirst), "01:30", 0)]
    [InlineData("America/New_York", "2026-07-01", "09:00", "2026-07-01T13:00:00Z", nameof(SendTimeResolution.Exact), "09:00", 0)]
    [InlineData("Europe/London", "2026-03-29", "01:30", "2026-03-29T01:30:00Z", nameof(SendTimeResolution.SkippedForward), "02:30", 60)]
    [InlineData("Europe/London", "2026-10-25", "01:30", "2026-10-25T00:30:00Z", nameof(SendTimeResolution.AmbiguousFirst), "01:30", 0)]
    // Lord Howe Island moves its clocks by half an hour: 02:00 -> 02:30 in October, 02:00 -> 01:30 in April.
    [InlineData("Australia/Lord_Howe", "2026-10-04", "02:15", "2026-10-03T15:45:00Z", nameof(SendTimeResolution.SkippedForward), "02:45", 30)]
    [InlineData("Australia/Lord_Howe", "2026-04-05", "01:45", "2026-04-04T14:45:00Z", nameof(SendTimeResolution.AmbiguousFirst), "01:45", 0)]
    [InlineData("Australia/Lord_Howe", "2026-04-05", "02:00", "2026-04-04T15:30:00Z", nameof(SendTimeResolution.Exact), "02:00", 0)]
    // No daylight saving at all: always UTC+05:30.
    [InlineData("Asia/Kolkata", "2026-03-08", "02:30", "2026-03-07T21:00:00Z", nameof(SendTimeResolution.Exact), "02:30", 0)]
    [InlineData("Asia/Kolkata", "2026-11-01", "09:00", "2026-11-01T03:30:00Z", nameof(SendTimeResolution.Exact), "09:00", 0)]
    public void A_local_send_time_becomes_the_right_instant(string zone, string date, string time, string utc, string resolutionName, string sentLocal, int shiftMinutes)
    {
        var resolution = Enum.Parse<SendTimeResolution>(resolutionName);
        var send = SendTimes.At(Zone(zone), Date(date), Time(time));
        Assert.Equal(Utc(utc), send.Utc);
        Assert.Equal(resolution, send.Resolution);
        Assert.Equal(Time(sentLocal), send.At.TimeOfDay);
        Assert.Equal(Duration.FromMinutes(shiftMinutes), send.Shift);
        Assert.Equal(zone, send.ZoneId);
    }

    [Fact]
    public void Without_a_date_the_next_send_is_today_unless_it_has_gone_by_on_the_clock()
    {
        var clock = new FakeClock(Utc("2026-03-07T12:00:00Z"));
        var times = new SendTimes(clock);
        // 12:00Z is 07:00 in New York: 09:00 is still to come today.
        Assert.Equal(Utc("2026-03-07T14:00:00Z"), times.Next(Zone("America/New_York"), Time("09:00")).Utc);
        // ... and 17:30 in Kolkata: 09:00 has gone, so tomorrow.
        Assert.Equal(Utc("2026-03-08T03:30:00Z"), times.Next(Zone("Asia/Kolkata"), Time("09:00")).Utc);
        // Tomorrow in New York, 02:30 falls in the gap.
        clock.AdvanceHours(12);
        var skipped = times.Next(Zone("America/New_York"), Time("02:30"));
        Assert.Equal(SendTimeResolution.SkippedForward, skipped.Resolution);
        Assert.Equal(Utc("2026-03-08T07:30:00Z"), skipped.Utc);
    }

    [Fact]
    public void The_zone_comes_from_the_verdict_with_its_source_and_is_UTC_when_unknown()
    {
        var times = new SendTimes(new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0)));
        ContactVerdict Verdict(ResolvedSetting? zone) => new("c1", true, [], zone, null, ImmutableArray<Reason>.Empty);
        Assert.Equal(("Asia/Kolkata", ZoneSource.Case), Describe(times.ZoneOf(Verdict(new ResolvedSetting("Asia/Kolkata", ValueSource.Case)))));
        Assert.Equal(("Europe/London", ZoneSource.Project), Describe(times.ZoneOf(Verdict(new ResolvedSetting("Europe/London", ValueSource.Project)))));
        Assert.Equal(("UTC", ZoneSource.Default), Describe(times.ZoneOf(Verdict(new ResolvedSetting("Mars/Olympus", ValueSource.Project)))));
        Assert.Equal(("UTC", ZoneSource.Default), Describe(times.ZoneOf(Verdict(null))));
    }

    private static (string, ZoneSource) Describe((DateTimeZone Zone, ZoneSource Source) zone) => (zone.Zone.Id, zone.Source);

    [Fact]
    public void The_schedule_command_says_which_zone_and_what_the_clocks_did()
    {
        var result = CliRunner.Run(null, "schedule", "examples/cases.json", "--project", "examples/project.yaml", "--date", "2026-03-08", "--time", "02:30", "--format", "json");
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("{\"case_id\":\"c-john\",\"utc\":\"2026-03-08T07:30:00Z\",\"local\":\"2026-03-08T02:30\",\"sent_local\":\"2026-03-08T03:30:00-04:00\",\"time_zone\":{\"id\":\"America/New_York\",\"source\":\"case\"},\"resolution\":\"skipped\",\"shift_minutes\":60}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"time_zone\":{\"id\":\"Asia/Kolkata\",\"source\":\"project\"},\"resolution\":\"exact\"", StringComparison.Ordinal));

        var text = CliRunner.Run(null, "schedule", "examples/cases.json", "--date", "2026-11-01", "--time", "01:30");
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("c-john  2026-11-01T05:30:00Z  2026-11-01T01:30 America/New_York (case)  (2026-11-01T01:30 happens twice there: the first, at offset -04, is used)", text.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--time", "25:00")]
    [InlineData("--time", "09:00", "--date", "2026-02-30")]
    [InlineData("--date", "2026-03-08")]
    public void A_bad_date_or_time_is_a_usage_error(params string[] options)
    {
        var result = CliRunner.Run(null, ["schedule", "examples/cases.json", .. options]);
        Assert.Equal(2, result.ExitCode);
    }
}
