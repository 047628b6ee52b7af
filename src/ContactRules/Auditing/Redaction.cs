using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using ContactRules.Evaluation;

namespace ContactRules.Auditing;

/// <summary>
/// Masks personal data in anything a command writes: every phone number keeps only its last three digits
/// (<c>+*********678</c>) and every email address loses its local part (<c>***@example.org</c>). It works
/// on text, so numbers quoted inside messages are masked too; dates (<c>2024-01-10</c>) and identifiers
/// with letters (<c>g0000123</c>) are left alone.
/// </summary>
public static partial class Redaction
{
    public const char Mask = '*';
    private const int MinimumDigits = 6;
    private const int KeptDigits = 3;

    /// <summary><paramref name="text"/> with its phone numbers and email local parts masked.</summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }
        var masked = EmailLocalPart().Replace(text, "***@");
        return PhoneLike().Replace(masked, MaskDigits);
    }

    /// <summary>A nullable value, masked.</summary>
    public static string? Value(string? text) => text is null ? null : Text(text);

    /// <summary>The verdict with every message, destination and address masked.</summary>
    public static ContactVerdict Verdict(ContactVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return verdict with
        {
            Channels = [.. verdict.Channels.Select(c => c with { Reasons = Reasons(c.Reasons), Destination = Value(c.Destination), Email = Value(c.Email) })],
            Warnings = Reasons(verdict.Warnings),
        };
    }

    private static ImmutableArray<Reason> Reasons(ImmutableArray<Reason> reasons) =>
        [.. reasons.Select(r => r with { Message = Text(r.Message), Trace = Value(r.Trace) })];

    private static string MaskDigits(Match match)
    {
        var value = match.Value;
        var digits = value.Count(char.IsDigit);
        if (digits < MinimumDigits || IsoDate().IsMatch(value))
        {
            return value;
        }
        var result = new StringBuilder(value.Length);
        var seen = 0;
        foreach (var c in value)
        {
            if (char.IsDigit(c))
            {
                seen++;
                result.Append(seen <= digits - KeptDigits ? Mask : c);
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// A run of digits with the punctuation people write numbers with, not inside a word. The run is atomic,
    /// so a part of a longer token (the date of <c>2024-01-10T08:15</c>) is never taken for a number.
    /// </summary>
    [GeneratedRegex(@"(?<![\w])(?>\+?\(?\d[\d \-.()\u00A0]*\d)(?![\w])", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    /// <summary>The local part of an address and its <c>@</c>, when a domain with a dot follows.</summary>
    [GeneratedRegex(@"[^\s@<>""'(),;:\[\]]+@(?=[^\s@<>""'(),;:\[\]]+\.[^\s@<>""'(),;:\[\]]+)", RegexOptions.CultureInvariant)]
    private static partial Regex EmailLocalPart();
}
