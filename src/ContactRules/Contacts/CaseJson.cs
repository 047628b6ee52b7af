using System.Text;
using System.Text.Json;
using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Contacts;

/// <summary>
/// Reads one case object of CommCare's case API from complete JSON text. Values that are not strings
/// become text: numbers keep their exact digits as written (so a phone number 919812345678 stays
/// <c>919812345678</c>, and <c>1e3</c> stays <c>1e3</c>), booleans become <c>true</c>/<c>false</c>,
/// objects and lists their JSON text, and <c>null</c> means the property is absent.
/// </summary>
internal static class CaseJson
{
    public static CaseReadResult Parse(ReadOnlySpan<byte> json, string path, int line, int index, int maxValueChars = InputLimits.DefaultMaxValueChars)
    {
        var builder = new CaseRecordBuilder(path, line, index, maxValueChars);
        if (JsonLinesCaseReader.InvalidUtf8At(json) is { } offset)
        {
            builder.Reject(Messages.InvalidUtf8InRecord(offset, json[offset]));
            return builder.Build();
        }
        try
        {
            var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
            if (!reader.Read())
            {
                builder.Reject(Messages.CaseNotAnObject(Messages.JsonKindName(JsonTokenType.None)));
                return builder.Build();
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                builder.Reject(Messages.CaseNotAnObject(Messages.JsonKindName(reader.TokenType)));
                return builder.Build();
            }
            ReadFields(ref reader, json, builder);
            // The text must hold this one object only (a JSON lines record): the reader throws on anything more.
            reader.Read();
        }
        catch (JsonException e)
        {
            builder.Reject(Messages.InvalidJson(e), Column(json, e));
        }
        catch (InvalidOperationException)
        {
            // Text that is not valid UTF-8 inside a string.
            builder.Reject(Messages.JsonInvalidText);
        }
        return builder.Build();
    }

    /// <summary>
    /// The one-based column of a JSON error, in characters as editors count them when the text is one line
    /// (a JSON lines record); System.Text.Json counts bytes.
    /// </summary>
    private static int Column(ReadOnlySpan<byte> json, JsonException e)
    {
        var bytes = (int)Math.Min(e.BytePositionInLine ?? 0, json.Length);
        return (e.LineNumber ?? 0) == 0 ? Encoding.UTF8.GetCharCount(json[..bytes]) + 1 : bytes + 1;
    }

    private static void ReadFields(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, CaseRecordBuilder builder)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (name == "properties")
            {
                ReadProperties(ref reader, json, builder);
            }
            else if (CaseRecordBuilder.IsField(name) && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                builder.Reject(Messages.CaseFieldNotAValue(name));
                reader.Skip();
            }
            else
            {
                // Other top-level keys of the API (indices, xform_ids, ...) are not properties.
                var value = ValueText(ref reader, json);
                builder.TrySetField(name, value);
            }
        }
    }

    private static void ReadProperties(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, CaseRecordBuilder builder)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            builder.Reject(Messages.CasePropertiesNotAnObject(Messages.JsonKindName(reader.TokenType)));
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            builder.SetProperty(name, ValueText(ref reader, json));
        }
    }

    /// <summary>The value at the reader as text; null for JSON null.</summary>
    private static string? ValueText(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Null:
                return null;
            default:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
        }
    }
}
