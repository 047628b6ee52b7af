using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using System.Xml;

namespace ContactRules.Contacts;

internal static partial class XlsxCaseReader
{
    /// <summary>
    /// How a sheet is read: scanned as UTF-8 bytes, starting with a buffer of <paramref name="Buffer"/> bytes and
    /// giving out a row only once <paramref name="Margin"/> bytes past it have been read; or, with a buffer of 0,
    /// with <see cref="XmlReader"/> alone.
    /// </summary>
    /// <remarks>
    /// The margin keeps a failing stream (damaged compressed data, a size limit) from failing the scan before
    /// rows it has given out: <see cref="XmlReader"/>, reading the part again, reads a few KiB ahead of its rows,
    /// so it meets the failure past them too and reports it where it always has.
    /// <see cref="GaveUp"/>, when set, hears the number of rows given before the scan gave way (tests see that it scanned).
    /// A shared strings part of <see cref="LazyStringsFrom"/> bytes or more (unpacked) is read as the sheet needs it
    /// (<see cref="LazyStrings"/>); a smaller one is loaded whole. <see cref="LoadedAllStrings"/>, when set, hears that
    /// strings read alongside had to be loaded whole after all (tests see that the count of their uses held).
    /// </remarks>
    internal readonly record struct SheetScan(
        int Buffer, int Margin, Action<int>? GaveUp = null, long LazyStringsFrom = SheetScan.DefaultLazyStringsFrom, Action? LoadedAllStrings = null)
    {
        public const long DefaultLazyStringsFrom = 16L << 20;

        public static SheetScan Default { get; } = new(1 << 18, 1 << 16);

        public static SheetScan Off { get; } = new(0, 0);
    }

    /// <summary>
    /// A sheet's rows: from the byte scanner while it knows what it reads, then, at anything it does not know,
    /// from <see cref="XmlReader"/> over the part opened again, the rows already given skipped, so that errors
    /// keep <see cref="XmlReader"/>'s messages and positions.
    /// </summary>
    private sealed class SheetRows : IDisposable
    {
        private readonly Workbook _workbook;
        private readonly SheetScan _scan;
        private SheetScanner? _scanner;
        private XmlReader? _xml;
        private RowReader? _rows;
        private int _lastRow;
        private int _given;

        public SheetRows(Workbook workbook, Stream sheet, SheetScan scan)
        {
            _workbook = workbook;
            _scan = scan;
            if (scan.Buffer > 0)
            {
                _scanner = new SheetScanner(sheet, workbook, scan);
            }
            else
            {
                _xml = XmlReader.Create(sheet, XmlSettings);
                _rows = new RowReader(_xml, workbook);
            }
        }

        /// <summary>The row a failure is in; failures are <see cref="RowReader"/>'s, since the scanner gives up instead.</summary>
        public int FailedRow => _rows?.FailedRow ?? _lastRow + 1;

        public (Row? Row, string? Error) Next()
        {
            // The rows before this one are taken: the shared strings only they use can go.
            _workbook.LazyStrings?.AtRow(_given);
            var next = ReadRow();
            if (next.Row is not null)
            {
                _given++;
            }
            return next;
        }

        private (Row? Row, string? Error) ReadRow()
        {
            if (_scanner is { } scanner)
            {
                var row = scanner.Next(out var ended);
                if (row is not null || ended)
                {
                    return (row, null);
                }
                var given = scanner.Given;
                _scan.GaveUp?.Invoke(given);
                _lastRow = scanner.LastRow;
                scanner.Dispose();
                _scanner = null;
                var (stream, error) = _workbook.OpenSheet();
                if (stream is null)
                {
                    return (null, error);
                }
                _xml = XmlReader.Create(stream, XmlSettings);
                _rows = new RowReader(_xml, _workbook);
                // Rows given already are passed over without their strings, which may be gone.
                _workbook.SkippingRows = true;
                try
                {
                    for (var i = 0; i < given; i++)
                    {
                        var skipped = _rows.Next();
                        if (skipped.Row is null)
                        {
                            return skipped;
                        }
                    }
                }
                finally
                {
                    _workbook.SkippingRows = false;
                }
            }
            return _rows!.Next();
        }

        public void Dispose()
        {
            _scanner?.Dispose();
            _xml?.Dispose();
        }
    }

    /// <summary>What a step of the scanner found: done, more bytes needed to tell, or something to leave to <see cref="XmlReader"/>.</summary>
    private enum Scan
    {
        Ok,
        More,
        GiveUp,
    }

    /// <summary>
    /// Reads a sheet part's rows from its UTF-8 bytes, giving the rows <see cref="RowReader"/> gives: the same
    /// cells, found the same way (a <c>row</c> or <c>c</c> element at any depth, text of a <c>v</c>, or of a
    /// <c>t</c> outside phonetic runs), and only from XML <see cref="XmlReader"/> would accept without complaint.
    /// It checks what it reads as strictly (names, nesting, attributes, declared prefixes, references, characters)
    /// and gives up at anything past what it knows (DTDs, comments, processing instructions, entities in
    /// attributes, namespaces declared inside rows, non-ASCII names, an encoding other than UTF-8), leaving the
    /// part to <see cref="XmlReader"/>. A row is read whole from the buffer: cut by a refill, it is read again.
    /// </summary>
    private sealed class SheetScanner : IDisposable
    {
        private const int MaxAttributes = 16;
        private const int MaxDepth = 64;
        // A row that needs more than this is left to XmlReader rather than held.
        private const int MaxBuffer = 1 << 26;
        private const byte NameStart = 1;
        private const byte NamePart = 2;
        private const byte Colon = 3;

        private static readonly byte[] NameClass = MakeNameClass();

