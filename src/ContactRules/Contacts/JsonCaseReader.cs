using System.Text.Json;
using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Contacts;

/// <summary>
/// Streams the cases of CommCare's case API JSON (an object with a <c>cases</c> list, <c>objects</c> in
/// API v0.5, or a top-level list of cases) one at a time: only the record being read is held in memory.
/// A <see cref="Utf8JsonReader"/> walks a buffer that is refilled from the stream, and grown only when a
/// single record does not fit. A record that is not a case is rejected and reading goes on. Invalid JSON
/// inside the case list (a case nested too deeply, a missing comma, a broken value) does not end the
/// input: reading resynchronises at the next case object, splitting the rest of the list by its brackets
/// and strings alone, so each later case is still read or rejected on its own, and counted. Invalid JSON
/// outside the list ends that input, reported at its line and column.
/// </summary>
internal sealed class JsonCaseReader
{
    private const int InitialBufferSize = 64 * 1024;

    private enum Phase
    {
        Start,
        RootObject,
        CaseList,
        AfterRoot,
        Done,
    }

    private enum Outcome
    {
        Continue,
        Result,
        NeedMore,
    }

    private readonly Stream _stream;
    private readonly string _path;
    private readonly InputLimits _limits;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private bool _final;
    private bool _started;
    private JsonReaderState _state;
    private int _line = 1;

    // The one-based column of _start on its line, in UTF-16 characters: where a case on the same line starts.
    private int _column = 1;
    private Phase _phase = Phase.Start;
    private bool _rootIsObject;
    private bool _sawCases;
    private int _index;
    private int _recordLine;

    // After invalid JSON in the case list: the list is split by brackets and strings (see ResyncNext).
    private bool _resync;
    private bool _afterElement;
    private bool _sawComma;

    // Results already made, handed out before anything new is read: a case's warnings, then the case.
    private readonly Queue<CaseReadResult> _queue = new();
    private readonly List<Diagnostic> _notices = [];

    private readonly IReadOnlySet<string>? _keptProperties;

    private JsonCaseReader(Stream stream, string path, InputLimits limits, IReadOnlySet<string>? keptProperties)
    {
        _stream = stream;
        _path = path;
        _limits = limits;
        _keptProperties = keptProperties;
    }

    public static IEnumerable<CaseReadResult> Read(Stream stream, string path, CaseReadOptions options)
    {
        var reader = new JsonCaseReader(stream, path, options.Limits, options.KeptProperties);
        while (reader.Next() is { } result)
        {
            yield return result;
        }
    }

    /// <summary>The next result, or null at the end.</summary>
    private CaseReadResult? Next()
    {
        if (_queue.TryDequeue(out var queued))
        {
            return queued;
        }
        while (_phase != Phase.Done)
        {
            if (_resync)
            {
                return ResyncNext();
            }
            try
            {
                if (!_started)
                {
                    _started = true;
                    Refill();
                    SkipByteOrderMark();
                }
                if (_phase == Phase.Start && _final && IsBlank(_buffer.AsSpan(_start, _end - _start)))
                {
                    _phase = Phase.Done;
                    return null;
                }
                var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
                _recordLine = 0;
                var outcome = Advance(ref reader, out var result);
                if (outcome == Outcome.NeedMore)
                {
                    // With all the input in hand the reader reports truncation itself; this is a safeguard
                    // so that reading can never loop.
                    if (_final)
                    {
                        Stop(out var truncated, Messages.JsonTruncated);
                        return truncated;
                    }
                    Refill();
                    continue;
                }
                Commit((int)reader.BytesConsumed, reader.CurrentState);
                if (outcome == Outcome.Result)
                {
                    return result;
                }
            }
            catch (JsonException) when (_phase == Phase.CaseList)
            {
                // Nothing of the failed unit was committed: the split starts where the last good one ended.
                _resync = true;
                _afterElement = _index > 0;
                _sawComma = false;
            }
            catch (JsonException e)
            {
                _phase = Phase.Done;
                var at = new SourceLocation(_path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
                var diagnostic = Diagnostic.Error(
                    _recordLine > 0 ? DiagnosticCodes.MalformedRecord : DiagnosticCodes.MalformedInput,
                    at,
                    Messages.InvalidJson(e) + "; " + Messages.ReadingStopped);
                // A record that started but is broken is a rejected record, so the totals account for it.
                return _recordLine > 0 ? CaseReadResult.Rejected(diagnostic) : CaseReadResult.Problem(diagnostic);
            }
            catch (IOException e)
            {
                _phase = Phase.Done;
                return CaseReadResult.Problem(
                    Diagnostic.Error(DiagnosticCodes.FileUnreadable, SourceLocation.Record(_path, _line), Messages.FileUnreadable(e.Message)));
            }
        }
        return null;
    }

    /// <summary>Whether a root key is <c>cases</c> (v2) or <c>objects</c> (v0.5); a key escaping a lone surrogate is neither.</summary>
    private static bool NamesCaseList(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.ValueTextEquals("cases"u8) || reader.ValueTextEquals("objects"u8);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to unescape "\ud800" without its low half: the key is not one of ours.
            return false;
        }
    }

