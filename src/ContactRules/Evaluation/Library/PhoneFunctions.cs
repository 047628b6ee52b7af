using System.Text;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;
using PhoneNumbers;

namespace ContactRules.Evaluation.Library;

/// <summary>
/// <c>phone.*</c>: what libphonenumber knows of a number written as E.164 digits (country code first,
/// no "+"). A value that is not digits, or has no known country calling code, is simply not possible,
/// not valid, of country code 0 and region "ZZ": rules stay total. The answers come from libphonenumber's
/// own metadata compiled per calling code into tables and digit automata (<see cref="CallingCodeTable"/>),
/// not from its parser; the differential tests hold them equal to what its parser and checks say.
/// </summary>
internal static class PhoneFunctions
{
    private static readonly string[] TypeNames = Enum.GetValues<PhoneNumberType>()
        .Aggregate(new string[(int)Enum.GetValues<PhoneNumberType>().Max() + 1], (names, t) =>
        {
            names[(int)t] = t.ToString();
            return names;
        });

    // Several phone.* calls in one rule file look at the same number; read it once per thread.
    [ThreadStatic]
    private static PhoneFacts? t_facts;

    public static IEnumerable<FunctionDecl> Declarations()
    {
        yield return new FunctionDecl("phone.countryCode",
            "The country calling code the number starts with (91 for 919812345678, and for 91 alone), or 0 when none is known.",
            FunctionOverload.Global("phone_countryCode_string", CelType.String, CelType.Int, v => CelValues.Int(CountryCode((string)v))));
        yield return new FunctionDecl("phone.region",
            "The ISO 3166 region of the number (IN, US, ...), or ZZ when it has none.",
            FunctionOverload.Global("phone_region_string", CelType.String, CelType.String, v => Region((string)v)));
        yield return Unary("phone.isPossible", "Whether the number has a possible length for its country code.",
            CelType.Bool, v => CelValues.Bool(IsPossible(v)));
        yield return Unary("phone.isValid", "Whether the number is in a range assigned to an operator (stricter than isPossible).",
            CelType.Bool, v => CelValues.Bool(IsValid(v)));
        yield return Unary("phone.type", "The kind of number: MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, TOLL_FREE, VOIP, ... or UNKNOWN.",
            CelType.String, Type);
        yield return Unary("phone.e164", "The number in E.164 form with its \"+\" (+919812345678), or \"\" when it cannot be parsed.",
            CelType.String, E164);
        yield return new FunctionDecl("phone.clean",
            "CommCare HQ's cleaning: removes parentheses, white space (Python's \\s: Unicode white space such as a no-break space, and the separators U+001C to U+001F), hyphens and dots anywhere, then one leading \"+\".",
            FunctionOverload.Global("phone_clean_string", CelType.String, CelType.String, v => Clean((string)v)));
        yield return new FunctionDecl("phone.toE164",
            "The number in E.164 digits (no \"+\") as libphonenumber reads it dialled in the region of the second argument (the project's country, e.g. IN): a national number gains that country's code and loses its national prefix (09812345678 in IN is 919812345678); \"\" when the region is empty or unknown, or the result is not a valid number there or anywhere.",
            FunctionOverload.Global("phone_toE164_string_string", CelType.String, CelType.String, CelType.String,
                (v, region) => ToE164((string)v, (string)region)));
        yield return new FunctionDecl("phone.isDigits",
            "Whether the value is Unicode decimal digits only, as CommCare HQ's check ^\\d+$ in Python reads it: fullwidth, Arabic-Indic and Devanagari digits count (value.matches('^[0-9]+$') keeps ASCII digits only).",
            FunctionOverload.Global("phone_isDigits_string", CelType.String, CelType.Bool, v => CelValues.Bool(IsPythonDigits((string)v))));
        yield return new FunctionDecl("phone.startsCountryCode",
            "Whether the digits are the beginning of some country calling code but not a whole one (25 of 250 to 258): too short to tell the code, rather than a wrong code.",
            FunctionOverload.Global("phone_startsCountryCode_string", CelType.String, CelType.Bool, v => CelValues.Bool(StartsCountryCode((string)v))));
    }

