using ContactRules.Auditing;
using Xunit;

namespace ContactRules.Tests.Auditing;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("+919812345678", "+*********678")]
    [InlineData("919812345678", "*********678")]
    [InlineData("contact_phone_number \"+91 98123-45679\" must contain digits only", "contact_phone_number \"+** *****-**679\" must contain digits only")]
    [InlineData("the number 919812345678 is already owned by case c-asha", "the number *********678 is already owned by case c-asha")]
    [InlineData("asha.patil@example.org", "***@example.org")]
    [InlineData("commcare_email_address \"Asha <asha@example.org>\" is not", "commcare_email_address \"Asha <***@example.org>\" is not")]
    [InlineData("９１９８１２３４５６７８", "*********６７８")]
    public void Masks_phone_numbers_but_the_last_three_digits_and_email_local_parts(string text, string expected) =>
        Assert.Equal(expected, Redaction.Text(text));

    [Theory]
    [InlineData("2024-01-10T08:15:00.000000Z")]
    [InlineData("case g0000123 and a1b2c3d4owner")]
    [InlineData("has 4 digits, which is not a possible length for country code 91 (IN)")]
    [InlineData("name at example.org")]
    [InlineData("")]
    public void Leaves_dates_identifiers_short_numbers_and_non_addresses_alone(string text) =>
        Assert.Equal(text, Redaction.Text(text));
}