        // Bytes text cannot hold as they are: controls, the markup characters, a carriage return (normalized) and non-ASCII.
        private static readonly SearchValues<byte> TextSpecials = SearchValues.Create(MakeSpecials(text: true));
        private static readonly SearchValues<byte> CdataSpecials = SearchValues.Create(MakeSpecials(text: false));

        private readonly Row _row = new();
        private readonly Stream _stream;
        private readonly Workbook _workbook;
        private readonly int _margin;
        // Rented from the pool; a row longer than it grows a buffer of its own, and only the rented one goes back.
        private readonly byte[] _rented;
        private byte[] _buffer;
        private bool _disposed;
        private int _pos;
        private int _end;
        private bool _eof;
        private bool _started;
        private bool _rootSeen;

        // Elements open outside rows (their qualified names) and the prefixes declared on them, by depth.
        private readonly List<byte[]> _open = [];
        private readonly List<(byte[] Prefix, int Depth)> _prefixes = [];
        private byte[]? _knownPrefix;

        // The attributes of the tag just read: name start, colon (-1 when none), name end, value start, value end.
        private readonly int[] _attributeStart = new int[MaxAttributes];
        private readonly int[] _attributeColon = new int[MaxAttributes];
        private readonly int[] _attributeEnd = new int[MaxAttributes];
        private readonly int[] _valueStart = new int[MaxAttributes];
        private readonly int[] _valueEnd = new int[MaxAttributes];
        private int _attributes;
        // Every attribute of the tag has a one-letter name.
        private bool _shortNames;

        // Elements open inside the row being read, as offsets of their names in the buffer (a row is read whole).
        private readonly int[] _innerStart = new int[MaxDepth];
        private readonly int[] _innerLength = new int[MaxDepth];
        private readonly int[] _innerColon = new int[MaxDepth];
        private int _inner;

        private char[] _value = new char[256];
        private int _valueLength;
        private char[] _inline = new char[256];
        private int _inlineLength;
        private char[] _scratch = new char[256];

        public SheetScanner(Stream stream, Workbook workbook, SheetScan scan)
        {
            _stream = new ReadAheadStream(stream, workbook.ArchiveGate);
            _workbook = workbook;
            _margin = scan.Margin;
            _buffer = _rented = ArrayPool<byte>.Shared.Rent(scan.Buffer);
        }

        /// <summary>The rows given out, which <see cref="XmlReader"/> skips when it takes over.</summary>
        public int Given { get; private set; }

        public int LastRow { get; private set; }

        /// <summary>The next row; null with <paramref name="ended"/> at the sheet's end, null without it to give up.</summary>
        public Row? Next(out bool ended)
        {
            ended = false;
            while (true)
            {
                var i = _pos;
                var row = false;
                var scanned = _started ? Step(ref i, ref row, ref ended) : Prolog(ref i);
                if (scanned == Scan.Ok)
                {
                    _pos = i;
                    _started = true;
                    if (ended)
                    {
                        return null;
                    }
                    if (row)
                    {
                        if (!ReadAhead())
                        {
                            return null;
                        }
                        Given++;
                        return _row;
                    }
                    continue;
                }
                if (scanned == Scan.GiveUp || _eof || !Refill())
                {
                    return null;
                }
            }
        }

        public void Dispose()
        {
            _stream.Dispose();
            if (!_disposed)
            {
                _disposed = true;
                ArrayPool<byte>.Shared.Return(_rented);
            }
        }

        /// <summary>Reads until the margin past the current position is in the buffer (or the part has ended); false when reading failed.</summary>
        private bool ReadAhead()
        {
            while (!_eof && _end - _pos < _margin)
            {
                if (!Refill())
                {
                    return false;
                }
            }
            return true;
        }

        private bool Refill()
        {
            if (_end - _pos >= MaxBuffer)
            {
                return false;
            }
            try
            {
                _eof = ByteBuffer.Refill(_stream, ref _buffer, ref _pos, ref _end, fill: true);
                return true;
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                return false;
            }
        }

        /// <summary>An optional byte-order mark and XML declaration, which must say version 1.0 and, if anything, UTF-8.</summary>
        private Scan Prolog(ref int i)
        {
            var b = _buffer;
            if (_end - i < 3)
            {
                return Scan.More;
            }
            if (b[i] == 0xEF && b[i + 1] == 0xBB && b[i + 2] == 0xBF)
            {
                i += 3;
            }
            if (_end - i < 6)
            {
                return Scan.More;
            }
            if (b[i] != '<')
            {
                return Scan.GiveUp;
            }
            if (b[i + 1] != '?')
            {
                return NameClass[b[i + 1]] == NameStart ? Scan.Ok : Scan.GiveUp;
            }
            if (!b.AsSpan(i, 5).SequenceEqual("<?xml"u8) || !IsSpace(b[i + 5]))
            {
                return Scan.GiveUp;
            }
            i += 5;
            var stage = 0;
            while (true)
            {
                var spaced = SkipSpace(ref i);
                if (i + 1 >= _end)
                {
                    return Scan.More;
                }
                if (b[i] == '?' && b[i + 1] == '>')
                {
                    i += 2;
                    return stage > 0 ? Scan.Ok : Scan.GiveUp;
                }
                if (!spaced)
                {
                    return Scan.GiveUp;
                }
                var nameStart = i;
                var scanned = Name(ref i, out var colon);
                if (scanned != Scan.Ok)
                {
                    return scanned;
                }
                if (colon >= 0)
                {
                    return Scan.GiveUp;
                }
                var name = b.AsSpan(nameStart, i - nameStart);
                scanned = OpenValue(ref i, out var quote);
                if (scanned != Scan.Ok)
                {
                    return scanned;
                }
                var close = b.AsSpan(i, _end - i).IndexOf(quote);
                if (close < 0)
                {
                    return _end - i > 64 ? Scan.GiveUp : Scan.More;
                }
                var value = b.AsSpan(i, close);
                i += close + 1;
                if (stage == 0 && name.SequenceEqual("version"u8) && value.SequenceEqual("1.0"u8))
                {
                    stage = 1;
                }
                else if (stage == 1 && name.SequenceEqual("encoding"u8) && Ascii.EqualsIgnoreCase(value, "utf-8"u8))
                {
                    stage = 2;
                }
                else if (stage is 1 or 2 && name.SequenceEqual("standalone"u8) && (value.SequenceEqual("yes"u8) || value.SequenceEqual("no"u8)))
                {
                    stage = 3;
                }
                else
                {
                    return Scan.GiveUp;
                }
            }
        }

