using System.Collections.Frozen;
using System.Globalization;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;
using PhoneNumbers;

namespace ContactRules.Evaluation.Library;

/// <summary>
/// <c>phone.*</c>: what libphonenumber knows of a number written as E.164 digits (country code first,
/// no "+"). A value that is not digits, or has no known country calling code, is simply not possible,
/// not valid, of country code 0 and region "ZZ": rules stay total.
/// </summary>
internal static class PhoneFunctions
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly FrozenSet<int> CallingCodes = Util.GetSupportedCallingCodes().ToFrozenSet();

    // Several phone.* calls in one rule file look at the same number; parse it once per thread.
    [ThreadStatic]
    private static string? t_lastInput;

    [ThreadStatic]
    private static PhoneNumber? t_lastNumber;

    public static IEnumerable<FunctionDecl> Declarations()
    {
        yield return new FunctionDecl("phone.countryCode",
            "The country calling code the number starts with (91 for 919812345678, and for 91 alone), or 0 when none is known.",
            FunctionOverload.Global("phone_countryCode_string", CelType.String, CelType.Int, v => CelValues.Int(CountryCode((string)v))));
        yield return new FunctionDecl("phone.region",
            "The ISO 3166 region of the number (IN, US, ...), or ZZ when it has none.",
            FunctionOverload.Global("phone_region_string", CelType.String, CelType.String, v => Region((string)v)));
        yield return Unary("phone.isPossible", "Whether the number has a possible length for its country code.",
            CelType.Bool, n => CelValues.Bool(n is not null && Util.IsPossibleNumberWithReason(n) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE));
        yield return Unary("phone.isValid", "Whether the number is in a range assigned to an operator (stricter than isPossible).",
            CelType.Bool, n => CelValues.Bool(n is not null && Util.IsValidNumber(n)));
        yield return Unary("phone.type", "The kind of number: MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, TOLL_FREE, VOIP, ... or UNKNOWN.",
            CelType.String, n => n is null ? "UNKNOWN" : Util.GetNumberType(n).ToString());
        yield return Unary("phone.e164", "The number in E.164 form with its \"+\" (+919812345678), or \"\" when it cannot be parsed.",
            CelType.String, n => n is null ? "" : Util.Format(n, PhoneNumberFormat.E164));
        yield return new FunctionDecl("phone.clean",
            "CommCare HQ's cleaning: removes parentheses, white space, hyphens and dots anywhere, then one leading \"+\".",
            FunctionOverload.Global("phone_clean_string", CelType.String, CelType.String, v => Clean((string)v)));
    }

    /// <summary>The number as libphonenumber parses "+" followed by the digits, or null.</summary>
    internal static PhoneNumber? Parse(string digits)
    {
        if (ReferenceEquals(digits, t_lastInput) || string.Equals(digits, t_lastInput, StringComparison.Ordinal))
        {
            return t_lastNumber;
        }
        PhoneNumber? number = null;
        if (digits.Length is > 0 and <= 17 && !digits.AsSpan().ContainsAnyExceptInRange('0', '9') && digits[0] != '0')
        {
            try
            {
                number = Util.Parse("+" + digits, "ZZ");
            }
            catch (NumberParseException)
            {
                // Not a number libphonenumber understands (e.g. an unknown country code): not possible, not valid.
            }
        }
        t_lastInput = digits;
        t_lastNumber = number;
        return number;
    }

    /// <summary>The number's region; for a number in no assigned range, the main region of its country code.</summary>
    internal static string Region(PhoneNumber? number) =>
        number is null ? "ZZ" : Util.GetRegionCodeForNumber(number) ?? Util.GetRegionCodeForCountryCode(number.CountryCode) ?? "ZZ";

    /// <summary>The region of <paramref name="digits"/>, or of its country code alone when it is too short to parse.</summary>
    internal static string Region(string digits) => Parse(digits) is { } number
        ? Region(number)
        : CountryCode(digits) is > 0 and var code ? Util.GetRegionCodeForCountryCode(code) : "ZZ";

    /// <summary>
    /// The country calling code <paramref name="digits"/> start with. libphonenumber cannot parse a country
    /// code with fewer than two digits after it ("254"), yet such a number has a known country code and is
    /// merely too short, so the code is then read off the front (calling codes are prefix-free).
    /// </summary>
    internal static int CountryCode(string digits)
    {
        if (Parse(digits) is { } number)
        {
            return number.CountryCode;
        }
        if (digits.Length == 0 || digits[0] == '0' || digits.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return 0;
        }
        for (var length = 1; length <= Math.Min(3, digits.Length); length++)
        {
            var code = int.Parse(digits.AsSpan(0, length), CultureInfo.InvariantCulture);
            if (CallingCodes.Contains(code))
            {
                return code;
            }
        }
        return 0;
    }

    internal static string Clean(string raw)
    {
        var cleaned = new System.Text.StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (c is not ('(' or ')' or '-' or '.') && !char.IsWhiteSpace(c))
            {
                cleaned.Append(c);
            }
        }
        if (cleaned.Length > 0 && cleaned[0] == '+')
        {
            cleaned.Remove(0, 1);
        }
        return cleaned.ToString();
    }

    private static FunctionDecl Unary(string name, string description, CelType result, Func<PhoneNumber?, object> impl)
    {
        var id = name.Replace('.', '_') + "_string";
        return new FunctionDecl(name, description, FunctionOverload.Global(id, CelType.String, result, v => impl(Parse((string)v))));
    }
}
