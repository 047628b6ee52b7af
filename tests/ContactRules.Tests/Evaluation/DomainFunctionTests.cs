using ContactRules.Evaluation;
using ContactRules.Evaluation.Library;
using ContactRules.Projects;
using Xunit;

namespace ContactRules.Tests.Evaluation;

public sealed class DomainFunctionTests
{
    [Theory]
    [InlineData("15551234567", 1, "US", true, false)] // the seed's example: possible, not assigned
    [InlineData("919812345678", 91, "IN", true, true)] // the seed's other example
    [InlineData("254712345678", 254, "KE", true, true)]
    [InlineData("447400123456", 44, "GB", true, true)]
    [InlineData("9198123", 91, "IN", false, false)] // too short for India
    [InlineData("09812345678", 0, "ZZ", false, false)] // national form with its leading zero
    [InlineData("999123456", 0, "ZZ", false, false)] // no such country code
    [InlineData("+919812345678", 0, "ZZ", false, false)] // not digits only: phone.* takes clean digits
    [InlineData("", 0, "ZZ", false, false)]
    public void Phone_functions_read_e164_digits(string digits, int countryCode, string region, bool possible, bool valid)
    {
        var number = LibPhoneNumberReference.Parse(digits);
        Assert.Equal(countryCode, number?.CountryCode ?? 0);
        Assert.Equal(region, LibPhoneNumberReference.Region(number));
        Assert.Equal(possible, number is not null && PhoneNumbers.PhoneNumberUtil.GetInstance().IsPossibleNumber(number));
        Assert.Equal(valid, number is not null && PhoneNumbers.PhoneNumberUtil.GetInstance().IsValidNumber(number));
        // The compiled tables the rules use say the same.
        Assert.Equal(number?.CountryCode ?? 0, number is null ? 0 : PhoneFunctions.CountryCode(digits));
        Assert.Equal(region, PhoneFunctions.Region(digits));
        Assert.Equal(possible, PhoneFunctions.IsPossible(digits));
        Assert.Equal(valid, PhoneFunctions.IsValid(digits));
    }

    [Theory]
    [InlineData("+91 98123-45678", "919812345678")]
    [InlineData("(555) 123.4567", "5551234567")]
    [InlineData("\t+1 555\n1234567 ", "15551234567")]
    [InlineData("++15551234567", "+15551234567")] // only one leading "+" goes
    [InlineData("0812/345#67", "0812/345#67")] // HQ keeps these, and the digits check then fails
    [InlineData("", "")]
    public void Phone_clean_removes_what_commcare_hq_removes(string raw, string cleaned) =>
        Assert.Equal(cleaned, PhoneFunctions.Clean(raw));

    [Theory]
    [InlineData("user@example.org", true)]
    [InlineData("first.last+tag@sub.example.co.in", true)]
    [InlineData("o'brien@example.ie", true)]
    [InlineData("user@bücher.de", true)]
    [InlineData("Jane Doe <jane@example.org>", false)] // a display-name form is not a bare address
    [InlineData("jane@example", false)] // no top-level domain
    [InlineData("jane@@example.org", false)]
    [InlineData("jane.@example.org", false)]
    [InlineData("ja ne@example.org", false)]
    [InlineData("@example.org", false)]
    [InlineData("jane@", false)]
    [InlineData("jane@-example.org", false)]
    [InlineData("jane@example.c", false)]
    public void Email_is_valid_takes_bare_addresses_only(string address, bool valid) =>
        Assert.Equal(valid, EmailFunctions.IsValid(address));

    [Theory]
    [InlineData("America/New_York", false, "America/New_York")]
    [InlineData("Asia/Kolkata", false, "Asia/Kolkata")]
    [InlineData("america/new_york", false, null)]
    [InlineData("america/new_york", true, "America/New_York")]
    [InlineData("EST", true, "EST")]
    [InlineData("utc", true, "UTC")]
    [InlineData(" America/New_York", true, null)] // HQ falls back on a leading space
    [InlineData("Mars/Olympus_Mons", true, null)]
    public void Time_zones_are_iana_ids(string id, bool ignoreCase, string? found) =>
        Assert.Equal(found, TimeZoneFunctions.Find(id, ignoreCase));

    [Fact]
    public void Gateways_route_by_longest_prefix_then_catch_all()
    {
        var table = new GatewayTable(
        [
            new Gateway("SAFARICOM", ["254"]),
            new Gateway("SAFARICOM-POSTPAID", ["25472"]),
            new Gateway("TWILIO", ["*", "1"]),
        ]);
        Assert.Equal(new GatewayRoute("SAFARICOM-POSTPAID", GatewayChoice.Prefix, "25472"), table.Route("254722345678"));
        Assert.Equal(new GatewayRoute("SAFARICOM", GatewayChoice.Prefix, "254"), table.Route("254712345678"));
        Assert.Equal(new GatewayRoute("TWILIO", GatewayChoice.Prefix, "1"), table.Route("15551234567"));
        Assert.Equal(new GatewayRoute("TWILIO", GatewayChoice.CatchAll, "*"), table.Route("919812345678"));
    }

    [Fact]
    public void Without_a_catch_all_an_unserved_number_has_no_gateway()
    {
        var table = new GatewayTable([new Gateway("SAFARICOM", ["254"])]);
        Assert.Equal(GatewayChoice.None, table.Route("919812345678").Choice);
    }

    [Fact]
    public void A_project_without_gateways_does_not_check_routing() =>
        Assert.Equal(GatewayChoice.NotConfigured, GatewayTable.Empty.Route("919812345678").Choice);

    [Theory]
    [InlineData("MTN-IN", false, "MTN-IN")]
    [InlineData("mtn-in", false, null)]
    [InlineData("  mtn-in ", true, "MTN-IN")]
    [InlineData("MTN", true, null)]
    public void Gateways_are_found_by_name(string name, bool ignoreCase, string? found) =>
        Assert.Equal(found, new GatewayTable([new Gateway("MTN-IN", ["91"])]).Find(name, ignoreCase));
}
