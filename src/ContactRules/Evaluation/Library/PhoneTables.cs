using System.Text.RegularExpressions;
using PhoneNumbers;

namespace ContactRules.Evaluation.Library;

/// <summary>
/// libphonenumber's metadata for one country calling code, compiled into tables and digit automata so a
/// number written as E.164 digits is judged without building a <see cref="PhoneNumber"/> or running the
/// general parser. Everything here is read through libphonenumber's public API, so a version with new
/// metadata is compiled the same way; the differential tests hold the answers equal to libphonenumber's.
/// </summary>
internal sealed class CallingCodeTable
{
    // libphonenumber's bounds on the national significant number (PhoneNumberUtil.MIN/MAX_LENGTH_FOR_NSN).
    public const int MinNsnLength = 2;
    public const int MaxNsnLength = 17;

    private readonly Regex? _nationalPrefix;
    private readonly string _transformRule;

    // The first digits of a national number for which the national prefix regex must run (bit per digit).
    private readonly ushort _nationalPrefixDigits;

    private CallingCodeTable(int code, IReadOnlyList<RegionTable> regions, Regex? nationalPrefix, string transformRule, ushort digits)
    {
        Code = code;
        CodeText = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Regions = regions;
        _nationalPrefix = nationalPrefix;
        _transformRule = transformRule;
        _nationalPrefixDigits = digits;
    }

    public int Code { get; }

    public string CodeText { get; }

    /// <summary>The regions of the code, the main one first, in libphonenumber's order.</summary>
    public IReadOnlyList<RegionTable> Regions { get; }

    public RegionTable Main => Regions[0];

    public static CallingCodeTable Build(PhoneNumberUtil util, int code)
    {
        var regionCodes = util.GetRegionCodesForCountryCode(code);
        var regions = regionCodes
            .Select(r => RegionTable.Build(r, r == PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY
                ? util.GetMetadataForNonGeographicalRegion(code)
                : util.GetMetadataForRegion(r)))
            .ToArray();
        var main = regions[0].Metadata;
        var prefix = main.NationalPrefixForParsing;
        if (string.IsNullOrEmpty(prefix))
        {
            return new CallingCodeTable(code, regions, null, "", 0);
        }
        // As libphonenumber's PhoneRegex.MatchBeginning builds it; run only when the number could start a match.
        var regex = new Regex("^(?:" + prefix + ")", RegexOptions.CultureInvariant);
        var transform = main.NationalPrefixTransformRule ?? "";
        ushort digits = 0x3FF;
        try
        {
            digits = DigitPattern.Parse(prefix, allowEndAnchor: true).First;
            // Past a digit no non-empty match starts with, only an empty match can succeed, the same for every
            // number starting with that digit (an end anchor fails on any of them): it changes the number only
            // when a transform rule rewrites a group that took part, which one match on the digit alone shows.
            for (var d = 0; d < 10; d++)
            {
                var match = regex.Match(((char)('0' + d)).ToString());
                if (match.Success && transform.Length > 0 && match.Groups[match.Groups.Count - 1].Success)
                {
                    digits |= (ushort)(1 << d);
                }
            }
        }
        catch (NotSupportedException)
        {
            // Syntax the digit reader does not know: always ask the regex.
        }
        return new CallingCodeTable(code, regions, regex, transform, digits);
    }

    /// <summary>
    /// The national significant number of "+" <paramref name="digits"/> as libphonenumber's parser makes it
    /// (national prefix and carrier code stripped where its rules say so), or null where it refuses the number.
    /// <paramref name="national"/> is what follows the calling code.
    /// </summary>
    public string? NationalSignificantNumber(string digits, int national, out int start)
    {
        start = national;
        var length = digits.Length - national;
        if (length < MinNsnLength)
        {
            return null;
        }
        var result = digits;
        if (_nationalPrefix is not null && (_nationalPrefixDigits & (1 << (digits[national] - '0'))) != 0)
        {
            var stripped = StripNationalPrefix(digits.Substring(national));
            if (stripped is not null && Main.TestLength(stripped.Length) is not (PhoneNumberUtil.ValidationResult.TOO_SHORT
                or PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY or PhoneNumberUtil.ValidationResult.INVALID_LENGTH))
            {
                result = stripped;
                start = 0;
                length = stripped.Length;
            }
        }
        return length is < MinNsnLength or > MaxNsnLength ? null : result;
    }

