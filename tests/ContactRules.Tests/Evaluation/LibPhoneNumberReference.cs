using System.Collections.Frozen;
using System.Globalization;
using PhoneNumbers;

namespace ContactRules.Tests.Evaluation;

/// <summary>
/// The <c>phone.*</c> functions as they were before the compiled tables: libphonenumber parses "+" and the
/// digits and answers each question itself. The source of truth the differential tests compare against.
/// </summary>
internal static class LibPhoneNumberReference
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly FrozenSet<int> CallingCodes = Util.GetSupportedCallingCodes().ToFrozenSet();

    /// <summary>Every phone.* answer for one input.</summary>
    internal readonly record struct Answers(int CountryCode, string Region, bool IsPossible, bool IsValid, string Type, string E164);

    public static Answers Ask(string digits)
    {
        var number = Parse(digits);
        return new Answers(
            CountryCode(digits, number),
            Region(digits, number),
            number is not null && Util.IsPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE,
            number is not null && Util.IsValidNumber(number),
            number is null ? "UNKNOWN" : Util.GetNumberType(number).ToString(),
            number is null ? "" : Util.Format(number, PhoneNumberFormat.E164));
    }

    /// <summary>The number as libphonenumber parses "+" followed by the digits, or null.</summary>
    public static PhoneNumber? Parse(string digits)
    {
        if (digits.Length is > 0 and <= 17 && !digits.AsSpan().ContainsAnyExceptInRange('0', '9') && digits[0] != '0')
        {
            try
            {
                return Util.Parse("+" + digits, "ZZ");
            }
            catch (NumberParseException)
            {
                // Not a number libphonenumber understands (e.g. an unknown country code): not possible, not valid.
            }
        }
        return null;
    }

    /// <summary>The number's region; for a number in no assigned range, the main region of its country code.</summary>
    public static string Region(PhoneNumber? number) =>
        number is null ? "ZZ" : Util.GetRegionCodeForNumber(number) ?? Util.GetRegionCodeForCountryCode(number.CountryCode) ?? "ZZ";

    private static string Region(string digits, PhoneNumber? number) => number is not null
        ? Region(number)
        : CountryCode(digits, null) is > 0 and var code ? Util.GetRegionCodeForCountryCode(code) : "ZZ";

    private static int CountryCode(string digits, PhoneNumber? number)
    {
        if (number is not null)
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
}