        /// <summary>One piece of markup or text outside rows, or a whole row (<paramref name="row"/>), or the end of <c>sheetData</c>.</summary>
        private Scan Step(ref int i, ref bool row, ref bool ended)
        {
            var b = _buffer;
            if (i >= _end)
            {
                return Scan.More;
            }
            if (b[i] != '<')
            {
                if (_open.Count > 0)
                {
                    return Text(ref i, null);
                }
                // Before the root only white space; after it, whatever follows is XmlReader's to judge.
                if (_rootSeen)
                {
                    return Scan.GiveUp;
                }
                SkipSpace(ref i);
                return i >= _end ? Scan.More : b[i] == '<' ? Scan.Ok : Scan.GiveUp;
            }
            if (i + 1 >= _end)
            {
                return Scan.More;
            }
            switch (b[i + 1])
            {
                case (byte)'/':
                    {
                        i += 2;
                        var nameStart = i;
                        var scanned = EndTag(ref i, out var nameEnd, out var colon);
                        if (scanned != Scan.Ok)
                        {
                            return scanned;
                        }
                        if (_open.Count == 0 || !b.AsSpan(nameStart, nameEnd - nameStart).SequenceEqual(_open[^1]))
                        {
                            return Scan.GiveUp;
                        }
                        _open.RemoveAt(_open.Count - 1);
                        Undeclare(_open.Count);
                        if (LocalName(nameStart, colon, nameEnd).SequenceEqual("sheetData"u8))
                        {
                            ended = true;
                            return Scan.Ok;
                        }
                        return _open.Count == 0 ? Scan.GiveUp : Scan.Ok;
                    }
                case (byte)'!':
                    return _open.Count == 0 ? Scan.GiveUp : Cdata(ref i, null);
                default:
                    {
                        if (_rootSeen && _open.Count == 0)
                        {
                            return Scan.GiveUp;
                        }
                        i++;
                        var nameStart = i;
                        var scanned = StartTag(ref i, out var colon, out var nameEnd, out var empty);
                        if (scanned != Scan.Ok)
                        {
                            return scanned;
                        }
                        if (LocalName(nameStart, colon, nameEnd).SequenceEqual("row"u8))
                        {
                            scanned = Row(ref i, nameStart, colon, nameEnd, empty);
                            if (scanned == Scan.Ok)
                            {
                                _rootSeen = true;
                                row = true;
                            }
                            return scanned;
                        }
                        var depth = _open.Count;
                        if (CheckTag(nameStart, colon, depth) != Scan.Ok)
                        {
                            Undeclare(depth);
                            return Scan.GiveUp;
                        }
                        if (empty)
                        {
                            Undeclare(depth);
                        }
                        else
                        {
                            _open.Add(b.AsSpan(nameStart, nameEnd - nameStart).ToArray());
                        }
                        _rootSeen = true;
                        return Scan.Ok;
                    }
            }
        }

        /// <summary>A row from just past its start tag to its end: its number and cells, as <see cref="RowReader.Next"/> reads them.</summary>
        private Scan Row(ref int i, int nameStart, int colon, int nameEnd, bool empty)
        {
            if (CheckTag(nameStart, colon, -1) != Scan.Ok)
            {
                return Scan.GiveUp;
            }
            var b = _buffer;
            var number = LastRow + 1;
            for (var a = 0; a < _attributes; a++)
            {
                if (IsPlainAttribute(a, "r"u8))
                {
                    number = int.TryParse(AttributeChars(a), CultureInfo.InvariantCulture, out var r) && r > 0 ? r : LastRow + 1;
                    break;
                }
            }
            _row.Start(number);
            if (empty)
            {
                LastRow = number;
                return Scan.Ok;
            }
            _inner = 0;
            Push(nameStart, colon, nameEnd);
            var next = 0;
            while (true)
            {
                if (i >= _end)
                {
                    return Scan.More;
                }
                Scan scanned;
                if (b[i] != '<')
                {
                    scanned = Text(ref i, null);
                }
                else if (i + 1 >= _end)
                {
                    return Scan.More;
                }
                else if (b[i + 1] == '/')
                {
                    scanned = InnerEnd(ref i, out _, out _, out _);
                    if (scanned == Scan.Ok && _inner == 0)
                    {
                        LastRow = number;
                        return Scan.Ok;
                    }
                }
                else if (b[i + 1] == '!')
                {
                    scanned = Cdata(ref i, null);
                }
                else
                {
                    i++;
                    var start = i;
                    scanned = StartTag(ref i, out var tagColon, out var end, out var tagEmpty);
                    if (scanned == Scan.Ok)
                    {
                        scanned = CheckTag(start, tagColon, -1);
                    }
                    if (scanned == Scan.Ok)
                    {
                        if ((tagColon >= 0 ? end - tagColon - 1 : end - start) == 1 && _buffer[end - 1] == 'c')
                        {
                            scanned = Cell(ref i, start, tagColon, end, tagEmpty, ref next);
                        }
                        else if (!tagEmpty)
                        {
                            scanned = Push(start, tagColon, end);
                        }
                    }
                }
                if (scanned != Scan.Ok)
                {
                    return scanned;
                }
            }
        }

