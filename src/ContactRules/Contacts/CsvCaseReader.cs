using ContactRules.Diagnostics;
using ContactRules.Text;
using Sylvan.Data.Csv;

namespace ContactRules.Contacts;

/// <summary>
/// Reads CommCare case exports in CSV: a header row naming the columns (<c>case_id</c> or <c>caseid</c>,
/// <c>case_type</c>, <c>closed</c>, <c>date_opened</c>, ...); every other column is a case property, with
/// a <c>properties.</c> prefix removed. A row whose field count differs from the header's is rejected.
/// Line numbers count the line breaks inside quoted fields.
/// </summary>
internal static class CsvCaseReader
{
    private const string PropertiesPrefix = "properties.";

    public static IEnumerable<CaseReadResult> Read(Stream stream, string path)
    {
        using var text = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var (csv, openError) = Open(text);
        if (openError is not null)
        {
            yield return CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.Record(path, 1), Messages.InvalidCsv(openError)));
            yield break;
        }
        using var reader = csv!;
        if (reader.FieldCount == 0)
        {
            yield break;
        }
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => Column(reader.GetName(i))).ToArray();
        if (!columns.Any(c => c.IsId))
        {
            yield return CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.Record(path, 1), Messages.CsvNoIdColumn));
            yield break;
        }
        var line = 2;
        var index = 0;
        while (true)
        {
            var (hasRow, rowError) = Next(reader);
            if (rowError is not null)
            {
                yield return CaseReadResult.Problem(
                    Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.Record(path, line), Messages.InvalidCsv(rowError) + "; " + Messages.ReadingStopped));
                yield break;
            }
            if (!hasRow)
            {
                yield break;
            }
            var rowLine = line;
            line += reader.GetRawRecordSpan().Count('\n');
            if (reader.RowFieldCount == 1 && reader.FieldCount > 1 && reader.GetFieldSpan(0).IsWhiteSpace())
            {
                continue;
            }
            if (reader.RowFieldCount != reader.FieldCount)
            {
                index++;
                yield return CaseReadResult.Rejected(Diagnostic.Error(
                    DiagnosticCodes.MalformedRecord, SourceLocation.Record(path, rowLine), Messages.CsvFieldCount(reader.RowFieldCount, reader.FieldCount)));
                continue;
            }
            var builder = new CaseRecordBuilder(path, rowLine, index++);
            for (var i = 0; i < columns.Length; i++)
            {
                var value = reader.GetString(i);
                if (!builder.TrySetField(columns[i].Name, value))
                {
                    builder.SetProperty(columns[i].Name, value);
                }
            }
            yield return builder.Build();
        }
    }

    private readonly record struct CsvColumn(string Name, bool IsId);

    private static CsvColumn Column(string header)
    {
        var name = header.Trim();
        if (name.StartsWith(PropertiesPrefix, StringComparison.Ordinal))
        {
            name = name[PropertiesPrefix.Length..];
        }
        return new CsvColumn(name, name is "case_id" or "caseid" or "id");
    }

    private static (CsvDataReader? Reader, string? Error) Open(TextReader text)
    {
        try
        {
            return (CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' }), null);
        }
        catch (Exception e) when (e is IOException or FormatException or CsvMissingHeadersException or CsvRecordTooLargeException)
        {
            return (null, e.Message);
        }
    }

    private static (bool HasRow, string? Error) Next(CsvDataReader reader)
    {
        try
        {
            return (reader.Read(), null);
        }
        catch (Exception e) when (e is IOException or FormatException or CsvRecordTooLargeException)
        {
            return (false, e.Message);
        }
    }
}
