using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;

namespace ContactRules.Auditing;

/// <summary>
/// Masks personal data before any output sees it. It works on the data, by property: every value of a
/// property the rules mark personal (by default the destination number and the email address), and the
/// case name, is masked wherever it appears (messages, destinations, drawn rules, the record), whatever its
/// shape; every part of a drawn rule computed from personal data is masked too. A pattern net then masks
/// anything still shaped like a phone number or an email address (a case id that is a number, a value
/// quoted in a diagnostic of a rejected record). A masked number keeps its last three digits
/// (<c>+*********678</c>); a masked address keeps its domain (<c>***@example.org</c>); anything else is <c>***</c>.
/// </summary>
public static partial class Redaction
{
    public const char Mask = '*';
    public const string Masked = "***";
    private const int MinimumDigits = 6;
    private const int AlwaysMaskedDigits = 10;
    private const int KeptDigits = 3;

    /// <summary>Personal values shorter than this are not searched for in text: they say nothing about anyone, and masking every "12" would garble messages.</summary>
    private const int ShortestSearched = 4;

    /// <summary><paramref name="text"/> with whatever is shaped like a phone number or an email local part masked (the pattern net alone).</summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }
        var masked = EmailLocalPart().Replace(text, "***@");
        masked = PhoneLike().Replace(masked, MaskDigits);
        return LongDigitRun().Replace(masked, m => MaskKeepingDigits(m.Value));
    }

    /// <summary>A nullable value, masked by the pattern net.</summary>
    public static string? Value(string? text) => text is null ? null : Text(text);

    /// <summary>
    /// One personal value, masked whatever its shape: an address (anything with an <c>@</c>) keeps only
    /// what follows its last <c>@</c>; a value with digits keeps its last three digits and its punctuation;
    /// anything else becomes <c>***</c>.
    /// </summary>
    public static string PersonalValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.LastIndexOf('@');
        if (at >= 0)
        {
            return "***@" + value[(at + 1)..];
        }
        return value.Count(char.IsDigit) > KeptDigits ? MaskKeepingDigits(value) : Masked;
    }

    /// <summary>The verdict masked by the pattern net alone, for a verdict whose case is not at hand.</summary>
    public static ContactVerdict Verdict(ContactVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return Verdict(verdict, Text);
    }

    /// <summary>A diagnostic (of a rejected record, say) with its message masked by the pattern net.</summary>
    public static Diagnostic Diagnostic(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return diagnostic with { Message = Text(diagnostic.Message) };
    }

    /// <summary>
    /// One case's record and verdict with its personal data masked: the values <paramref name="rules"/>
    /// call personal wherever they appear, then the pattern net.
    /// </summary>
    public static (CaseRecord Record, ContactVerdict Verdict) Case(CompiledRules rules, CaseRecord record, ContactVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(verdict);
        var values = rules.PersonalValues(record)
            .Concat(verdict.Channels.SelectMany(c => new[] { c.Destination, c.Email }))
            .OfType<string>()
            .SelectMany(v => new[] { v, v.Trim() })
            .Where(v => v.Length >= ShortestSearched)
            .Distinct(StringComparer.Ordinal)
            // The longest first, so a value is masked whole before a part of it is searched for.
            .OrderByDescending(v => v.Length)
            .ToArray();
        var mask = (string text) => Text(MaskValues(text, values));
        var personal = rules.Rules.Properties.Where(p => p.Personal).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var properties = record.Properties.ToDictionary(
            p => p.Key,
            p => personal.Contains(p.Key) && p.Value.Trim().Length > 0 ? PersonalValue(p.Value) : mask(p.Value),
            StringComparer.Ordinal);
        var maskedRecord = record with
        {
            Id = mask(record.Id),
            Name = record.Name.Trim().Length == 0 ? record.Name : Masked,
            Properties = properties,
        };
        return (maskedRecord, Verdict(verdict, mask, personal));
    }

    private static ContactVerdict Verdict(ContactVerdict verdict, Func<string, string> mask, IReadOnlySet<string>? personal = null) => verdict with
    {
        CaseId = mask(verdict.CaseId),
        Channels = [.. verdict.Channels.Select(c => c with
        {
            Reasons = Reasons(c.Reasons, mask, personal),
            Destination = c.Destination is null ? null : mask(c.Destination),
            Email = c.Email is null ? null : mask(c.Email),
        })],
        Warnings = Reasons(verdict.Warnings, mask, personal),
    };

    private static ImmutableArray<Reason> Reasons(ImmutableArray<Reason> reasons, Func<string, string> mask, IReadOnlySet<string>? personal) =>
        [.. reasons.Select(r => r with
        {
            Message = mask(r.Message),
            Explanation = Explanation(r.Explanation, mask),
            // A repair of personal data is personal data.
            Suggestion = r.Suggestion is not { } s ? null : s with
            {
                Value = r.Property is { } p && personal?.Contains(p) == true ? PersonalValue(s.Value) : mask(s.Value),
                DisplacedOwner = s.DisplacedOwner is null ? null : mask(s.DisplacedOwner),
            },
        })];

    private static Explanation? Explanation(Explanation? explanation, Func<string, string> mask) => explanation is null ? null : explanation with
    {
        Parts = [.. explanation.Parts.Select(p => p with { Value = p.Personal ? PersonalLiteral(p.Value) : mask(p.Value) })],
    };

    /// <summary>A CEL literal drawn from personal data, masked: strings as <see cref="PersonalValue"/>, long numbers keeping three digits, lists and maps whole.</summary>
    private static string PersonalLiteral(string literal) => literal switch
    {
        "true" or "false" or "null" => literal,
        ['"', .. var inner, '"'] => '"' + PersonalValue(inner) + '"',
        ['[', ..] => "[***]",
        ['{', ..] => "{***}",
        [var first, ..] when char.IsDigit(first) || first == '-' => literal.Count(char.IsDigit) > KeptDigits ? MaskKeepingDigits(literal) : literal,
        _ => Masked,
    };

    private static string MaskValues(string text, string[] values)
    {
        foreach (var value in values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, PersonalValue(value), StringComparison.Ordinal);
            }
        }
        return text;
    }

    /// <summary>Every letter and digit masked but the last three digits; punctuation kept, so the shape stays readable.</summary>
    private static string MaskKeepingDigits(string value)
    {
        var digits = value.Count(char.IsDigit);
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
                result.Append(char.IsLetter(c) ? Mask : c);
            }
        }
        return result.ToString();
    }

    private static string MaskDigits(Match match)
    {
        var value = match.Value;
        var digits = value.Count(char.IsDigit);
        if (digits < MinimumDigits || IsoDate().IsMatch(value))
        {
            return value;
        }
        return MaskKeepingDigits(value);
    }

    /// <summary>
    /// A run of digits with the punctuation people write numbers with, not inside a word. The run is atomic,
    /// so a part of a longer token (the date of <c>2024-01-10T08:15</c>) is never taken for a number.
    /// </summary>
    [GeneratedRegex(@"(?<![\w])(?>\+?\(?\d[\d \-.()\u00A0]*\d)(?![\w])", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLike();

    /// <summary>Ten digits or more in a row are masked wherever they stand, even touching a letter (<c>911313134333x</c>): no date or short id has that many.</summary>
    [GeneratedRegex(@"\d{10,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongDigitRun();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    /// <summary>The local part of an address and its <c>@</c> (or <c>@@</c>), when a domain follows.</summary>
    [GeneratedRegex(@"[^\s@<>""'(),;:\[\]]+@+(?=[^\s@<>""'(),;:\[\]])", RegexOptions.CultureInvariant)]
    private static partial Regex EmailLocalPart();
}