        /// <summary>A cell from just past its start tag: its column, type and style, then the text of its <c>v</c> and inline string.</summary>
        private Scan Cell(ref int i, int nameStart, int colon, int nameEnd, bool empty, ref int next)
        {
            var column = next;
            var type = CellType.Number;
            var styleAttribute = -1;
            for (var a = 0; a < _attributes; a++)
            {
                if (_attributeEnd[a] - _attributeStart[a] != 1)
                {
                    continue;
                }
                switch (_buffer[_attributeStart[a]])
                {
                    case (byte)'r':
                        var at = ColumnOf(AttributeBytes(a));
                        column = at < 0 ? next : at;
                        break;
                    case (byte)'t':
                        type = TypeOf(AttributeBytes(a));
                        break;
                    case (byte)'s':
                        styleAttribute = a;
                        break;
                }
            }
            var style = 0;
            if (type == CellType.Number && styleAttribute >= 0)
            {
                style = int.TryParse(AttributeChars(styleAttribute), CultureInfo.InvariantCulture, out var s) ? s : 0;
            }
            next = column + 1;
            _valueLength = 0;
            _inlineLength = 0;
            if (!empty)
            {
                var scanned = CellContent(ref i, nameStart, colon, nameEnd);
                if (scanned != Scan.Ok)
                {
                    return scanned;
                }
            }
            _row.Add(RowReader.Convert(_workbook, column, type, style, _value.AsSpan(0, _valueLength), null, _inline.AsSpan(0, _inlineLength)));
            return Scan.Ok;
        }

        /// <summary>The content of a cell, as <see cref="RowReader"/>'s <c>ReadCellContent</c> reads it: text goes to the value when in a <c>v</c>, to the inline string when in a <c>t</c> outside <c>rPh</c>.</summary>
        private Scan CellContent(ref int i, int nameStart, int cellColon, int nameEnd)
        {
            var scanned = Push(nameStart, cellColon, nameEnd);
            if (scanned != Scan.Ok)
            {
                return scanned;
            }
            var cellDepth = _inner;
            var b = _buffer;
            // The element whose text is being read: 1 a v, 2 a t, 0 anything else.
            var current = 0;
            var phonetic = 0;
            while (true)
            {
                if (i >= _end)
                {
                    return Scan.More;
                }
                if (b[i] != '<')
                {
                    scanned = Text(ref i, current == 1 ? true : current == 2 && phonetic == 0 ? false : null);
                }
                else if (i + 1 >= _end)
                {
                    return Scan.More;
                }
                else if (b[i + 1] == '/')
                {
                    scanned = InnerEnd(ref i, out var start, out var colon, out var end);
                    if (scanned == Scan.Ok)
                    {
                        if (_inner < cellDepth)
                        {
                            return Scan.Ok;
                        }
                        if (LocalName(start, colon, end).SequenceEqual("rPh"u8))
                        {
                            phonetic--;
                        }
                        else
                        {
                            current = 0;
                        }
                    }
                }
                else if (b[i + 1] == '!')
                {
                    scanned = Cdata(ref i, current == 1 ? true : current == 2 && phonetic == 0 ? false : null);
                }
                else if (IsPlainValueTag(i, nameStart, cellColon))
                {
                    // <v> with the cell's own prefix, already found declared in this row (where scopes cannot change).
                    var start = i + 1;
                    var end = start + (cellColon < 0 ? 0 : cellColon - nameStart + 1) + 1;
                    scanned = Push(start, cellColon < 0 ? -1 : end - 2, end);
                    current = 1;
                    i = end + 1;
                }
                else
                {
                    i++;
                    var start = i;
                    scanned = StartTag(ref i, out var colon, out var end, out var tagEmpty);
                    if (scanned == Scan.Ok)
                    {
                        scanned = CheckTag(start, colon, -1);
                    }
                    if (scanned == Scan.Ok && !tagEmpty)
                    {
                        scanned = Push(start, colon, end);
                        var local = LocalName(start, colon, end);
                        if (local.SequenceEqual("rPh"u8))
                        {
                            phonetic++;
                        }
                        else
                        {
                            current = local.Length != 1 ? 0 : local[0] == 'v' ? 1 : local[0] == 't' ? 2 : 0;
                        }
                    }
                }
                if (scanned != Scan.Ok)
                {
                    return scanned;
                }
            }
        }

        /// <summary>Whether <paramref name="i"/> is at <c>&lt;v&gt;</c> with the prefix of the cell whose name is at <paramref name="cellStart"/>, nothing else in the tag.</summary>
        private bool IsPlainValueTag(int i, int cellStart, int cellColon)
        {
            var prefix = cellColon < 0 ? 0 : cellColon - cellStart + 1;
            var v = i + 1 + prefix;
            return v + 1 < _end && _buffer[v] == 'v' && _buffer[v + 1] == '>' && Same(_buffer.AsSpan(i + 1, prefix), _buffer.AsSpan(cellStart, prefix));
        }

        private Scan Push(int nameStart, int colon, int nameEnd)
        {
            if (_inner == MaxDepth)
            {
                return Scan.GiveUp;
            }
            _innerStart[_inner] = nameStart;
            _innerColon[_inner] = colon;
            _innerLength[_inner] = nameEnd - nameStart;
            _inner++;
            return Scan.Ok;
        }

