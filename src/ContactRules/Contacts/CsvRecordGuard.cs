using System.Globalization;

namespace ContactRules.Contacts;

/// <summary>
/// Stands between the decoded text of a CSV file and the CSV parser, so that one over-long row cannot end
/// the file: Sylvan throws <c>CsvRecordTooLargeException</c> for a record that outgrows its buffer and
/// cannot go on after it. Records are split as the parser splits them (a quote opens a quoted field only
/// at the start of a field; <c>""</c> inside one is a quote), a record is held only until it ends or
/// passes the limit, and one that passes it is skipped to its end and replaced by a marker row saying how
/// large it was and how many line breaks it held. Memory stays within the limit plus one read chunk.
/// </summary>
internal sealed class CsvRecordGuard(TextReader inner, int limit) : TextReader
{
    /// <summary>
    /// Starts a marker row: a lone surrogate, which decoding never produces (invalid bytes are marked
    /// otherwise), so no input can forge one.
    /// </summary>
    public const char Marker = '\uDC00';

    private const int ChunkSize = 64 * 1024;

    private enum State
    {
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    private readonly char[] _chunk = new char[ChunkSize];

    // [_readPos, _readyEnd) is handed out; [_readyEnd, _length) is the record still being read.
    private char[] _buffer = new char[ChunkSize];
    private int _readPos;
    private int _readyEnd;
    private int _length;
    private State _state = State.Unquoted;

    // The character before the scan's position, carried across chunks: a quote after a comma or a line
    // break (or at the very start) opens a quoted field; anywhere else it is text.
    private char _previous = '\n';
    private bool _end;

    // The record being skipped: its size so far in UTF-8 bytes and the line breaks it held.
    private bool _skipping;
    private long _skippedBytes;
    private long _skippedLines;

    /// <summary>The size in bytes and the line breaks of a record the marker row <paramref name="row"/> stands for; false for any other row.</summary>
    public static bool IsMarker(ReadOnlySpan<char> row, out long bytes, out int lines)
    {
        bytes = 0;
        lines = 0;
        if (row.Length == 0 || row[0] != Marker)
        {
            return false;
        }
        var text = row[1..];
        var colon = text.IndexOf(':');
        return colon > 0
            && long.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out bytes)
            && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out lines);
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill())
        {
            return 0;
        }
        var n = Math.Min(buffer.Length, _readyEnd - _readPos);
        _buffer.AsSpan(_readPos, n).CopyTo(buffer);
        _readPos += n;
        return n;
    }

    public override int Read()
    {
        if (!Fill())
        {
            return -1;
        }
        return _buffer[_readPos++];
    }

    public override int Peek() => Fill() ? _buffer[_readPos] : -1;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Makes text ready to hand out; false at the end.</summary>
    private bool Fill()
    {
        while (_readPos == _readyEnd)
        {
            if (_end)
            {
                // The last record, without a line break after it.
                if (_skipping)
                {
                    AppendMarker();
                }
                _readyEnd = _length;
                return _readPos < _readyEnd;
            }
            Compact();
            var n = inner.Read(_chunk, 0, _chunk.Length);
            if (n == 0)
            {
                _end = true;
                continue;
            }
            Scan(_chunk.AsSpan(0, n));
        }
        return true;
    }

    /// <summary>Moves the record still being read to the front (everything before it has been handed out).</summary>
    private void Compact()
    {
        var pending = _length - _readyEnd;
        _buffer.AsSpan(_readyEnd, pending).CopyTo(_buffer);
        _readPos = 0;
        _readyEnd = 0;
        _length = pending;
    }

    private void Scan(ReadOnlySpan<char> text)
    {
        var keep = 0;
        var i = 0;
        while (i < text.Length)
        {
            switch (_state)
            {
                case State.Unquoted:
                    // Commas need no stop: whether a quote opens a field is told by the character before it.
                    var stop = text[i..].IndexOfAny("\"\n\r");
                    if (stop < 0)
                    {
                        i = text.Length;
                        break;
                    }
                    i += stop;
                    if (text[i] != '"')
                    {
                        keep = EndRecord(text, keep, i);
                    }
                    else if ((i > 0 ? text[i - 1] : _previous) is ',' or '\n' or '\r')
                    {
                        _state = State.Quoted;
                    }
                    i++;
                    break;
                case State.Quoted:
                    var quote = text[i..].IndexOf('"');
                    if (quote < 0)
                    {
                        i = text.Length;
                        break;
                    }
                    i += quote + 1;
                    _state = State.QuoteInQuoted;
                    break;
                default:
                    // After a quote inside a quoted field: a second quote is an escaped one; anything else closed
                    // the field, and what follows (text, a comma or a line break) is read as unquoted.
                    if (text[i] == '"')
                    {
                        _state = State.Quoted;
                        i++;
                    }
                    else
                    {
                        _state = State.Unquoted;
                    }
                    break;
            }
        }
        _previous = text[^1];
        var rest = text[keep..];
        if (!_skipping && _length - _readyEnd + rest.Length > limit)
        {
            StartSkipping();
        }
        if (_skipping)
        {
            Skip(rest);
        }
        else
        {
            Append(rest);
        }
    }

    /// <summary>
    /// The record ends before the line break at <paramref name="at"/>: it is handed out whole, or as a
    /// marker row when it passed the limit. Returns where the text still to keep starts.
    /// </summary>
    private int EndRecord(ReadOnlySpan<char> text, int keep, int at)
    {
        var content = text[keep..at];
        if (!_skipping && _length - _readyEnd + content.Length > limit)
        {
            StartSkipping();
        }
        if (_skipping)
        {
            Skip(content);
            AppendMarker();
        }
        else
        {
            Append(content);
        }
        Append(text.Slice(at, 1));
        _readyEnd = _length;
        return at + 1;
    }

    /// <summary>Drops what is held of the current record, counting it, and drops the rest of it as it comes.</summary>
    private void StartSkipping()
    {
        _skipping = true;
        _skippedBytes = 0;
        _skippedLines = 0;
        Skip(_buffer.AsSpan(_readyEnd, _length - _readyEnd));
        _length = _readyEnd;
    }

    private void Skip(ReadOnlySpan<char> text)
    {
        // Counted per piece: a surrogate pair split between chunks counts a byte or two over, no more.
        _skippedBytes += System.Text.Encoding.UTF8.GetByteCount(text);
        _skippedLines += text.Count('\n');
    }

    private void AppendMarker()
    {
        _skipping = false;
        Append(string.Create(CultureInfo.InvariantCulture, $"{Marker}{_skippedBytes}:{Math.Min(_skippedLines, int.MaxValue)}"));
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_length + text.Length, Math.Min(_buffer.Length * 2, limit + (2 * ChunkSize))));
        }
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }
}
