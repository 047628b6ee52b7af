using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Evaluation.Library;

/// <summary>
/// <c>email.isValid</c>: a bare address, <c>user@domain.tld</c> (no display name); <c>email.isValidDjango</c>:
/// exactly what Django's <c>validate_email</c> accepts, the validator CommCare HQ sends email through.
/// </summary>
internal static partial class EmailFunctions
{
    // RFC 5322 "atext": the characters a dot-atom local part may use besides letters and digits.
    private const string AtextSymbols = "!#$%&'*+-/=?^_`{|}~";
    private const string AsciiLetterChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly SearchValues<char> AsciiLetters = SearchValues.Create(AsciiLetterChars);
    private static readonly SearchValues<char> LabelChars = SearchValues.Create(AsciiLetterChars + "0123456789-");
    private static readonly SearchValues<char> DotAtomChars = SearchValues.Create(AsciiLetterChars + "0123456789." + AtextSymbols);
    private static readonly IdnMapping Idn = new();

    public static IEnumerable<FunctionDecl> Declarations()
    {
        yield return new FunctionDecl("email.isValid",
            "Whether the value is a bare email address (user@example.org): a dot-atom local part and a domain with a top-level domain.",
            FunctionOverload.Global("email_isValid_string", CelType.String, CelType.Bool, v => CelValues.Bool(IsValid((string)v))));
        yield return new FunctionDecl("email.isValidDjango",
            "Whether Django's validate_email accepts the value, as CommCare HQ checks addresses: also user@localhost, IP literals (user@[127.0.0.1], user@[::1]), quoted local parts (\"a@b\"@example.org) and top-level labels with digits; at most 320 characters; nothing is trimmed.",
            FunctionOverload.Global("email_isValidDjango_string", CelType.String, CelType.Bool, v => CelValues.Bool(IsValidDjango((string)v))));
        yield return new FunctionDecl("email.address",
            "The bare address in the value: the one inside angle brackets of a display-name form (Asha <asha@example.org>), a leading mailto:, white space around it trimmed; \"\" when the value holds several bracketed parts. It does not check the address (email.isValid does).",
            FunctionOverload.Global("email_address_string", CelType.String, CelType.String, v => Address((string)v)));
    }

    /// <summary>
    /// The address written in <paramref name="value"/>: <c>Name &lt;addr&gt;</c> gives <c>addr</c>; otherwise the
    /// value trimmed, less a <c>mailto:</c>. Only what is written is taken; nothing is added.
    /// </summary>
    internal static string Address(string value)
    {
        var text = value.Trim();
        var open = text.IndexOf('<', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = text.IndexOf('>', open + 1);
            if (close < 0 || text.IndexOf('<', open + 1) >= 0 || text.IndexOf('>', close + 1) >= 0 || close != text.Length - 1)
            {
                return "";
            }
            text = text[(open + 1)..close].Trim();
        }
        return text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? text["mailto:".Length..].Trim() : text;
    }