    /// <summary>PhoneNumberUtil.MaybeStripNationalPrefixAndCarrierCode on a digit string; null when it leaves it as it is.</summary>
    private string? StripNationalPrefix(string number)
    {
        var match = _nationalPrefix!.Match(number);
        if (!match.Success)
        {
            return null;
        }
        var viable = Main.MatchesGeneralPattern(number);
        var groups = match.Groups.Count;
        if (_transformRule.Length == 0 || !match.Groups[groups - 1].Success)
        {
            var rest = number.Substring(match.Length);
            return viable && !Main.MatchesGeneralPattern(rest) ? null : rest;
        }
        var transformed = string.Concat(match.Result(_transformRule), number.AsSpan(match.Length));
        return viable && !Main.MatchesGeneralPattern(transformed) ? null : transformed;
    }

    /// <summary>GetRegionCodeForNumber: the region of the number, or null when none of the code's regions takes it.</summary>
    public RegionTable? RegionOf(ReadOnlySpan<char> nsn)
    {
        if (Regions.Count == 1)
        {
            return Regions[0];
        }
        foreach (var region in Regions)
        {
            if (region.HasLeadingDigits ? region.MatchesLeadingDigits(nsn) : region.TypeOf(nsn) != PhoneNumberType.UNKNOWN)
            {
                return region;
            }
        }
        return null;
    }
}

/// <summary>One region's (or non-geographical entity's) number descriptions, compiled.</summary>
internal sealed class RegionTable
{
    // The order libphonenumber's GetNumberTypeHelper tries the descriptions in, general first.
    private const int General = 0, Premium = 1, TollFree = 2, SharedCost = 3, Voip = 4, Personal = 5,
        Pager = 6, Uan = 7, Voicemail = 8, FixedLine = 9, Mobile = 10, DescCount = 11;

    private const int MaxDfaStates = 60_000;

    private readonly DigitDfa? _descs;
    private readonly Regex[]? _descRegexes;
    private readonly uint[] _lengthMasks;
    private readonly bool _generalHasPattern;
    private readonly bool _sameMobileAndFixedLine;
    private readonly DigitDfa? _leadingDigits;
    private readonly Regex? _leadingDigitsRegex;
    private readonly PhoneNumberUtil.ValidationResult[] _lengthResults;

    private RegionTable(string id, PhoneMetadata metadata)
    {
        Id = id;
        Metadata = metadata;
        CountryCode = metadata.CountryCode;
        PhoneNumberDesc[] descs =
        [
            metadata.GeneralDesc, metadata.PremiumRate, metadata.TollFree, metadata.SharedCost, metadata.Voip,
            metadata.PersonalNumber, metadata.Pager, metadata.Uan, metadata.Voicemail, metadata.FixedLine, metadata.Mobile,
        ];
        _generalHasPattern = metadata.GeneralDesc.HasNationalNumberPattern;
        _sameMobileAndFixedLine = metadata.SameMobileAndFixedLinePattern;

        // IsNumberMatchingDesc: a description with possible lengths takes no other length.
        _lengthMasks = new uint[CallingCodeTable.MaxNsnLength + 1];
        for (var length = 0; length < _lengthMasks.Length; length++)
        {
            for (var i = 0; i < DescCount; i++)
            {
                var lengths = descs[i]?.PossibleLengthList;
                if (lengths is null || lengths.Count == 0 || lengths.Contains(length))
                {
                    _lengthMasks[length] |= 1u << i;
                }
            }
        }
        var patterns = descs.Select(d => d?.NationalNumberPattern ?? "").ToArray();
        try
        {
            _descs = DigitDfa.Compile([.. patterns.Select(p => DigitPattern.Parse(p))], MaxDfaStates);
        }
        catch (NotSupportedException)
        {
            _descs = null;
        }
        if (_descs is null)
        {
            _descRegexes = [.. patterns.Select(p => new Regex("^(?:" + p + ")$", RegexOptions.CultureInvariant))];
        }

        HasLeadingDigits = metadata.HasLeadingDigits;
        if (HasLeadingDigits)
        {
            try
            {
                _leadingDigits = DigitDfa.Compile([DigitPattern.Parse(metadata.LeadingDigits)], MaxDfaStates);
            }
            catch (NotSupportedException)
            {
                _leadingDigits = null;
            }
            if (_leadingDigits is null)
            {
                _leadingDigitsRegex = new Regex("^(?:" + metadata.LeadingDigits + ")", RegexOptions.CultureInvariant);
            }
        }

        _lengthResults = new PhoneNumberUtil.ValidationResult[CallingCodeTable.MaxNsnLength + 8];
        for (var length = 0; length < _lengthResults.Length; length++)
        {
            _lengthResults[length] = ComputeTestLength(length);
        }
    }

    public string Id { get; }

    public PhoneMetadata Metadata { get; }

    public int CountryCode { get; }

    public bool HasLeadingDigits { get; }

    /// <summary>The DFA states compiled for the region's descriptions (0 where it fell back to regexes).</summary>
    public int StateCount => _descs?.StateCount ?? 0;