    /// <summary>
    /// Reads one unit (a token of the structure around the cases, or one whole case). When the buffer
    /// ends inside it, nothing is committed and the unit is read again after a refill.
    /// </summary>
    private Outcome Advance(ref Utf8JsonReader reader, out CaseReadResult? result)
    {
        result = null;
        switch (_phase)
        {
            case Phase.Start:
                if (!reader.Read())
                {
                    return Outcome.NeedMore;
                }
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    _phase = Phase.CaseList;
                    return Outcome.Continue;
                }
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    _phase = Phase.RootObject;
                    _rootIsObject = true;
                    return Outcome.Continue;
                }
                return Stop(out result, Messages.JsonNoCases);

            case Phase.RootObject:
                if (!reader.Read())
                {
                    return Outcome.NeedMore;
                }
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _phase = Phase.AfterRoot;
                    return _sawCases ? Outcome.Continue : Stop(out result, Messages.JsonNoCases);
                }
                if (NamesCaseList(ref reader))
                {
                    if (!reader.Read())
                    {
                        return Outcome.NeedMore;
                    }
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        return Stop(out result, Messages.JsonCasesNotAList(Messages.JsonKindName(reader.TokenType)));
                    }
                    _sawCases = true;
                    _phase = Phase.CaseList;
                    return Outcome.Continue;
                }
                // `meta`, `next`, `matching_records` and the like: skipped whatever their size.
                return reader.TrySkip() ? Outcome.Continue : Outcome.NeedMore;

            case Phase.CaseList:
                if (!reader.Read())
                {
                    return Outcome.NeedMore;
                }
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = _rootIsObject ? Phase.RootObject : Phase.AfterRoot;
                    return Outcome.Continue;
                }
                var tokenStart = (int)reader.TokenStartIndex;
                _recordLine = _line + CountLines(_buffer.AsSpan(_start, tokenStart));
                if (!reader.TrySkip())
                {
                    return Outcome.NeedMore;
                }
                result = Emit(ParseCase(_buffer.AsSpan(_start + tokenStart, (int)reader.BytesConsumed - tokenStart), _recordLine, ColumnAt(tokenStart)));
                return Outcome.Result;

            default:
                // After the root value only whitespace may follow; the reader itself rejects anything else.
                if (reader.Read() || _final)
                {
                    _phase = Phase.Done;
                    return Outcome.Continue;
                }
                return Outcome.NeedMore;
        }
    }

    /// <summary>
    /// The next case of the list after invalid JSON: the bytes of one element, found by brackets and strings,
    /// parsed on their own (so a broken case is rejected with its own position), or null at the list's end.
    /// What follows the list is not read: nothing after it holds cases.
    /// </summary>
    private CaseReadResult? ResyncNext()
    {
        try
        {
            while (true)
            {
                var span = _buffer.AsSpan(_start, _end - _start);
                var i = span.IndexOfAnyExcept(" \t\r\n"u8);
                if (i < 0)
                {
                    if (_final)
                    {
                        return Finish(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.Record(_path, _line + CountLines(span)), Messages.JsonTruncated));
                    }
                    Refill();
                    continue;
                }
                if (span[i] == (byte)']')
                {
                    _phase = Phase.Done;
                    _resync = false;
                    return null;
                }
                if (span[i] == (byte)',')
                {
                    Commit(i + 1, default);
                    _sawComma = true;
                    continue;
                }
                var end = ElementEnd(span, i);
                if (end < 0)
                {
                    if (_final)
                    {
                        var line = _line + CountLines(span[..i]);
                        _phase = Phase.Done;
                        _resync = false;
                        _index++;
                        return CaseReadResult.Rejected(Diagnostic.Error(DiagnosticCodes.MalformedRecord, SourceLocation.Record(_path, line), Messages.JsonTruncated));
                    }
                    Refill();
                    continue;
                }
                var recordLine = _line + CountLines(span[..i]);
                if (_afterElement && !_sawComma)
                {
                    _queue.Enqueue(CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.Record(_path, recordLine), Messages.JsonMissingComma)));
                }
                CaseReadResult result;
                if (end - i > _limits.MaxRecordBytes)
                {
                    _index++;
                    result = CaseReadResult.Rejected(Diagnostic.Error(DiagnosticCodes.MalformedRecord, SourceLocation.Record(_path, recordLine), Messages.RecordTooLarge(end - i, _limits.MaxRecordBytes)));
                }
                else
                {
                    result = ParseCase(span[i..end], recordLine, ColumnAt(i));
                }
                Commit(end, default);
                _afterElement = true;
                _sawComma = false;
                return Emit(result);
            }
        }
        catch (IOException e)
        {
            return Finish(Diagnostic.Error(DiagnosticCodes.FileUnreadable, SourceLocation.Record(_path, _line), Messages.FileUnreadable(e.Message)));
        }
    }

    /// <summary>Parses one case, queueing its warnings (keys given twice): <see cref="Emit"/> hands them out before it.</summary>
    private CaseReadResult ParseCase(ReadOnlySpan<byte> json, int line, int column)
    {
        _notices.Clear();
        var result = CaseJson.Parse(json, _path, line, _index++, _limits.MaxValueChars, column, _notices, _keptProperties);
        foreach (var notice in _notices)
        {
            _queue.Enqueue(CaseReadResult.Notice(notice));
        }
        return result;
    }

    /// <summary><paramref name="result"/>, or the first of what is queued before it (it is queued last).</summary>
    private CaseReadResult Emit(CaseReadResult result)
    {
        if (_queue.Count == 0)
        {
            return result;
        }
        _queue.Enqueue(result);
        return _queue.Dequeue();
    }

    private CaseReadResult Finish(Diagnostic diagnostic)
    {
        _phase = Phase.Done;
        _resync = false;
        return CaseReadResult.Problem(diagnostic);
    }

    /// <summary>
    /// Where the list element starting at <paramref name="start"/> ends (exclusive), by brackets and strings
    /// only; -1 when it goes past the bytes at hand. A scalar ends at the next comma, bracket or space.
    /// </summary>
    private static int ElementEnd(ReadOnlySpan<byte> span, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < span.Length; i++)
        {
            var b = span[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                }
                continue;
            }
            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    if (depth == 0)
                    {
                        // A stray closing bracket: an element of its own, so reading moves past it.
                        return i == start ? i + 1 : i;
                    }
                    if (--depth == 0)
                    {
                        return i + 1;
                    }
                    break;
                case (byte)',' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' when depth == 0:
                    return i;
            }
        }
        return -1;
    }

    private Outcome Stop(out CaseReadResult? result, string message)
    {
        _phase = Phase.Done;
        result = CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.Record(_path, _line), message));
        return Outcome.Result;
    }

    private void Commit(int consumed, JsonReaderState state)
    {
        _column = ColumnAt(consumed);
        _line += CountLines(_buffer.AsSpan(_start, consumed));
        _start += consumed;
        _state = state;
    }

    /// <summary>The column of the byte <paramref name="offset"/> bytes after <c>_start</c>.</summary>
    private int ColumnAt(int offset)
    {
        var bytes = _buffer.AsSpan(_start, offset);
        var newline = bytes.LastIndexOf((byte)'\n');
        return newline < 0 ? _column + Characters(bytes) : 1 + Characters(bytes[(newline + 1)..]);
    }

    // As editors count: UTF-16 characters (an invalid byte counts as one).
    private static int Characters(ReadOnlySpan<byte> bytes) => System.Text.Encoding.UTF8.GetCharCount(bytes);

    /// <summary>Moves the unread bytes to the front, grows the buffer if they fill it, and reads more.</summary>
    private void Refill() => _final = ByteBuffer.Refill(_stream, ref _buffer, ref _start, ref _end, fill: true);

    private void SkipByteOrderMark()
    {
        if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
        {
            _start += 3;
        }
    }

    private static int CountLines(ReadOnlySpan<byte> bytes) => bytes.Count((byte)'\n');

    private static bool IsBlank(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept(" \t\r\n"u8) < 0;
}