    /// <summary>Every proper beginning of a calling code ("2", "25" of 250), which no calling code is itself.</summary>
    private static readonly HashSet<string> CallingCodeBeginnings = PhoneMetadataTables.AllCallingCodes()
        .Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .SelectMany(code => Enumerable.Range(1, code.Length - 1).Select(length => code[..length]))
        .ToHashSet(StringComparer.Ordinal);

    internal static bool StartsCountryCode(string digits) => CallingCodeBeginnings.Contains(digits);

    /// <summary>
    /// Python's <c>re.match(r'^\d+$', s)</c> on a str: one or more characters of Unicode category Nd (decimal
    /// digits, astral ones included), where <c>$</c> also matches before one final newline.
    /// </summary>
    internal static bool IsPythonDigits(string value)
    {
        var end = value.EndsWith('\n') ? value.Length - 1 : value.Length;
        if (end == 0)
        {
            return false;
        }
        var i = 0;
        while (i < end)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i, end - i), out var rune, out var used) != System.Buffers.OperationStatus.Done
                || Rune.GetUnicodeCategory(rune) != System.Globalization.UnicodeCategory.DecimalDigitNumber)
            {
                return false;
            }
            i += used;
        }
        return true;
    }

    /// <summary>
    /// Python's <c>\s</c> (str.isspace): .NET's white space and also the information separators U+001C to
    /// U+001F, which Unicode gives the bidirectional class of a separator.
    /// </summary>
    internal static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';

    /// <summary>
    /// The country calling code <paramref name="digits"/> start with. libphonenumber cannot parse a country
    /// code with fewer than two digits after it ("254"), yet such a number has a known country code and is
    /// merely too short, so the code is read off the front whether or not the number parses (calling codes
    /// are prefix-free).
    /// </summary>
    internal static int CountryCode(string digits) => Facts(digits).CountryCode;

    /// <summary>The number's region; for a number in no assigned range, the main region of its country code.</summary>
    internal static string Region(string digits)
    {
        var facts = Facts(digits);
        if (facts.CountryCode == 0)
        {
            return "ZZ";
        }
        return facts.Region?.Id ?? PhoneMetadataTables.MainRegion(facts.CountryCode);
    }

    internal static bool IsPossible(string digits) =>
        Facts(digits) is { Table: { } table } facts && table.Main.TestLength(facts.Nsn.Length) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE;

    internal static bool IsValid(string digits) =>
        Facts(digits) is { Region: { } region } facts && region.IsValid(facts.CountryCode, facts.Nsn);

    internal static string Type(string digits) => TypeNames[(int)Facts(digits).Type];

    internal static string E164(string digits)
    {
        var facts = Facts(digits);
        if (facts.Table is not { } table)
        {
            return "";
        }
        // Usually the national number is what follows the code, so the E.164 form is "+" and the input.
        return ReferenceEquals(facts.NsnSource, digits) && facts.NsnStart == table.CodeText.Length
            ? string.Concat("+", digits)
            : string.Concat("+", table.CodeText, facts.Nsn);
    }

    /// <summary>Longer than any phone number with an extension: not worth handing to the parser.</summary>
    private const int ParseLimit = 64;

    internal static string ToE164(string value, string region)
    {
        if (value.Length is 0 or > ParseLimit || !PhoneMetadataTables.IsRegion(region))
        {
            return "";
        }
        try
        {
            var number = PhoneMetadataTables.Parse(value, region);
            return PhoneMetadataTables.IsValidNumber(number) ? PhoneMetadataTables.E164Digits(number) : "";
        }
        catch (NumberParseException)
        {
            return "";
        }
    }

    internal static string Clean(string raw)
    {
        var cleaned = new System.Text.StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (c is not ('(' or ')' or '-' or '.') && !IsPythonSpace(c))
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

    private static PhoneFacts Facts(string digits)
    {
        var facts = t_facts ??= new PhoneFacts();
        if (!ReferenceEquals(digits, facts.Input) && !string.Equals(digits, facts.Input, StringComparison.Ordinal))
        {
            facts.Read(digits);
        }
        return facts;
    }

    private static FunctionDecl Unary(string name, string description, CelType result, Func<string, object> impl)
    {
        var id = name.Replace('.', '_') + "_string";
        return new FunctionDecl(name, description, FunctionOverload.Global(id, CelType.String, result, v => impl((string)v)));
    }

    /// <summary>What one thread last read of a number; reused, so reading a number allocates nothing.</summary>
    private sealed class PhoneFacts
    {
        private bool _regionKnown;
        private RegionTable? _region;
        private PhoneNumberType? _type;

        public string? Input { get; private set; }

        public int CountryCode { get; private set; }

        /// <summary>The calling code's tables, set only when libphonenumber would parse the number.</summary>
        public CallingCodeTable? Table { get; private set; }

        public string NsnSource { get; private set; } = "";

        public int NsnStart { get; private set; }

        public ReadOnlySpan<char> Nsn => NsnSource.AsSpan(NsnStart);

        public RegionTable? Region
        {
            get
            {
                if (!_regionKnown)
                {
                    _region = Table?.RegionOf(Nsn);
                    _regionKnown = true;
                }
                return _region;
            }
        }

        public PhoneNumberType Type => _type ??= Region?.TypeOf(Nsn) ?? PhoneNumberType.UNKNOWN;

        public void Read(string digits)
        {
            Input = digits;
            CountryCode = 0;
            Table = null;
            NsnSource = "";
            NsnStart = 0;
            _regionKnown = false;
            _region = null;
            _type = null;
            if (digits.Length == 0 || digits[0] == '0' || digits.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                return;
            }
            var code = 0;
            var codeLength = 0;
            for (var length = 1; length <= Math.Min(3, digits.Length); length++)
            {
                code = (code * 10) + (digits[length - 1] - '0');
                if (PhoneMetadataTables.IsCallingCode(code))
                {
                    codeLength = length;
                    break;
                }
            }
            if (codeLength == 0)
            {
                return;
            }
            CountryCode = code;
            // libphonenumber refuses "+" and fewer than three digits (too short after the "+"); longer than
            // 17 digits is refused here as the reference implementation always did.
            if (digits.Length is <= 2 or > CallingCodeTable.MaxNsnLength)
            {
                return;
            }
            var table = PhoneMetadataTables.For(code);
            if (table.NationalSignificantNumber(digits, codeLength, out var start) is { } nsn)
            {
                Table = table;
                NsnSource = nsn;
                NsnStart = start;
            }
        }
    }
}

