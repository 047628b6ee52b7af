using NodaTime;
using NodaTime.Text;

namespace ContactRules.Contacts;

/// <summary>The time formats CommCare exports use, tried in turn.</summary>
internal static class CaseTimestamps
{
    private static readonly InstantPattern Utc = InstantPattern.ExtendedIso;
    private static readonly OffsetDateTimePattern WithOffset = OffsetDateTimePattern.ExtendedIso;
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.ExtendedIso;
    private static readonly LocalDateTimePattern LocalWithSpace =
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss;FFFFFFFFF");
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    public static Instant? TryParse(string raw)
    {
        var text = raw.Trim();
        if (Utc.Parse(text) is { Success: true } utc)
        {
            return utc.Value;
        }
        if (WithOffset.Parse(text) is { Success: true } offset)
        {
            return offset.Value.ToInstant();
        }
        if (Local.Parse(text) is { Success: true } local)
        {
            return local.Value.InUtc().ToInstant();
        }
        if (LocalWithSpace.Parse(text) is { Success: true } spaced)
        {
            return spaced.Value.InUtc().ToInstant();
        }
        return Date.Parse(text) is { Success: true } date ? date.Value.AtMidnight().InUtc().ToInstant() : null;
    }
}
