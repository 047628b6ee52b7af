using System.Globalization;
using ContactRules.Expressions.Runtime;
using Xunit;

namespace ContactRules.Tests.Expressions.Runtime;

public sealed class CelJsonTests
{
    [Theory]
    [InlineData("""{"int":"-9223372036854775808"}""")]
    [InlineData("""{"double":1.5}""")]
    [InlineData("""{"double":"NaN"}""")]
    [InlineData("""{"double":"-Infinity"}""")]
    [InlineData("""{"string":"caf\u00E9 \uD83D\uDC31"}""")]
    [InlineData("""{"bool":false}""")]
    [InlineData("""{"null":true}""")]
    [InlineData("""{"list":[{"int":"1"},{"list":[]}]}""")]
    [InlineData("""{"map":[[{"string":"k"},{"double":2}],[{"int":"1"},{"null":true}]]}""")]
    public void Tagged_values_round_trip(string json)
    {
        var value = CelJson.ParseTagged(json);
        Assert.True(StrictValues.AreEqual(value, CelJson.ParseTagged(CelJson.ToTaggedJson(value))));
    }

    [Fact]
    public void Tagged_encoding_keeps_ints_and_doubles_apart()
    {
        Assert.Equal("""{"int":"1"}""", CelJson.ToTaggedJson(1L));
        Assert.Equal("""{"double":1}""", CelJson.ToTaggedJson(1.0));
        Assert.Equal("""{"double":"Infinity"}""", CelJson.ToTaggedJson(double.PositiveInfinity));
        Assert.Equal("""{"error":"division by zero"}""", CelJson.ToTaggedJson(new CelError("division by zero")));
        Assert.IsType<long>(CelJson.ParseTagged("""{"int":"7"}"""));
        Assert.IsType<double>(CelJson.ParseTagged("""{"double":7}"""));
    }

    [Fact]
    public void Malformed_tagged_values_are_format_errors()
    {
        Assert.Throws<FormatException>(() => CelJson.ParseTagged("""{"int":"1.5"}"""));
        Assert.Throws<FormatException>(() => CelJson.ParseTagged("""{"colour":"red"}"""));
        Assert.Throws<FormatException>(() => CelJson.ParseTagged("""{"map":[[{"int":"1"},{"int":"2"}],[{"double":1},{"int":"3"}]]}"""));
    }

    [Fact]
    public void Plain_json_becomes_cel_values()
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
        try
        {
            var value = CelJson.ParsePlain("""{"n": 12, "d": 1.5, "e": 1e2, "big": 18446744073709551616, "s": "x", "b": true, "z": null, "l": [1, "a"]}""");
            var map = Assert.IsType<CelMap>(value);
            Assert.Equal(12L, map["n"]);
            Assert.Equal(1.5, map["d"]);
            Assert.Equal(100.0, map["e"]);
            Assert.Equal(18446744073709551616.0, map["big"]);
            Assert.Equal("x", map["s"]);
            Assert.Equal(true, map["b"]);
            Assert.Same(CelNull.Value, map["z"]);
            Assert.True(StrictValues.AreEqual(new object[] { 1L, "a" }, map["l"]));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(1L, "1")]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(1e21, "1e+21")]
    [InlineData("a\"b\\c\n", "\"a\\\"b\\\\c\\n\"")]
    [InlineData(true, "true")]
    public void Values_print_as_cel_literals(object value, string literal) => Assert.Equal(literal, CelLiteral.Format(value));
}
