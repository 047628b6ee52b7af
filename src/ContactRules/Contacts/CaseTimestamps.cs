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
        if (TryParseUtc(raw.AsSpan().Trim()) is { } quick)
        {
            return quick;
        }
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

    /// <summary>
    /// The form nearly every export writes (<c>2023-01-19T11:02:10.000000Z</c>) read without NodaTime's
    /// general parser, which is a good part of reading a case; null for anything else, or anything out of
    /// the plain ranges, which the patterns above then decide, so every answer is theirs.
    /// </summary>
    internal static Instant? TryParseUtc(ReadOnlySpan<char> text)
    {
        if (text.Length < 20 || text[^1] != 'Z' || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return null;
        }
        if (Digits(text[..4]) is not { } year || Digits(text[5..7]) is not { } month || Digits(text[8..10]) is not { } day
            || Digits(text[11..13]) is not { } hour || Digits(text[14..16]) is not { } minute || Digits(text[17..19]) is not { } second)
        {
            return null;
        }
        long nanoseconds = 0;
        if (text.Length > 20)
        {
            var fraction = text[20..^1];
            if (text[19] != '.' || fraction.Length is 0 or > 9 || Digits(fraction) is not { } digits)
            {
                return null;
            }
            nanoseconds = digits;
            for (var i = fraction.Length; i < 9; i++)
            {
                nanoseconds *= 10;
            }
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth((int)year, (int)month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }
        return Instant.FromUtc((int)year, (int)month, (int)day, (int)hour, (int)minute, (int)second).PlusNanoseconds(nanoseconds);
    }

    private static long? Digits(ReadOnlySpan<char> text)
    {
        long value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }
            value = (value * 10) + (c - '0');
        }
        return value;
    }
}
