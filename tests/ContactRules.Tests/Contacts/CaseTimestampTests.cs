using ContactRules.Contacts;
using NodaTime.Text;
using Xunit;

namespace ContactRules.Tests.Contacts;

/// <summary>The quick reading of export times answers exactly as NodaTime's patterns do, or leaves the text to them.</summary>
public sealed class CaseTimestampTests
{
    private static readonly InstantPattern Utc = InstantPattern.ExtendedIso;

    [Theory]
    [InlineData("2023-01-19T11:02:10.000000Z")]
    [InlineData("2023-01-19T11:02:10Z")]
    [InlineData("2023-01-19T11:02:10.1Z")]
    [InlineData("2023-01-19T11:02:10.123456789Z")]
    [InlineData("2024-02-29T23:59:59.999Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.999999999Z")]
    public void Reads_the_usual_form_as_NodaTime_does(string text)
    {
        Assert.Equal(Utc.Parse(text).Value, CaseTimestamps.TryParseUtc(text));
        Assert.Equal(Utc.Parse(text).Value, CaseTimestamps.TryParse("  " + text + " "));
    }

    [Theory]
    [InlineData("2023-02-29T11:02:10Z")]
    [InlineData("2023-13-01T11:02:10Z")]
    [InlineData("2023-01-19T24:00:00Z")]
    [InlineData("2023-01-19T11:60:10Z")]
    [InlineData("2023-01-19T11:02:60Z")]
    [InlineData("2023-01-19T11:02:10.Z")]
    [InlineData("2023-01-19T11:02:10,5Z")]
    [InlineData("2023-01-19T11:02:10.1234567890Z")]
    [InlineData("2023-01-19T11:02:10+02:00")]
    [InlineData("2023-01-19 11:02:10")]
    [InlineData("2023-01-19")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("+2023-01-19T11:02:1Z")]
    public void Leaves_anything_else_to_NodaTime(string text) => Assert.Null(CaseTimestamps.TryParseUtc(text));

    [Fact]
    public void Agrees_with_NodaTime_on_mutations_of_the_usual_form()
    {
        var random = new Random(14);
        const string Alphabet = "0123456789-:.TZ ,+";
        for (var n = 0; n < 20_000; n++)
        {
            var text = "2023-01-19T11:02:10.000000Z".ToCharArray();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                text[random.Next(text.Length)] = Alphabet[random.Next(Alphabet.Length)];
            }
            var s = new string(text);
            if (CaseTimestamps.TryParseUtc(s) is { } quick)
            {
                var parsed = Utc.Parse(s);
                Assert.True(parsed.Success, s);
                Assert.Equal(parsed.Value, quick);
            }
        }
    }
}