        /// <summary>An end tag inside a row, at <c>&lt;/</c>: it must close the element open last.</summary>
        /// <remarks>The name is compared with the open element's, already checked, rather than read again; it is given as the start tag's.</remarks>
        private Scan InnerEnd(ref int i, out int nameStart, out int colon, out int nameEnd)
        {
            var top = _inner - 1;
            nameStart = _innerStart[top];
            colon = _innerColon[top];
            var length = _innerLength[top];
            nameEnd = nameStart + length;
            var b = _buffer;
            var at = i + 2;
            if (_end - at <= length)
            {
                return Scan.More;
            }
            var after = b[at + length];
            // Another name, or this one followed by more name characters, does not close the element.
            if (!Same(b.AsSpan(at, length), b.AsSpan(nameStart, length)) || NameClass[after] != 0 || after >= 0x80)
            {
                return Scan.GiveUp;
            }
            at += length;
            var scanned = Expect(ref at, (byte)'>');
            if (scanned == Scan.Ok)
            {
                i = at;
                _inner = top;
            }
            return scanned;
        }

        /// <summary>A name (ASCII letters, digits, <c>._-</c>, at most one colon between two parts), from <paramref name="i"/>.</summary>
        private Scan Name(ref int i, out int colon)
        {
            colon = -1;
            var b = _buffer;
            var end = _end;
            // A local index, not the ref, in the loop: the JIT keeps it in a register.
            var j = i;
            if (j >= end)
            {
                return Scan.More;
            }
            if (NameClass[b[j]] != NameStart)
            {
                return Scan.GiveUp;
            }
            var found = -1;
            for (j++; ; j++)
            {
                if (j >= end)
                {
                    return Scan.More;
                }
                var kind = NameClass[b[j]];
                if (kind is NameStart or NamePart)
                {
                    continue;
                }
                if (kind != Colon)
                {
                    if (b[j] >= 0x80)
                    {
                        return Scan.GiveUp;
                    }
                    i = j;
                    colon = found;
                    return Scan.Ok;
                }
                if (found >= 0)
                {
                    return Scan.GiveUp;
                }
                found = j++;
                if (j >= end)
                {
                    return Scan.More;
                }
                if (NameClass[b[j]] != NameStart)
                {
                    return Scan.GiveUp;
                }
            }
        }

        /// <summary>A start tag from its name on, to past its <c>&gt;</c>: the attributes go to the attribute arrays.</summary>
        private Scan StartTag(ref int i, out int colon, out int nameEnd, out bool empty)
        {
            empty = false;
            nameEnd = 0;
            var scanned = Name(ref i, out colon);
            if (scanned != Scan.Ok)
            {
                return scanned;
            }
            nameEnd = i;
            _attributes = 0;
            _shortNames = true;
            var b = _buffer;
            while (true)
            {
                var spaced = SkipSpace(ref i);
                if (i >= _end)
                {
                    return Scan.More;
                }
                var c = b[i];
                if (c == '>')
                {
                    i++;
                    return Scan.Ok;
                }
                if (c == '/')
                {
                    if (i + 1 >= _end)
                    {
                        return Scan.More;
                    }
                    if (b[i + 1] != '>')
                    {
                        return Scan.GiveUp;
                    }
                    i += 2;
                    empty = true;
                    return Scan.Ok;
                }
                if (!spaced || _attributes == MaxAttributes)
                {
                    return Scan.GiveUp;
                }
                var a = _attributes;
                _attributeStart[a] = i;
                int attributeColon;
                if (i + 1 < _end && NameClass[c] == NameStart && b[i + 1] == '=')
                {
                    // A one-letter name (a cell's r, t, s) right before its =: nothing more to check.
                    attributeColon = -1;
                    i++;
                }
                else
                {
                    scanned = Name(ref i, out attributeColon);
                    if (scanned != Scan.Ok)
                    {
                        return scanned;
                    }
                }
                _attributeColon[a] = attributeColon;
                _attributeEnd[a] = i;
                _shortNames &= i - _attributeStart[a] == 1;
                byte quote;
                if (i + 1 < _end && b[i] == '=' && b[i + 1] is (byte)'"' or (byte)'\'')
                {
                    // name="value", as nearly every writer puts it.
                    quote = b[i + 1];
                    i += 2;
                }
                else
                {
                    scanned = OpenValue(ref i, out quote);
                    if (scanned != Scan.Ok)
                    {
                        return scanned;
                    }
                }
                _valueStart[a] = i;
                var j = i;
                var end = _end;
                while (true)
                {
                    if (j >= end)
                    {
                        return Scan.More;
                    }
                    var v = b[j];
                    if (v == quote)
                    {
                        break;
                    }
                    if (v >= 0x80)
                    {
                        // Checked as text is (a sheetPr's codeName may be Лист1).
                        var at = j;
                        scanned = NonAscii(ref at, null);
                        if (scanned != Scan.Ok)
                        {
                            return scanned;
                        }
                        j = at;
                        continue;
                    }
                    // Entities and white space XmlReader would normalize are left to it.
                    if (v is < 0x20 or (byte)'<' or (byte)'&')
                    {
                        return Scan.GiveUp;
                    }
                    j++;
                }
                _valueEnd[a] = j;
                i = j + 1;
                _attributes++;
            }
        }

        /// <summary>An attribute's <c>=</c>, white space around it allowed, and its opening quote, which <paramref name="i"/> is left past.</summary>
        private Scan OpenValue(ref int i, out byte quote)
        {
            quote = 0;
            var b = _buffer;
            var scanned = Expect(ref i, (byte)'=');
            if (scanned != Scan.Ok)
            {
                return scanned;
            }
            SkipSpace(ref i);
            if (i >= _end)
            {
                return Scan.More;
            }
            quote = b[i];
            if (quote is not ((byte)'"' or (byte)'\''))
            {
                return Scan.GiveUp;
            }
            i++;
            return Scan.Ok;
        }

