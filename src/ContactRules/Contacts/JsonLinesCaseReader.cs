using System.Text.Unicode;
using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Contacts;

/// <summary>
/// Reads JSON lines (<c>.jsonl</c>, <c>.ndjson</c>): one case object per line. A bad line is rejected
/// with its line number and reading goes on; blank lines are not records. Lines are read as bytes: a line
/// longer than the record limit is rejected without being held (the rest of it is skipped as it streams),
/// and a line that is not valid UTF-8 is rejected with the byte offset of the first bad byte in the file.
/// </summary>
internal static class JsonLinesCaseReader
{
    public static IEnumerable<CaseReadResult> Read(Stream stream, string path, CaseReadOptions options)
    {
        var lines = new ByteLines(stream, options.Limits.MaxRecordBytes);
        var index = 0;
        var notices = new List<Diagnostic>();
        while (true)
        {
            var (line, error) = Next(lines);
            if (error is not null)
            {
                yield return CaseReadResult.Problem(
                    Diagnostic.Error(DiagnosticCodes.FileUnreadable, SourceLocation.Record(path, lines.LineNumber + 1), Messages.FileUnreadable(error)));
                yield break;
            }
            if (line is not { } bytes)
            {
                yield break;
            }
            var at = SourceLocation.Record(path, lines.LineNumber);
            if (lines.TooLong)
            {
                index++;
                yield return CaseReadResult.Rejected(Diagnostic.Error(DiagnosticCodes.MalformedRecord, at, Messages.RecordTooLarge(lines.Length, options.Limits.MaxRecordBytes)));
                continue;
            }
            var text = bytes.Span;
            if (lines.LineNumber == 1 && text.StartsWith("\uFEFF"u8))
            {
                text = text[3..];
            }
            if (text.IndexOfAnyExcept(" \t\r\n"u8) < 0)
            {
                continue;
            }
            if (InvalidUtf8At(text) is { } offset)
            {
                index++;
                yield return CaseReadResult.Rejected(Diagnostic.Error(
                    DiagnosticCodes.MalformedRecord, new SourceLocation(path, lines.LineNumber, offset + 1), Messages.InvalidUtf8(lines.LineStart + offset, text[offset])));
                continue;
            }
            notices.Clear();
            var result = CaseJson.Parse(text, path, lines.LineNumber, index++, options.Limits.MaxValueChars, notices: notices, keptProperties: options.KeptProperties);
            foreach (var notice in notices)
            {
                yield return CaseReadResult.Notice(notice);
            }
            yield return result;
        }
    }

    /// <summary>The offset of the first byte that is not valid UTF-8, or null when all are.</summary>
    internal static int? InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }
        Span<char> chars = stackalloc char[256];
        var offset = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(bytes[offset..], chars, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status is System.Buffers.OperationStatus.InvalidData or System.Buffers.OperationStatus.NeedMoreData)
            {
                return offset;
            }
        }
    }

    private static (ReadOnlyMemory<byte>? Line, string? Error) Next(ByteLines lines)
    {
        try
        {
            return (lines.Next(), null);
        }
        catch (IOException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Splits a stream into lines of bytes, holding at most one line of up to the limit.</summary>
    private sealed class ByteLines(Stream stream, int limit)
    {
        private byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;
        private bool _final;
        private long _consumed;

        public int LineNumber { get; private set; }

        /// <summary>The byte offset in the stream where the current line starts.</summary>
        public long LineStart { get; private set; }

        /// <summary>Whether the current line passed the limit (its bytes are not kept).</summary>
        public bool TooLong { get; private set; }

        /// <summary>The current line's length in bytes (all of it, when it was too long).</summary>
        public long Length { get; private set; }

        public ReadOnlyMemory<byte>? Next()
        {
            TooLong = false;
            Length = 0;
            LineStart = _consumed;
            var scanned = 0;
            while (true)
            {
                var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var length = scanned + newline;
                    LineNumber++;
                    var line = new ReadOnlyMemory<byte>(_buffer, _start, length);
                    Length += length;
                    _start += length + 1;
                    _consumed += length + 1;
                    return TooLong ? ReadOnlyMemory<byte>.Empty : line;
                }
                scanned = _end - _start;
                if (_final)
                {
                    if (scanned == 0 && Length == 0)
                    {
                        return null;
                    }
                    LineNumber++;
                    var last = new ReadOnlyMemory<byte>(_buffer, _start, scanned);
                    Length += scanned;
                    _consumed += scanned;
                    _start = _end;
                    return TooLong ? ReadOnlyMemory<byte>.Empty : last;
                }
                if (scanned > limit)
                {
                    // Too long: count and drop what is here, and go on looking for the line's end.
                    TooLong = true;
                    Length += scanned;
                    _consumed += scanned;
                    _start = _end;
                    scanned = 0;
                }
                Refill();
            }
        }

        private void Refill() => _final = ByteBuffer.Refill(stream, ref _buffer, ref _start, ref _end, fill: false);
    }
}