/// <summary>The compiled metadata, built per calling code on first use and shared by all threads.</summary>
internal static class PhoneMetadataTables
{
    private const int MaxCallingCode = 999;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Whether libphonenumber knows <paramref name="region"/> (an ISO 3166 code in capitals: IN, KE, US).</summary>
    internal static bool IsRegion(string region) => region.Length == 2 && Util.GetSupportedRegions().Contains(region);

    internal static PhoneNumber Parse(string value, string region) => Util.Parse(value, region);

    internal static bool IsValidNumber(PhoneNumber number) => Util.IsValidNumber(number);

    /// <summary>The E.164 form without its "+" (Italian leading zeros kept, as libphonenumber formats them).</summary>
    internal static string E164Digits(PhoneNumber number) => Util.Format(number, PhoneNumberFormat.E164)[1..];

    private static readonly bool[] CallingCodes = Util.GetSupportedCallingCodes()
        .Aggregate(new bool[MaxCallingCode + 1], (codes, code) =>
        {
            codes[code] = true;
            return codes;
        });

    private static readonly CallingCodeTable?[] Tables = new CallingCodeTable?[MaxCallingCode + 1];

    public static bool IsCallingCode(int code) => CallingCodes[code];

    public static string MainRegion(int code) => Util.GetRegionCodeForCountryCode(code);

    /// <summary>The tables of <paramref name="code"/>; two threads may both build them, and one copy wins.</summary>
    public static CallingCodeTable For(int code)
    {
        var table = Volatile.Read(ref Tables[code]);
        if (table is null)
        {
            var built = CallingCodeTable.Build(Util, code);
            table = Interlocked.CompareExchange(ref Tables[code], built, null) ?? built;
        }
        return table;
    }

    /// <summary>Every supported calling code, for tests and benchmarks that compile them all.</summary>
    public static IEnumerable<int> AllCallingCodes() =>
        Enumerable.Range(0, MaxCallingCode + 1).Where(code => CallingCodes[code]);
}