        /// <summary>An end tag from its name on, to past its <c>&gt;</c>.</summary>
        private Scan EndTag(ref int i, out int nameEnd, out int colon)
        {
            nameEnd = 0;
            var scanned = Name(ref i, out colon);
            if (scanned != Scan.Ok)
            {
                return scanned;
            }
            nameEnd = i;
            return Expect(ref i, (byte)'>');
        }

        /// <summary>White space, then <paramref name="c"/>, which <paramref name="i"/> is left past.</summary>
        private Scan Expect(ref int i, byte c)
        {
            SkipSpace(ref i);
            if (i >= _end)
            {
                return Scan.More;
            }
            if (_buffer[i] != c)
            {
                return Scan.GiveUp;
            }
            i++;
            return Scan.Ok;
        }

        /// <summary>
        /// Checks the tag just read as a namespace-aware reader does: prefixes declared (those declared on it
        /// count, and enter the scope at <paramref name="depth"/>; inside rows, at -1, declarations are given up on),
        /// no attribute twice (by local name, stricter than XML, so never more lenient).
        /// </summary>
        private Scan CheckTag(int nameStart, int colon, int depth)
        {
            var b = _buffer;
            if (_shortNames)
            {
                // Attributes of one-letter names (a cell's r, t and s): no declarations, no prefixes, distinct when their letters are.
                for (var a = 1; a < _attributes; a++)
                {
                    for (var other = 0; other < a; other++)
                    {
                        if (b[_attributeStart[a]] == b[_attributeStart[other]])
                        {
                            return Scan.GiveUp;
                        }
                    }
                }
                return colon < 0 || Declared(b.AsSpan(nameStart, colon - nameStart)) ? Scan.Ok : Scan.GiveUp;
            }
            for (var a = 0; a < _attributes; a++)
            {
                var name = b.AsSpan(_attributeStart[a], _attributeEnd[a] - _attributeStart[a]);
                var prefixed = _attributeColon[a] >= 0;
                if (name[0] == 'x' && (prefixed ? name.StartsWith("xmlns:"u8) : name.SequenceEqual("xmlns"u8)))
                {
                    var uri = b.AsSpan(_valueStart[a], _valueEnd[a] - _valueStart[a]);
                    if (depth < 0 || uri.IndexOf("w3.org"u8) >= 0)
                    {
                        return Scan.GiveUp;
                    }
                    if (prefixed)
                    {
                        var prefix = name[6..];
                        if (uri.IsEmpty || prefix.SequenceEqual("xml"u8) || prefix.SequenceEqual("xmlns"u8))
                        {
                            return Scan.GiveUp;
                        }
                        _prefixes.Add((prefix.ToArray(), depth));
                    }
                }
                var local = prefixed ? name[(_attributeColon[a] - _attributeStart[a] + 1)..] : name;
                for (var other = 0; other < a; other++)
                {
                    var otherName = b.AsSpan(_attributeStart[other], _attributeEnd[other] - _attributeStart[other]);
                    var otherLocal = _attributeColon[other] >= 0 ? otherName[(_attributeColon[other] - _attributeStart[other] + 1)..] : otherName;
                    if (local.Length == otherLocal.Length && local[0] == otherLocal[0] && local.SequenceEqual(otherLocal))
                    {
                        return Scan.GiveUp;
                    }
                }
            }
            if (colon >= 0)
            {
                var prefix = b.AsSpan(nameStart, colon - nameStart);
                if (!Declared(prefix))
                {
                    return Scan.GiveUp;
                }
            }
            for (var a = 0; a < _attributes; a++)
            {
                if (_attributeColon[a] < 0)
                {
                    continue;
                }
                var prefix = b.AsSpan(_attributeStart[a], _attributeColon[a] - _attributeStart[a]);
                if (prefix.SequenceEqual("xmlns"u8))
                {
                    continue;
                }
                if (prefix.SequenceEqual("xml"u8))
                {
                    var value = b.AsSpan(_valueStart[a], _valueEnd[a] - _valueStart[a]);
                    if (!b.AsSpan(_attributeColon[a] + 1, _attributeEnd[a] - _attributeColon[a] - 1).SequenceEqual("space"u8)
                        || !(value.SequenceEqual("preserve"u8) || value.SequenceEqual("default"u8)))
                    {
                        return Scan.GiveUp;
                    }
                    continue;
                }
                if (!Declared(prefix))
                {
                    return Scan.GiveUp;
                }
            }
            return Scan.Ok;
        }

        private bool Declared(ReadOnlySpan<byte> prefix)
        {
            // The prefix last found (never xml or xmlns, which are not declared) is nearly always the one asked about.
            if (_knownPrefix is not null && Same(prefix, _knownPrefix))
            {
                return true;
            }
            if (prefix.SequenceEqual("xml"u8) || prefix.SequenceEqual("xmlns"u8))
            {
                return false;
            }
            for (var p = _prefixes.Count - 1; p >= 0; p--)
            {
                if (prefix.SequenceEqual(_prefixes[p].Prefix))
                {
                    _knownPrefix = _prefixes[p].Prefix;
                    return true;
                }
            }
            return false;
        }

        /// <summary>Drops the prefixes declared at <paramref name="depth"/> (its element has ended).</summary>
        private void Undeclare(int depth)
        {
            var count = _prefixes.Count;
            while (count > 0 && _prefixes[count - 1].Depth >= depth)
            {
                count--;
            }
            if (count < _prefixes.Count)
            {
                _prefixes.RemoveRange(count, _prefixes.Count - count);
                _knownPrefix = null;
            }
        }

