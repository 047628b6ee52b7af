using System.Globalization;
using System.Text.Json;
using ContactRules.Text;

namespace ContactRules.Expressions.Runtime;

/// <summary>
/// Values as JSON. The tagged encoding of the conformance suite (<c>{"int": "1"}</c>, <c>{"double": 1.5}</c>,
/// <c>{"string": "a"}</c>, <c>{"bool": true}</c>, <c>{"null": true}</c>, <c>{"list": [...]}</c>,
/// <c>{"map": [[k, v], ...]}</c>) keeps int and double apart; plain JSON (for <c>--var NAME=JSON</c>) maps
/// integral numbers to int and other numbers to double. Malformed JSON throws <see cref="JsonException"/>, a
/// well-formed document that is not an encoded value <see cref="FormatException"/>.
/// </summary>
internal static class CelJson
{
    public static object ReadTagged(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(json);
        }
        using var properties = json.EnumerateObject();
        if (!properties.MoveNext())
        {
            throw Malformed(json);
        }
        var (tag, value) = (properties.Current.Name, properties.Current.Value);
        return tag switch
        {
            "int" when value.ValueKind == JsonValueKind.String
                && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => CelValues.Int(l),
            "int" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) => CelValues.Int(n),
            "double" when value.ValueKind == JsonValueKind.Number => value.GetDouble(),
            "double" when value.ValueKind == JsonValueKind.String => value.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => throw Malformed(json),
            },
            "string" when value.ValueKind == JsonValueKind.String => value.GetString()!,
            "bool" when value.ValueKind is JsonValueKind.True or JsonValueKind.False => CelValues.Bool(value.GetBoolean()),
            "null" => CelNull.Value,
            "list" when value.ValueKind == JsonValueKind.Array => value.EnumerateArray().Select(ReadTagged).ToArray(),
            "map" when value.ValueKind == JsonValueKind.Array => ReadTaggedMap(value),
            _ => throw Malformed(json),
        };
    }

    private static CelMap ReadTaggedMap(JsonElement entries)
    {
        var pairs = entries.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 2
            ? KeyValuePair.Create(ReadTagged(e[0]), ReadTagged(e[1]))
            : throw Malformed(e));
        return CelMap.TryCreate(pairs, out var map, out var duplicate)
            ? map
            : throw new FormatException(Messages.CelJsonDuplicateMapKey(CelLiteral.Format(duplicate)));
    }

    private static FormatException Malformed(JsonElement json) => new(Messages.CelJsonMalformed(json.GetRawText()));

    /// <summary>Writes a value in the tagged encoding; an error is written as <c>{"error": "message"}</c>.</summary>
    public static void WriteTagged(Utf8JsonWriter writer, object value)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case long l:
                writer.WriteString("int", l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d when double.IsNaN(d):
                writer.WriteString("double", "NaN");
                break;
            case double d when double.IsInfinity(d):
                writer.WriteString("double", d > 0 ? "Infinity" : "-Infinity");
                break;
            case double d:
                writer.WriteNumber("double", d);
                break;
            case string s:
                writer.WriteString("string", s);
                break;
            case bool b:
                writer.WriteBoolean("bool", b);
                break;
            case CelNull:
                writer.WriteBoolean("null", true);
                break;
            case CelMap map:
                writer.WriteStartArray("map");
                foreach (var (k, v) in map)
                {
                    writer.WriteStartArray();
                    WriteTagged(writer, k);
                    WriteTagged(writer, v);
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
                break;
            case IReadOnlyList<object> list:
                writer.WriteStartArray("list");
                foreach (var item in list)
                {
                    WriteTagged(writer, item);
                }
                writer.WriteEndArray();
                break;
            case CelError e:
                writer.WriteString("error", e.Message);
                break;
            default:
                writer.WriteString("string", Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
        writer.WriteEndObject();
    }

    public static string ToTaggedJson(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTagged(writer, value);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static object ParseTagged(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return ReadTagged(doc.RootElement);
    }

    /// <summary>Plain JSON as a CEL value: integral numbers that fit are ints, other numbers doubles, objects maps.</summary>
    public static object FromPlainJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Null => CelNull.Value,
        JsonValueKind.True => CelValues.True,
        JsonValueKind.False => CelValues.False,
        JsonValueKind.String => json.GetString()!,
        JsonValueKind.Number when IsIntegralLiteral(json.GetRawText()) && json.TryGetInt64(out var l) => CelValues.Int(l),
        JsonValueKind.Number => json.GetDouble(),
        JsonValueKind.Array => json.EnumerateArray().Select(FromPlainJson).ToArray(),
        JsonValueKind.Object => CelMap.TryCreate(
            json.EnumerateObject().Select(p => KeyValuePair.Create<object, object>(p.Name, FromPlainJson(p.Value))),
            out var map, out var duplicate) ? map : throw new FormatException(Messages.CelJsonDuplicateKey(CelLiteral.Format(duplicate))),
        _ => throw Malformed(json),
    };

    public static object ParsePlain(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return FromPlainJson(doc.RootElement);
    }

    private static bool IsIntegralLiteral(string number) => number.AsSpan().IndexOfAny(".eE") < 0;
}
