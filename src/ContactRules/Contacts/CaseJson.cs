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
    /// <summary>
    /// Reads the case in <paramref name="json"/>, which starts at <paramref name="line"/> and <paramref name="column"/>
    /// of its input. A key given twice in one object adds a warning to <paramref name="notices"/> naming both places
    /// (the later value is used); a case id key given twice with different values rejects the record.
    /// </summary>
    public static CaseReadResult Parse(
        ReadOnlySpan<byte> json, string path, int line, int index, int maxValueChars = InputLimits.DefaultMaxValueChars, int column = 1, ICollection<Diagnostic>? notices = null,
        IReadOnlySet<string>? keptProperties = null)
    {
        var builder = new CaseRecordBuilder(path, line, index, maxValueChars, keptProperties);
        var keys = new KeyPositions(path, line, column, notices);
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
            ReadFields(ref reader, json, builder, keys);
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

    private static void ReadFields(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, CaseRecordBuilder builder, KeyPositions keys)
    {
        var seen = new Dictionary<string, Position>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var at = keys.At(json, (int)reader.TokenStartIndex);
            var first = seen.TryGetValue(name, out var earlier) ? earlier : (Position?)null;
            seen[name] = at;
            reader.Read();
            if (name == "properties")
            {
                if (first is { } p)
                {
                    // The later object replaces the first whole, as a JSON parser keeping the last key would.
                    keys.Warn(at, Messages.JsonKeyTwice(name, p.ToString(), at.ToString()));
                    builder.ClearProperties();
                }
                ReadProperties(ref reader, json, builder, keys);
            }
            else if (CaseRecordBuilder.IsField(name) && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                builder.Reject(Messages.CaseFieldNotAValue(name));
                reader.Skip();
            }
            else
            {
                // Other top-level keys of the API (indices, xform_ids, ...) are not properties.
                if (reader.TokenType == JsonTokenType.StartArray && name is "cases" or "objects")
                {
                    builder.SawCaseList(name);
                }
                var value = ValueText(ref reader, json);
                if (CaseRecordBuilder.IsIdField(name))
                {
                    // Two different ids under one key leave no way to tell which case this is: `id` and `case_id`
                    // are different keys (API v0.5 has both), so only the same key twice counts.
                    if (first is { } p && ids.TryGetValue(name, out var firstId) && firstId?.Trim() != value?.Trim())
                    {
                        builder.RejectAt(at.Line, at.Column, Messages.JsonIdKeyTwice(name, p.ToString(), at.ToString()));
                        continue;
                    }
                    ids[name] = value;
                }
                if (first is { } q)
                {
                    keys.Warn(at, Messages.JsonKeyTwice(name, q.ToString(), at.ToString()));
                    if (value is null)
                    {
                        builder.ClearField(name);
                    }
                }
                builder.TrySetField(name, value);
            }
        }
    }

    private static void ReadProperties(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, CaseRecordBuilder builder, KeyPositions keys)
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
        var seen = new Dictionary<string, Position>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var at = keys.At(json, (int)reader.TokenStartIndex);
            if (seen.TryGetValue(name, out var first))
            {
                keys.Warn(at, Messages.JsonPropertyTwice(name, first.ToString(), at.ToString()));
            }
            seen[name] = at;
            reader.Read();
            // A scalar's text has no more characters than its bytes as written: one short enough is not read.
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null
                && builder.Skips(name, reader.ValueSpan.Length))
            {
                continue;
            }
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

    /// <summary>A one-based line and column (in UTF-16 characters, as editors count them) in the input.</summary>
    private readonly record struct Position(int Line, int Column)
    {
        public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Line}:{Column}");
    }

    /// <summary>
    /// Turns byte offsets of keys into positions in the input. Keys come in order, so the count moves forward
    /// only and a record is scanned once however many keys it has.
    /// </summary>
    private sealed class KeyPositions(string path, int line, int column, ICollection<Diagnostic>? notices)
    {
        private int _offset;
        private int _line = line;
        private int _column = column;

        public Position At(ReadOnlySpan<byte> json, int offset)
        {
            var bytes = json[_offset..offset];
            var newline = bytes.LastIndexOf((byte)'\n');
            if (newline < 0)
            {
                _column += Encoding.UTF8.GetCharCount(bytes);
            }
            else
            {
                _line += bytes.Count((byte)'\n');
                _column = 1 + Encoding.UTF8.GetCharCount(bytes[(newline + 1)..]);
            }
            _offset = offset;
            return new Position(_line, _column);
        }

        public void Warn(Position at, string message) =>
            notices?.Add(Diagnostic.Warning(DiagnosticCodes.DuplicateName, new SourceLocation(path, at.Line, at.Column), message));
    }
}