        /// <summary>
        /// Text up to the next <c>&lt;</c>, checked as XmlReader checks it (characters, references, no <c>]]&gt;</c>),
        /// and added, references resolved and line ends normalized, to the value (<paramref name="toValue"/> true),
        /// the inline string (false) or nowhere (null).
        /// </summary>
        private Scan Text(ref int i, bool? toValue)
        {
            var b = _buffer;
            var start = i;
            while (true)
            {
                var rest = b.AsSpan(i, _end - i);
                var k = rest.IndexOfAny(TextSpecials);
                if (k < 0)
                {
                    return Scan.More;
                }
                if (k > 0 && toValue is { } target)
                {
                    AppendAscii(rest[..k], target);
                }
                i += k;
                var c = b[i];
                switch (c)
                {
                    case (byte)'<':
                        return Scan.Ok;
                    case (byte)'&':
                        var scanned = Reference(ref i, toValue);
                        if (scanned != Scan.Ok)
                        {
                            return scanned;
                        }
                        break;
                    case (byte)'>':
                        if (i - start >= 2 && b[i - 1] == ']' && b[i - 2] == ']')
                        {
                            return Scan.GiveUp;
                        }
                        Append('>', toValue);
                        i++;
                        break;
                    case (byte)'\r':
                        if (i + 1 >= _end)
                        {
                            return Scan.More;
                        }
                        Append('\n', toValue);
                        i += b[i + 1] == '\n' ? 2 : 1;
                        break;
                    case >= 0x80:
                        scanned = NonAscii(ref i, toValue);
                        if (scanned != Scan.Ok)
                        {
                            return scanned;
                        }
                        break;
                    default:
                        return Scan.GiveUp;
                }
            }
        }

        /// <summary>A CDATA section at <c>&lt;!</c> (any other <c>&lt;!</c> is given up on): its text as it is, line ends normalized.</summary>
        private Scan Cdata(ref int i, bool? toValue)
        {
            var b = _buffer;
            if (_end - i < 9)
            {
                return Scan.More;
            }
            if (!b.AsSpan(i, 9).SequenceEqual("<![CDATA["u8))
            {
                return Scan.GiveUp;
            }
            var start = i + 9;
            var close = b.AsSpan(start, _end - start).IndexOf("]]>"u8);
            if (close < 0)
            {
                return Scan.More;
            }
            var end = start + close;
            i = start;
            while (i < end)
            {
                var k = b.AsSpan(i, end - i).IndexOfAny(CdataSpecials);
                if (k < 0)
                {
                    k = end - i;
                }
                if (k > 0 && toValue is { } target)
                {
                    AppendAscii(b.AsSpan(i, k), target);
                }
                i += k;
                if (i == end)
                {
                    break;
                }
                var c = b[i];
                if (c == '\r')
                {
                    Append('\n', toValue);
                    i += i + 1 < end && b[i + 1] == '\n' ? 2 : 1;
                }
                else if (c >= 0x80)
                {
                    var scanned = NonAscii(ref i, toValue, end);
                    if (scanned != Scan.Ok)
                    {
                        return scanned;
                    }
                }
                else
                {
                    return Scan.GiveUp;
                }
            }
            i = end + 3;
            return Scan.Ok;
        }

        /// <summary>A run of non-ASCII bytes: strict UTF-8 of characters XML allows.</summary>
        private Scan NonAscii(ref int i, bool? toValue, int limit = -1)
        {
            var end = limit < 0 ? _end : limit;
            var run = _buffer.AsSpan(i, end - i);
            var length = run.IndexOfAnyInRange((byte)0, (byte)0x7F);
            if (length < 0)
            {
                if (limit < 0)
                {
                    return Scan.More;
                }
                length = run.Length;
            }
            run = run[..length];
            ref var chars = ref toValue is true ? ref _value : ref toValue is false ? ref _inline : ref _scratch;
            var used = toValue is true ? _valueLength : toValue is false ? _inlineLength : 0;
            if (chars.Length - used < length)
            {
                Array.Resize(ref chars, Math.Max(chars.Length * 2, used + length));
            }
            var decoded = Utf8.ToUtf16(run, chars.AsSpan(used), out _, out var written, replaceInvalidSequences: false, isFinalBlock: true);
            if (decoded != OperationStatus.Done || chars.AsSpan(used, written).IndexOfAny('\uFFFE', '\uFFFF') >= 0)
            {
                return Scan.GiveUp;
            }
            if (toValue is true)
            {
                _valueLength += written;
            }
            else if (toValue is false)
            {
                _inlineLength += written;
            }
            i += length;
            return Scan.Ok;
        }

        /// <summary>A reference at <c>&amp;</c>: one of XML's five entities or a character reference to a character XML allows.</summary>
        private Scan Reference(ref int i, bool? toValue)
        {
            var b = _buffer;
            var window = Math.Min(12, _end - i - 1);
            var semicolon = b.AsSpan(i + 1, window).IndexOf((byte)';');
            if (semicolon < 0)
            {
                return window < 12 ? Scan.More : Scan.GiveUp;
            }
            var name = b.AsSpan(i + 1, semicolon);
            i += semicolon + 2;
            switch (name)
            {
                case [(byte)'a', (byte)'m', (byte)'p']:
                    Append('&', toValue);
                    return Scan.Ok;
                case [(byte)'l', (byte)'t']:
                    Append('<', toValue);
                    return Scan.Ok;
                case [(byte)'g', (byte)'t']:
                    Append('>', toValue);
                    return Scan.Ok;
                case [(byte)'q', (byte)'u', (byte)'o', (byte)'t']:
                    Append('"', toValue);
                    return Scan.Ok;
                case [(byte)'a', (byte)'p', (byte)'o', (byte)'s']:
                    Append('\'', toValue);
                    return Scan.Ok;
                case [(byte)'#', (byte)'x', .. var hex] when hex.Length > 0:
                    return Character(hex, NumberStyles.AllowHexSpecifier, toValue);
                case [(byte)'#', .. var digits] when digits.Length > 0:
                    return Character(digits, NumberStyles.None, toValue);
                default:
                    return Scan.GiveUp;
            }
        }

