using ContactRules.Diagnostics;
using ContactRules.Text;
using Sylvan.Data.Csv;

namespace ContactRules.Contacts;

/// <summary>
/// Reads CommCare case exports in CSV: HQ's export (byte-order mark, CRLF, Excel quoting), the Data Export
/// Tool's tables and hand-made files alike, a header row naming the columns (see <see cref="TabularLayout"/>
/// for what each holds). A row whose field count differs from the header's is rejected, and so is a row
/// larger than the record limit, with its line, whatever its size (<see cref="CsvRecordGuard"/> skips it
/// before the parser sees it); reading goes on after both. Line numbers count the line breaks inside
/// quoted fields.
/// </summary>
internal static class CsvCaseReader
{
    public static IEnumerable<CaseReadResult> Read(Stream stream, string path, CaseReadOptions options)
    {
        var limit = options.Limits.MaxRecordBytes;
        using var text = new CsvRecordGuard(
            new StreamReader(stream, MarkedUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true), limit);
        var (csv, openError) = Open(text, limit);
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
        if (CsvRecordGuard.IsMarker(headers[0], out var headerBytes, out _))
        {
            yield return CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.Record(path, 1), Messages.CsvHeaderTooLarge(headerBytes, limit)));
            yield break;
        }
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
            if (reader.RowFieldCount == 1 && CsvRecordGuard.IsMarker(reader.GetFieldSpan(0), out var bytes, out var lines))
            {
                line += lines;
                index++;
                yield return CaseReadResult.Rejected(Diagnostic.Error(DiagnosticCodes.MalformedRecord, SourceLocation.Record(path, rowLine), Messages.RecordTooLarge(bytes, limit)));
                continue;
            }
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
            if (reader.GetRawRecordSpan().Length > options.Limits.MaxRecordBytes)
            {
                index++;
                yield return CaseReadResult.Rejected(Diagnostic.Error(
                    DiagnosticCodes.MalformedRecord, SourceLocation.Record(path, rowLine), Messages.RecordTooLarge(reader.GetRawRecordSpan().Length, options.Limits.MaxRecordBytes)));
                continue;
            }
            if (InvalidByte(reader.GetRawRecordSpan()) is { } invalid)
            {
                index++;
                yield return CaseReadResult.Rejected(Diagnostic.Error(
                    DiagnosticCodes.MalformedRecord, SourceLocation.Record(path, rowLine), Messages.InvalidUtf8InRecord(invalid.Offset, invalid.Value)));
                continue;
            }
            var builder = new CaseRecordBuilder(path, rowLine, index++, options.Limits.MaxValueChars, options.KeptProperties);
            for (var i = 0; i < layout.Count; i++)
            {
                if (layout.Skips(builder, i, reader.GetFieldSpan(i).Length))
                {
                    continue;
                }
                layout.Set(builder, i, reader.GetString(i));
            }
            yield return builder.Build();
        }
    }

    /// <summary>
    /// UTF-8 whose invalid bytes each decode to the noncharacter U+FDD0 followed by U+E000 plus the byte
    /// (.NET refuses lone surrogates, Python's <c>surrogateescape</c>): a row holding one is rejected with
    /// the offset of the bad byte, rather than silently read with U+FFFD. A byte-order mark is dropped.
    /// </summary>
    private static readonly System.Text.Encoding MarkedUtf8 =
        System.Text.Encoding.GetEncoding("utf-8", System.Text.EncoderFallback.ReplacementFallback, new MarkInvalidBytes());

    /// <summary>The first invalid byte in a row: its offset in the row's UTF-8 bytes and its value.</summary>
    private static (int Offset, byte Value)? InvalidByte(ReadOnlySpan<char> row)
    {
        if (!row.Contains(InvalidMark))
        {
            return null;
        }
        var offset = 0;
        for (var i = 0; i < row.Length; i++)
        {
            var c = row[i];
            if (c == InvalidMark && i + 1 < row.Length)
            {
                return (offset, (byte)(row[i + 1] - 0xE000));
            }
            if (i + 1 < row.Length && char.IsSurrogatePair(c, row[i + 1]))
            {
                offset += 4;
                i++;
                continue;
            }
            offset += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return null;
    }

    private const char InvalidMark = '\uFDD0';

    private sealed class MarkInvalidBytes : System.Text.DecoderFallback
    {
        public override int MaxCharCount => 8;

        public override System.Text.DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        private sealed class Buffer : System.Text.DecoderFallbackBuffer
        {
            private byte[] _bytes = [];
            private int _next;

            public override int Remaining => (_bytes.Length * 2) - _next;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                _bytes = bytesUnknown;
                _next = 0;
                return true;
            }

            public override char GetNextChar()
            {
                if (_next >= _bytes.Length * 2)
                {
                    return '\0';
                }
                var c = _next % 2 == 0 ? InvalidMark : (char)(0xE000 + _bytes[_next / 2]);
                _next++;
                return c;
            }

            public override bool MovePrevious()
            {
                if (_next == 0)
                {
                    return false;
                }
                _next--;
                return true;
            }

            public override void Reset() => _next = _bytes.Length * 2;
        }
    }

    private static (CsvDataReader? Reader, string? Error) Open(TextReader text, int limit)
    {
        // Room for any record the guard lets through (the limit in characters, a line break) and then some.
        var maxBuffer = (int)Math.Min(int.MaxValue / 2, Math.Max(4L << 20, (2L * limit) + (64 << 10)));
        try
        {
            return (CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', MaxBufferSize = maxBuffer }), null);
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
