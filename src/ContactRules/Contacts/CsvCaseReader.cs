using ContactRules.Diagnostics;
using ContactRules.Text;
using Sylvan.Data.Csv;

namespace ContactRules.Contacts;

/// <summary>
/// Reads CommCare case exports in CSV: HQ's export (byte-order mark, CRLF, Excel quoting), the Data Export
/// Tool's tables and hand-made files alike, a header row naming the columns (see <see cref="TabularLayout"/>
/// for what each holds). A row whose field count differs from the header's is rejected. Line numbers count
/// the line breaks inside quoted fields.
/// </summary>
internal static class CsvCaseReader
{
    public static IEnumerable<CaseReadResult> Read(Stream stream, string path, CaseReadOptions options)
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
        var headers = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var diagnostics = new List<Diagnostic>();
        var layout = TabularLayout.Create(headers, options, SourceLocation.Record(path, 1), i => Messages.CsvColumn(i, headers[i]), diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            yield return CaseReadResult.About(diagnostic);
        }
        if (layout is null)
        {
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
            var builder = new CaseRecordBuilder(path, rowLine, index++, options.Limits.MaxValueChars);
            for (var i = 0; i < layout.Count; i++)
            {
                layout.Set(builder, i, reader.GetString(i));
            }
            yield return builder.Build();
        }
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