        private Scan Character(ReadOnlySpan<byte> digits, NumberStyles style, bool? toValue)
        {
            if (!long.TryParse(digits, style, CultureInfo.InvariantCulture, out var code)
                || !(code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF)))
            {
                return Scan.GiveUp;
            }
            if (code < 0x10000)
            {
                Append((char)code, toValue);
            }
            else
            {
                Span<char> pair = stackalloc char[2];
                new Rune((int)code).EncodeToUtf16(pair);
                Append(pair[0], toValue);
                Append(pair[1], toValue);
            }
            return Scan.Ok;
        }

        private void Append(char c, bool? toValue)
        {
            if (toValue is true)
            {
                if (_valueLength == _value.Length)
                {
                    Array.Resize(ref _value, _value.Length * 2);
                }
                _value[_valueLength++] = c;
            }
            else if (toValue is false)
            {
                if (_inlineLength == _inline.Length)
                {
                    Array.Resize(ref _inline, _inline.Length * 2);
                }
                _inline[_inlineLength++] = c;
            }
        }

        private void AppendAscii(ReadOnlySpan<byte> text, bool toValue)
        {
            ref var chars = ref toValue ? ref _value : ref _inline;
            ref var length = ref toValue ? ref _valueLength : ref _inlineLength;
            if (chars.Length - length < text.Length)
            {
                Array.Resize(ref chars, Math.Max(chars.Length * 2, length + text.Length));
            }
            Ascii.ToUtf16(text, chars.AsSpan(length), out var written);
            length += written;
        }

        private ReadOnlySpan<byte> LocalName(int nameStart, int colon, int nameEnd) =>
            colon < 0 ? _buffer.AsSpan(nameStart, nameEnd - nameStart) : _buffer.AsSpan(colon + 1, nameEnd - colon - 1);

        /// <summary>Whether attribute <paramref name="a"/> is <paramref name="name"/> without a prefix (as <see cref="RowReader"/> matches it).</summary>
        private bool IsPlainAttribute(int a, ReadOnlySpan<byte> name) =>
            _attributeColon[a] < 0 && _buffer.AsSpan(_attributeStart[a], _attributeEnd[a] - _attributeStart[a]).SequenceEqual(name);

        private ReadOnlySpan<byte> AttributeBytes(int a) => _buffer.AsSpan(_valueStart[a], _valueEnd[a] - _valueStart[a]);

        /// <summary><see cref="RowReader.TypeOf"/> of the attribute's bytes, without making characters of them.</summary>
        private static CellType TypeOf(ReadOnlySpan<byte> type) =>
            type.SequenceEqual("s"u8) ? CellType.SharedString
            : type.SequenceEqual("str"u8) || type.SequenceEqual("e"u8) ? CellType.String
            : type.SequenceEqual("b"u8) ? CellType.Boolean
            : type.SequenceEqual("inlineStr"u8) ? CellType.InlineString
            : type.SequenceEqual("d"u8) ? CellType.Date
            : CellType.Number;

        /// <summary>Attribute <paramref name="a"/>'s value (UTF-8 the tag scan checked, no references) as characters, in a scratch buffer.</summary>
        private ReadOnlySpan<char> AttributeChars(int a)
        {
            var value = _buffer.AsSpan(_valueStart[a], _valueEnd[a] - _valueStart[a]);
            if (_scratch.Length < value.Length)
            {
                _scratch = new char[Math.Max(_scratch.Length * 2, value.Length)];
            }
            Utf8.ToUtf16(value, _scratch, out _, out var written);
            return _scratch.AsSpan(0, written);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool SkipSpace(ref int i)
        {
            var b = _buffer;
            var end = _end;
            var j = i;
            if (j >= end || !IsSpace(b[j]))
            {
                return false;
            }
            for (j++; j < end && IsSpace(b[j]); j++)
            {
            }
            i = j;
            return true;
        }

        /// <summary>Whether two short runs of bytes (names, prefixes) are equal, without a call per comparison.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool Same(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }
            if (a.Length > 8)
            {
                return a.SequenceEqual(b);
            }
            for (var k = 0; k < a.Length; k++)
            {
                if (a[k] != b[k])
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

        private static byte[] MakeNameClass()
        {
            var classes = new byte[256];
            for (var c = 'A'; c <= 'Z'; c++)
            {
                classes[c] = NameStart;
                classes[c + 32] = NameStart;
            }
            classes['_'] = NameStart;
            for (var c = '0'; c <= '9'; c++)
            {
                classes[c] = NamePart;
            }
            classes['.'] = NamePart;
            classes['-'] = NamePart;
            classes[':'] = Colon;
            return classes;
        }

        private static byte[] MakeSpecials(bool text)
        {
            var specials = new List<byte>();
            for (var c = 0; c < 256; c++)
            {
                if ((c < 0x20 && c is not ('\t' or '\n')) || c >= 0x80 || (text && c is '<' or '&' or '>'))
                {
                    specials.Add((byte)c);
                }
            }
            return [.. specials];
        }
    }
}