    /// <summary>
    /// django/core/validators.py, <c>EmailValidator.__call__</c>: split at the last "@"; the user part a dot-atom
    /// or a quoted string; the domain <c>localhost</c>, a name whose last label has 2 to 63 characters, or a
    /// bracketed IPv4 or IPv6 literal; failing that, the IDNA (punycode) form of the domain as a name. Python's
    /// <c>[A-Z]</c> under IGNORECASE also takes the letters İ, ı, ſ and the Kelvin sign, so these classes do too.
    /// </summary>
    internal static bool IsValidDjango(string value)
    {
        if (value.Length == 0 || !value.Contains('@', StringComparison.Ordinal) || CodePoints(value) > 320)
        {
            return false;
        }
        var at = value.LastIndexOf('@');
        var user = value[..at];
        var domain = value[(at + 1)..];
        if (!DjangoUser().IsMatch(user))
        {
            return false;
        }
        if (domain == "localhost" || IsDjangoDomain(domain))
        {
            return true;
        }
        if (System.Text.Ascii.IsValid(domain))
        {
            return false;
        }
        try
        {
            return DjangoDomain().IsMatch(Idn.GetAscii(domain));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsDjangoDomain(string domain)
    {
        if (DjangoDomain().IsMatch(domain))
        {
            return true;
        }
        var literal = DjangoLiteral().Match(domain);
        return literal.Success && (IsStrictIPv4(literal.Groups[1].Value) || IsStrictIPv6(literal.Groups[1].Value));
    }

    private static int CodePoints(string value) => value.EnumerateRunes().Count();

    // user_regex: a dot-atom, or a quoted string of the characters RFC 5322 allows, backslash escapes included.
    [GeneratedRegex(@"\A(?:[-!#$%&'*+/=?^_`{}|~0-9A-Za-z\u0130\u0131\u017F\u212A]+(?:\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z\u0130\u0131\u017F\u212A]+)*|""(?:[\x01-\x08\x0B\x0C\x0E-\x1F!#-\[\]-\x7F]|\\[\x01-\x09\x0B\x0C\x0E-\x7F])*"")\z", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex DjangoUser();

    // domain_regex, its look-behind (the last label does not end in "-") written as a last character.
    [GeneratedRegex(@"\A(?:[A-Za-z0-9\u0130\u0131\u017F\u212A](?:[-A-Za-z0-9\u0130\u0131\u017F\u212A]{0,61}[A-Za-z0-9\u0130\u0131\u017F\u212A])?\.)+[-A-Za-z0-9\u0130\u0131\u017F\u212A]{1,62}[A-Za-z0-9\u0130\u0131\u017F\u212A]\z", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex DjangoDomain();

    // literal_regex.
    [GeneratedRegex(@"\A\[([A-Fa-f0-9:.]+)\]\z", RegexOptions.CultureInvariant)]
    private static partial Regex DjangoLiteral();

    /// <summary>Python's <c>ipaddress.IPv4Address</c>: four decimal octets, no leading zeros, each at most 255.</summary>
    internal static bool IsStrictIPv4(string text)
    {
        var octets = text.Split('.');
        return octets.Length == 4 && octets.All(o => o.Length is >= 1 and <= 3 && o.All(char.IsAsciiDigit)
            && (o.Length == 1 || o[0] != '0') && int.Parse(o, CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>Python's <c>ipaddress.IPv6Address</c> (<c>_ip_int_from_string</c>), without a scope id.</summary>
    internal static bool IsStrictIPv6(string text)
    {
        var parts = text.Split(':').ToList();
        if (parts.Count < 3)
        {
            return false;
        }
        if (parts[^1].Contains('.', StringComparison.Ordinal))
        {
            if (!IsStrictIPv4(parts[^1]))
            {
                return false;
            }
            parts[^1] = "0";
            parts.Add("0");
        }
        if (parts.Count > 9)
        {
            return false;
        }
        var skips = Enumerable.Range(1, parts.Count - 2).Where(i => parts[i].Length == 0).ToList();
        if (skips.Count > 1)
        {
            return false;
        }
        if (skips.Count == 1)
        {
            var high = skips[0] - (parts[0].Length == 0 ? 1 : 0);
            var low = parts.Count - skips[0] - 1 - (parts[^1].Length == 0 ? 1 : 0);
            if ((parts[0].Length == 0 && high != 0) || (parts[^1].Length == 0 && low != 0) || 8 - (high + low) < 1)
            {
                return false;
            }
            // A leading or trailing empty part is allowed only as half of "::".
            if ((parts[0].Length == 0 && skips[0] != 1) || (parts[^1].Length == 0 && skips[0] != parts.Count - 2))
            {
                return false;
            }
            parts = [.. parts.Where(p => p.Length > 0)];
        }
        else if (parts.Count != 8 || parts[0].Length == 0 || parts[^1].Length == 0)
        {
            return false;
        }
        return parts.All(p => p.Length is >= 1 and <= 4 && p.All(char.IsAsciiHexDigit));
    }

    internal static bool IsValid(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.Length > 254)
        {
            return false;
        }
        return IsDotAtom(address.AsSpan(0, at)) && IsDomain(address.AsSpan(at + 1));
    }

    // Spans and SearchValues rather than substrings, Split and LINQ: every verdict checks an address, and
    // this is the check's whole cost.
    private static bool IsDotAtom(ReadOnlySpan<char> local) =>
        local.Length <= 64 && local[0] != '.' && local[^1] != '.'
        && !local.Contains("..", StringComparison.Ordinal) && !local.ContainsAnyExcept(DotAtomChars);

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (System.Text.Ascii.IsValid(domain))
        {
            return IsAsciiDomain(domain);
        }
        // An internationalised domain is checked in its ASCII (punycode) form.
        try
        {
            return IsAsciiDomain(Idn.GetAscii(domain.ToString()));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsAsciiDomain(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        ReadOnlySpan<char> last = default;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || label.ContainsAnyExcept(LabelChars))
            {
                return false;
            }
            labels++;
            last = label;
        }
        return labels >= 2 && last.Length >= 2 && (!last.ContainsAnyExcept(AsciiLetters) || last.StartsWith("xn--", StringComparison.Ordinal));
    }
}
