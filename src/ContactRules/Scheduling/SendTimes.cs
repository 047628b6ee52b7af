using ContactRules.Evaluation;
using NodaTime;
using NodaTime.TimeZones;

namespace ContactRules.Scheduling;

/// <summary>How a local send time became an instant.</summary>
internal enum SendTimeResolution
{
    /// <summary>The local time occurs once that day: sent then.</summary>
    Exact,

    /// <summary>The clocks jumped over the local time (spring forward): sent that much later, as if the clocks had not changed.</summary>
    SkippedForward,

    /// <summary>The local time occurs twice (fall back): sent at the first occurrence.</summary>
    AmbiguousFirst,
}

/// <summary>Where the time zone of a send time came from.</summary>
internal enum ZoneSource
{
    /// <summary>The case's <c>time_zone</c>.</summary>
    Case,

    /// <summary>The project's time zone (the case has none, or none that is known).</summary>
    Project,

    /// <summary>UTC: neither the case nor the project names a known time zone.</summary>
    Default,
}

/// <summary>When a message scheduled for a local time goes out to one contact.</summary>
/// <param name="Requested">The local date and time asked for.</param>
/// <param name="At">The send time in the contact's zone (its local time differs from the request when it was skipped).</param>
/// <param name="Resolution">Whether the local time was there once, skipped or repeated.</param>
/// <param name="Source">Where the zone came from.</param>
internal sealed record SendTime(LocalDateTime Requested, ZonedDateTime At, SendTimeResolution Resolution, ZoneSource Source)
{
    public Instant Utc => At.ToInstant();

    public string ZoneId => At.Zone.Id;

    /// <summary>How far a skipped local time moved forward (the length of the gap); zero otherwise.</summary>
    public Duration Shift => At.LocalDateTime.InUtc().ToInstant() - Requested.InUtc().ToInstant();
}

/// <summary>
/// Turns a local send time into the instant a message goes out, in a contact's time zone. A local time
/// that the clocks skip moves forward by the gap; one they repeat takes its first occurrence. Time zones
/// come from the tzdb built into NodaTime; the current time from the clock given (never the system's).
/// </summary>
internal sealed class SendTimes
{
    private readonly IClock _clock;
    private readonly IDateTimeZoneProvider _zones;

    public SendTimes(IClock clock, IDateTimeZoneProvider? zones = null)
    {
        _clock = clock;
        _zones = zones ?? DateTimeZoneProviders.Tzdb;
    }

    /// <summary>The send time of <paramref name="date"/> at <paramref name="time"/> in <paramref name="zone"/>.</summary>
    public static SendTime At(DateTimeZone zone, LocalDate date, LocalTime time, ZoneSource source = ZoneSource.Case)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var requested = date + time;
        var mapping = zone.MapLocal(requested);
        return mapping.Count switch
        {
            0 => new SendTime(requested, Resolvers.ReturnForwardShifted(requested, zone, mapping.EarlyInterval, mapping.LateInterval), SendTimeResolution.SkippedForward, source),
            1 => new SendTime(requested, mapping.Single(), SendTimeResolution.Exact, source),
            _ => new SendTime(requested, mapping.First(), SendTimeResolution.AmbiguousFirst, source),
        };
    }

    /// <summary>
    /// Like <see cref="At"/>, but null when the send instant falls outside the times NodaTime represents
    /// (9999-12-31 23:59 in a zone west of UTC is in the year 10000), which <see cref="At"/> reports by throwing.
    /// </summary>
    public static SendTime? TryAt(DateTimeZone zone, LocalDate date, LocalTime time, ZoneSource source = ZoneSource.Case)
    {
        try
        {
            var send = At(zone, date, time, source);
            // Both are computed lazily; either can be the first to leave the representable range.
            _ = send.Utc;
            _ = send.Shift;
            return send;
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// The next send at <paramref name="time"/> in <paramref name="zone"/>: today's (in that zone) unless
    /// it has already gone by the clock, else tomorrow's.
    /// </summary>
    public SendTime Next(DateTimeZone zone, LocalTime time, ZoneSource source = ZoneSource.Case)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var now = _clock.GetCurrentInstant();
        var today = now.InZone(zone).Date;
        var send = At(zone, today, time, source);
        return send.Utc >= now ? send : At(zone, today.PlusDays(1), time, source);
    }

    /// <summary>The zone a verdict resolved for the contact, and where it came from; UTC when it names no known zone.</summary>
    public (DateTimeZone Zone, ZoneSource Source) ZoneOf(ContactVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.TimeZone is { } setting && _zones.GetZoneOrNull(setting.Value) is { } zone)
        {
            return (zone, setting.Source == ValueSource.Case ? ZoneSource.Case : ZoneSource.Project);
        }
        return (DateTimeZone.Utc, ZoneSource.Default);
    }
}
