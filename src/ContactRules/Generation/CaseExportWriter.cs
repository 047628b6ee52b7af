using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ContactRules.Contacts;

namespace ContactRules.Generation;

/// <summary>The formats <see cref="CaseExportWriter"/> writes.</summary>
internal enum ExportFormat
{
    /// <summary>CommCare's case API JSON: <c>{"matching_records": n, "cases": [...]}</c>.</summary>
    Json,
    /// <summary>One case object per line.</summary>
    JsonLines,
    /// <summary>A case export with a header row; properties are columns.</summary>
    Csv,
}

/// <summary>
/// Writes cases as the exports ContactRules reads, one case at a time (nothing is held but the case being
/// written), so exports of any size stream. Property columns are the given names, in order.
/// </summary>
internal static class CaseExportWriter
{
    private static readonly string[] StandardColumns =
        ["case_id", "case_type", "case_name", "owner_id", "closed", "date_opened", "last_modified", "server_last_modified"];

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Writes <paramref name="cases"/>; returns how many were written.</summary>
    public static long Write(IEnumerable<CaseRecord> cases, IReadOnlyList<string> propertyNames, Stream output, ExportFormat format)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(propertyNames);
        ArgumentNullException.ThrowIfNull(output);
        return format switch
        {
            ExportFormat.Csv => WriteCsv(cases, propertyNames, output),
            ExportFormat.JsonLines => WriteJsonLines(cases, propertyNames, output),
            _ => WriteJson(cases, propertyNames, output),
        };
    }

    private static long WriteCsv(IEnumerable<CaseRecord> cases, IReadOnlyList<string> propertyNames, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(string.Join(',', StandardColumns.Concat(propertyNames).Select(Quote)));
        long count = 0;
        foreach (var record in cases)
        {
            writer.Write(Quote(record.Id));
            foreach (var value in new[] { record.Type, record.Name, record.OwnerId, record.Closed ? "TRUE" : "FALSE", record.DateOpened?.Raw ?? "", record.LastModified?.Raw ?? "", record.ServerLastModified?.Raw ?? "" })
            {
                writer.Write(',');
                writer.Write(Quote(value));
            }
            foreach (var name in propertyNames)
            {
                writer.Write(',');
                writer.Write(Quote(record.Property(name) ?? ""));
            }
            writer.Write('\n');
            count++;
        }
        return count;
    }

    private static long WriteJson(IEnumerable<CaseRecord> cases, IReadOnlyList<string> propertyNames, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, JsonOptions with { Indented = false });
        writer.WriteStartObject();
        writer.WriteStartArray("cases");
        long count = 0;
        foreach (var record in cases)
        {
            WriteCase(writer, record, propertyNames);
            count++;
            if (writer.BytesPending > 1 << 16)
            {
                writer.Flush();
            }
        }
        writer.WriteEndArray();
        writer.WriteNumber("matching_records", count);
        writer.WriteEndObject();
        return count;
    }

    private static long WriteJsonLines(IEnumerable<CaseRecord> cases, IReadOnlyList<string> propertyNames, Stream output)
    {
        long count = 0;
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, JsonOptions);
        foreach (var record in cases)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            WriteCase(writer, record, propertyNames);
            writer.Flush();
            output.Write(buffer.WrittenSpan);
            output.WriteByte((byte)'\n');
            count++;
        }
        return count;
    }

    private static void WriteCase(Utf8JsonWriter writer, CaseRecord record, IReadOnlyList<string> propertyNames)
    {
        writer.WriteStartObject();
        writer.WriteString("case_id", record.Id);
        writer.WriteString("case_type", record.Type);
        writer.WriteString("case_name", record.Name);
        writer.WriteString("owner_id", record.OwnerId);
        writer.WriteString("date_opened", record.DateOpened?.Raw ?? "");
        writer.WriteString("last_modified", record.LastModified?.Raw ?? "");
        writer.WriteString("server_last_modified", record.ServerLastModified?.Raw ?? "");
        writer.WriteBoolean("closed", record.Closed);
        writer.WriteStartObject("properties");
        foreach (var name in propertyNames)
        {
            if (record.Property(name) is { } value)
            {
                writer.WriteString(name, value);
            }
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A CSV field: quoted, with quotes doubled, when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(NeedsQuotes) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