    public static RegionTable Build(string id, PhoneMetadata metadata) => new(id, metadata);

    /// <summary>PhoneNumberUtil.TestNumberLength for the general description.</summary>
    public PhoneNumberUtil.ValidationResult TestLength(int length) =>
        length < _lengthResults.Length ? _lengthResults[length] : ComputeTestLength(length);

    private PhoneNumberUtil.ValidationResult ComputeTestLength(int length)
    {
        var general = Metadata.GeneralDesc;
        var possible = general.PossibleLengthList;
        var local = general.PossibleLengthLocalOnlyList;
        if (possible.Count == 0 || possible[0] == -1)
        {
            return PhoneNumberUtil.ValidationResult.INVALID_LENGTH;
        }
        if (local.Contains(length))
        {
            return PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY;
        }
        var minimum = possible[0];
        if (minimum == length)
        {
            return PhoneNumberUtil.ValidationResult.IS_POSSIBLE;
        }
        if (minimum > length)
        {
            return PhoneNumberUtil.ValidationResult.TOO_SHORT;
        }
        if (possible[^1] < length)
        {
            return PhoneNumberUtil.ValidationResult.TOO_LONG;
        }
        return possible.Contains(length) ? PhoneNumberUtil.ValidationResult.IS_POSSIBLE : PhoneNumberUtil.ValidationResult.INVALID_LENGTH;
    }

    /// <summary>Whether the general description's pattern matches all of <paramref name="digits"/>, lengths aside.</summary>
    public bool MatchesGeneralPattern(ReadOnlySpan<char> digits) => (PatternMask(digits) & (1u << General)) != 0;

    public bool MatchesLeadingDigits(ReadOnlySpan<char> nsn) =>
        _leadingDigits?.MatchesPrefix(nsn) ?? _leadingDigitsRegex!.IsMatch(nsn);

    /// <summary>PhoneNumberUtil.GetNumberTypeHelper with this region's metadata.</summary>
    public PhoneNumberType TypeOf(ReadOnlySpan<char> nsn)
    {
        if (!_generalHasPattern)
        {
            return PhoneNumberType.UNKNOWN;
        }
        var matches = PatternMask(nsn) & (nsn.Length < _lengthMasks.Length ? _lengthMasks[nsn.Length] : 0);
        if ((matches & (1u << General)) == 0)
        {
            return PhoneNumberType.UNKNOWN;
        }
        if ((matches & (1u << Premium)) != 0)
        {
            return PhoneNumberType.PREMIUM_RATE;
        }
        if ((matches & (1u << TollFree)) != 0)
        {
            return PhoneNumberType.TOLL_FREE;
        }
        if ((matches & (1u << SharedCost)) != 0)
        {
            return PhoneNumberType.SHARED_COST;
        }
        if ((matches & (1u << Voip)) != 0)
        {
            return PhoneNumberType.VOIP;
        }
        if ((matches & (1u << Personal)) != 0)
        {
            return PhoneNumberType.PERSONAL_NUMBER;
        }
        if ((matches & (1u << Pager)) != 0)
        {
            return PhoneNumberType.PAGER;
        }
        if ((matches & (1u << Uan)) != 0)
        {
            return PhoneNumberType.UAN;
        }
        if ((matches & (1u << Voicemail)) != 0)
        {
            return PhoneNumberType.VOICEMAIL;
        }
        if ((matches & (1u << FixedLine)) != 0)
        {
            return _sameMobileAndFixedLine || (matches & (1u << Mobile)) != 0
                ? PhoneNumberType.FIXED_LINE_OR_MOBILE
                : PhoneNumberType.FIXED_LINE;
        }
        return !_sameMobileAndFixedLine && (matches & (1u << Mobile)) != 0 ? PhoneNumberType.MOBILE : PhoneNumberType.UNKNOWN;
    }

    /// <summary>PhoneNumberUtil.IsValidNumberForRegion once the region is known.</summary>
    public bool IsValid(int countryCode, ReadOnlySpan<char> nsn)
    {
        if (Id != PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY && countryCode != CountryCode)
        {
            return false;
        }
        if (!_generalHasPattern)
        {
            return nsn.Length is > CallingCodeTable.MinNsnLength and <= CallingCodeTable.MaxNsnLength;
        }
        return TypeOf(nsn) != PhoneNumberType.UNKNOWN;
    }

    private uint PatternMask(ReadOnlySpan<char> digits)
    {
        if (_descs is not null)
        {
            return _descs.MatchAll(digits);
        }
        uint mask = 0;
        for (var i = 0; i < _descRegexes!.Length; i++)
        {
            if (_descRegexes[i].IsMatch(digits))
            {
                mask |= 1u << i;
            }
        }
        return mask;
    }
}
