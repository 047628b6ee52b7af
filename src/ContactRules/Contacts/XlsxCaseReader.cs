using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Text;
using System.Xml;
using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Contacts;

/// <summary>
/// Reads a sheet of an xlsx workbook (HQ's default case export) as a table with a header row, streaming:
/// the sheet's XML is read a row at a time, so a sheet of 1,048,576 rows needs the memory of one row (and
/// of the shared strings, which the format keeps in a part of their own: a large part is read alongside the
/// sheet, each string held only until the last row that uses it, see <see cref="LazyStrings"/>). Boolean cells read as
/// <c>True</c>/<c>False</c> (as HQ's CSV writes them), date cells as <c>YYYY-MM-DD HH:MM:SS</c> (UTC), and
/// integral numbers as digit strings without <c>.0</c> or exponent, so a number Excel made of
/// <c>919812345678</c> reads back as that text. Problems name the cell (<c>B17</c>); a broken shared strings
/// part is reported once and only the cells that need a string it lost are rejected.
/// </summary>
/// <remarks>
/// MiniExcel (the library the tool writes workbooks with) streams rows too, but a failure ends its
/// enumeration without saying which cell failed, and it loads the shared strings whole before the first
/// row, failing the whole sheet when that part is broken; reading the few parts needed with
/// <see cref="XmlReader"/> keeps positions and lets the rest of a damaged workbook be read.
/// </remarks>
internal static partial class XlsxCaseReader
{
    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>Whether the archive is a workbook rather than an archive of case files.</summary>
    public static bool IsWorkbook(ZipArchive archive) => archive.GetEntry("xl/workbook.xml") is not null;

    /// <summary>The rows of the chosen sheet as records; <paramref name="scan"/> says how the sheet is read (<see cref="SheetScan.Off"/> forces the <see cref="XmlReader"/> path, which tests compare with the scan).</summary>
    public static IEnumerable<CaseReadResult> Read(ZipArchive archive, string path, CaseReadOptions options, SheetScan? scan = null)
    {
        var problems = new List<Diagnostic>();
        scan ??= SheetScan.Default;
        var workbook = Workbook.Load(archive, path, options, problems, scan.Value);
        foreach (var problem in problems)
        {
            yield return CaseReadResult.About(problem);
        }
        if (workbook is null)
        {
            yield break;
        }
        using (workbook)
        {
            var sheetPath = path + "!" + workbook.SheetName;
            foreach (var result in ReadSheet(workbook, sheetPath, options, scan.Value))
            {
                yield return result;
            }
        }
    }

    private static IEnumerable<CaseReadResult> ReadSheet(Workbook workbook, string sheetPath, CaseReadOptions options, SheetScan scan)
    {
        if (workbook.LazyStrings is { NeedsCounting: true } strings)
        {
            CountStringUses(workbook, strings, scan);
            workbook.RememberStringUses(options.Memo);
        }
        var (stream, openError) = workbook.OpenSheet();
        if (stream is null)
        {
            yield return CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.File(sheetPath), openError!));
            yield break;
        }
        using (var rows = new SheetRows(workbook, stream, scan))
        {
            TabularLayout? layout = null;
            var width = 0;
            var index = 0;
            while (true)
            {
                var (row, error) = rows.Next();
                if (error is not null)
                {
                    yield return CaseReadResult.Problem(Diagnostic.Error(
                        DiagnosticCodes.MalformedInput, SourceLocation.Record(sheetPath, rows.FailedRow), error + "; " + Messages.ReadingStopped));
                    yield break;
                }
                if (row is null)
                {
                    yield break;
                }
                if (row.IsBlank)
                {
                    continue;
                }
                if (layout is null)
                {
                    width = row.LastColumn + 1;
                    var headers = new string[width];
                    Array.Fill(headers, "");
                    for (var i = 0; i < row.Count; i++)
                    {
                        headers[row[i].Column] = row[i].Value;
                    }
                    var diagnostics = new List<Diagnostic>();
                    var headerRow = row.Number;
                    layout = TabularLayout.Create(headers, options, SourceLocation.Record(sheetPath, row.Number), i => Messages.Cell(CellName(i, headerRow)), diagnostics);
                    foreach (var diagnostic in diagnostics)
                    {
                        yield return CaseReadResult.About(diagnostic);
                    }
                    if (layout is null)
                    {
                        yield break;
                    }
                    continue;
                }
                yield return Record(row, layout, width, sheetPath, index++, options.Limits);
            }
        }
    }

    /// <summary>Reads the sheet once through to find the last row that uses each shared string (see <see cref="LazyStrings"/>).</summary>
    private static void CountStringUses(Workbook workbook, LazyStrings lazy, SheetScan scan)
    {
        lazy.StartCounting(workbook.StringCount);
        try
        {
            if (workbook.OpenSheet() is ({ } stream, _))
            {
                // Its failures, if any, come again when the sheet is read for its records, and are reported then.
                using var rows = new SheetRows(workbook, stream, scan with { GaveUp = null });
                while (rows.Next() is ({ }, null))
                {
                }
            }
        }
        finally
        {
            lazy.StartReading();
        }
    }

    private static CaseReadResult Record(Row row, TabularLayout layout, int width, string sheetPath, int index, InputLimits limits)
    {
        var builder = new CaseRecordBuilder(sheetPath, row.Number, index, limits.MaxValueChars);
        long size = 0;
        for (var i = 0; i < row.Count; i++)
        {
            var cell = row[i];
            if (cell.Error is { } error)
            {
                builder.Reject(Messages.CellProblem(CellName(cell.Column, row.Number), error));
                continue;
            }
            if (cell.Column >= width)
            {
                if (cell.Value.Length > 0)
                {
                    builder.Reject(Messages.CellOutsideHeader(CellName(cell.Column, row.Number)));
                }
                continue;
            }
            size += cell.Value.Length;
            layout.Set(builder, cell.Column, cell.Value);
        }
        if (size > limits.MaxRecordBytes)
        {
            builder.Reject(Messages.RecordTooLarge(size, limits.MaxRecordBytes));
        }
        return builder.Build();
    }

    /// <summary>The A1 name of a cell: column 1 of row 17 is <c>B17</c>.</summary>
    internal static string CellName(int column, int row)
    {
        Span<char> letters = stackalloc char[8];
        var length = 0;
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            letters[length++] = (char)('A' + ((c - 1) % 26));
        }
        letters[..length].Reverse();
        return string.Concat(letters[..length], row.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The zero-based column of an A1 cell name, as characters or as the scanner's bytes, or -1 when it is not one.</summary>
    private static int ColumnOf<T>(ReadOnlySpan<T> reference)
        where T : unmanaged, IBinaryInteger<T>
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && int.CreateTruncating(reference[i]) is var c and >= 'A' and <= 'Z'; i++)
        {
            column = (column * 26) + (c - 'A' + 1);
        }
        return i == 0 || column > 16384 ? -1 : column - 1;
    }

    private static XmlReader OpenXml(ZipArchiveEntry entry, string name, InputLimits limits) => XmlReader.Create(OpenLimited(entry, name, limits), XmlSettings);

    private static LimitedStream OpenLimited(ZipArchiveEntry entry, string name, InputLimits limits) => new(entry.Open(), name, () => entry.CompressedLength, limits);

    private static bool IsElement(XmlReader xml, string localName) => xml.NodeType == XmlNodeType.Element && xml.LocalName == localName;

    private static string Position(XmlReader xml) =>
        xml is IXmlLineInfo info && info.HasLineInfo()
            ? string.Create(CultureInfo.InvariantCulture, $"line {info.LineNumber}, position {info.LinePosition}")
            : "";

    /// <summary>Undoes OOXML's escapes of characters XML cannot hold (<c>_x000D_</c> is a carriage return).</summary>
    private static string Unescape(string text) => text.Contains("_x", StringComparison.Ordinal) ? Unescape(text.AsSpan()) : text;

    /// <inheritdoc cref="Unescape(string)"/>
    private static string Unescape(ReadOnlySpan<char> text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
        {
            return new string(text);
        }
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                && int.TryParse(text.Slice(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                result.Append((char)code);
                i += 6;
                continue;
            }
            result.Append(text[i]);
        }
        return result.ToString();
    }

    /// <summary>The text of a number cell: integral numbers as plain digits, others as short as they round-trip.</summary>
    /// <remarks><paramref name="rawString"/>, <paramref name="raw"/> as a string if the caller has one, is returned as it is when it is plain digits.</remarks>
    internal static string NumberText(ReadOnlySpan<char> raw, string? rawString = null)
    {
        var text = raw.Trim();
        var digits = text.StartsWith('-') ? text[1..] : text;
        if (digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9'))
        {
            return rawString is not null && text.Length == raw.Length ? rawString : new string(text);
        }
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number == decimal.Truncate(number)
                ? number.ToString("0", CultureInfo.InvariantCulture)
                : number.ToString("0.############################", CultureInfo.InvariantCulture);
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var big)
            ? big.ToString("R", CultureInfo.InvariantCulture)
            : new string(text);
    }

    /// <summary>A date cell's serial number as HQ's exports write dates: <c>YYYY-MM-DD HH:MM:SS</c>, UTC.</summary>
    internal static string? DateText(ReadOnlySpan<char> raw, bool date1904)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            return null;
        }
        if (date1904)
        {
            serial += 1462;
        }
        if (serial is < -657434 or > 2958465)
        {
            return null;
        }
        var time = DateTime.FromOADate(serial);
        // Serial numbers carry floating-point noise; CommCare's times are whole seconds.
        time = new DateTime((time.Ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
        return time.ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss", CultureInfo.InvariantCulture);
    }

    /// <summary>A cell's column and text, or why it cannot be read; a value in <see cref="Row"/>'s reused buffer.</summary>
    private readonly record struct Cell(int Column, string Value, string? Error);

    /// <summary>
    /// The row being read: one instance per sheet, refilled for each row, since a row is turned into its
    /// record before the next is read (per-row lists and per-cell objects were most of the reader's garbage).
    /// </summary>
    private sealed class Row
    {
        private Cell[] _cells = new Cell[16];

        public int Number { get; private set; }

        public int Count { get; private set; }

        public Cell this[int i] => _cells[i];

        /// <summary>No cell has a value or a problem (a formatted but empty row).</summary>
        public bool IsBlank
        {
            get
            {
                for (var i = 0; i < Count; i++)
                {
                    if (_cells[i].Value.Length > 0 || _cells[i].Error is not null)
                    {
                        return false;
                    }
                }
                return true;
            }
        }

        /// <summary>The highest column of a cell in the row; -1 when it has none.</summary>
        public int LastColumn
        {
            get
            {
                var last = -1;
                for (var i = 0; i < Count; i++)
                {
                    last = Math.Max(last, _cells[i].Column);
                }
                return last;
            }
        }

        public void Start(int number)
        {
            Array.Clear(_cells, 0, Count);
            Number = number;
            Count = 0;
        }

        public void Add(Cell cell)
        {
            if (Count == _cells.Length)
            {
                Array.Resize(ref _cells, Count * 2);
            }
            _cells[Count++] = cell;
        }
    }

    /// <summary>The parts of a workbook a sheet needs: where the sheet is, its shared strings, which styles are dates.</summary>
    private sealed class Workbook : IDisposable
    {
        private readonly ZipArchive _archive;
        private readonly string _sheetEntry;
        private readonly string _path;
        private readonly InputLimits _limits;

        private Workbook(ZipArchive archive, string path, string sheetName, string sheetEntry, InputLimits limits)
        {
            _archive = archive;
            _path = path;
            SheetName = sheetName;
            _sheetEntry = sheetEntry;
            _limits = limits;
        }

        public string SheetName { get; }

        public bool Date1904 { get; private set; }

        // The shared strings: all of them, read once (compactly, as UTF-8), or, for a large part, only as the sheet needs them.
        private SharedStringTable? _strings;
        private LazyStrings? _lazyStrings;
        private string _stringsPart = "";
        private string? _usesKey;
        private Diagnostic[] _stringsProblems = [];

        /// <summary>How many shared strings the part holds (those before a break, when it is broken): cells index them by number.</summary>
        public int StringCount { get; private set; }

        /// <summary>Set when the shared strings part is broken: strings from <see cref="StringCount"/> on are lost.</summary>
        public bool StringsBroken { get; private set; }

        /// <summary>Shared string <paramref name="index"/>, below <see cref="StringCount"/>.</summary>
        public string String(int index)
        {
            if (SkippingRows)
            {
                return "";
            }
            if (_lazyStrings is { } lazy)
            {
                if (lazy.IsCounting)
                {
                    lazy.Note(index);
                    return "";
                }
                return lazy.Get(index);
            }
            return _strings![index];
        }

        public void Dispose() => _lazyStrings?.Dispose();

        /// <summary>Taken by every read of the archive that may run beside another (a sheet read ahead, its strings read alongside).</summary>
        public Lock ArchiveGate { get; } = new();

        /// <summary>While set, rows are being passed over and need no strings.</summary>
        public bool SkippingRows { get; set; }

        /// <summary>Read only as the sheet needs them: the sheet must be read once first, to count (<see cref="LazyStrings"/>).</summary>
        public LazyStrings? LazyStrings => _lazyStrings;

        /// <summary>Whether each cell style (<c>s</c>) shows a date.</summary>
        public bool[] DateStyles { get; private set; } = [];

        public static Workbook? Load(ZipArchive archive, string path, CaseReadOptions options, List<Diagnostic> problems, SheetScan scan)
        {
            var sheets = new List<(string Name, string Relationship)>();
            var date1904 = false;
            if (!TryReadPart(archive, "xl/workbook.xml", path, options.Limits, problems, xml =>
            {
                while (xml.Read())
                {
                    if (IsElement(xml, "workbookPr"))
                    {
                        var value = xml.GetAttribute("date1904");
                        date1904 = value is "1" or "true";
                    }
                    else if (IsElement(xml, "sheet"))
                    {
                        var relationship = Attribute(xml, "id");
                        sheets.Add((xml.GetAttribute("name") ?? "", relationship ?? ""));
                    }
                }
            }))
            {
                return null;
            }
            if (sheets.Count == 0)
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.File(path), Messages.XlsxNoSheets));
                return null;
            }
            var chosen = options.Sheet is null ? sheets[0] : sheets.FirstOrDefault(s => s.Name == options.Sheet);
            if (chosen.Name is null)
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.File(path), Messages.XlsxNoSuchSheet(options.Sheet!, sheets.Select(s => s.Name))));
                return null;
            }
            var targets = new Dictionary<string, string>(StringComparer.Ordinal);
            string? sharedStrings = null;
            string? styles = null;
            TryReadPart(archive, "xl/_rels/workbook.xml.rels", path, options.Limits, problems, xml =>
            {
                while (xml.Read())
                {
                    if (IsElement(xml, "Relationship") && xml.GetAttribute("Id") is { } id && xml.GetAttribute("Target") is { } target)
                    {
                        var part = PartName(target);
                        targets[id] = part;
                        var type = xml.GetAttribute("Type") ?? "";
                        if (type.EndsWith("/sharedStrings", StringComparison.Ordinal))
                        {
                            sharedStrings = part;
                        }
                        else if (type.EndsWith("/styles", StringComparison.Ordinal))
                        {
                            styles = part;
                        }
                    }
                }
            }, optional: true);
            var sheetEntry = targets.TryGetValue(chosen.Relationship, out var found) ? found
                : "xl/worksheets/sheet" + (sheets.IndexOf(chosen) + 1).ToString(CultureInfo.InvariantCulture) + ".xml";
            var workbook = new Workbook(archive, path, chosen.Name, sheetEntry, options.Limits) { Date1904 = date1904 };
            workbook.LoadStyles(styles ?? "xl/styles.xml", problems);
            workbook.LoadStrings(sharedStrings ?? "xl/sharedStrings.xml", problems, scan, options.Memo);
            return workbook;
        }

        /// <summary>The sheet part's bytes, limited as every part is; opened again when the byte scan gives way to <see cref="XmlReader"/>.</summary>
        public (Stream? Stream, string? Error) OpenSheet()
        {
            var entry = _archive.GetEntry(_sheetEntry);
            if (entry is null)
            {
                return (null, Messages.XlsxMissingPart(_sheetEntry));
            }
            try
            {
                return (OpenLimited(entry, _path + "!" + _sheetEntry, _limits), null);
            }
            catch (InvalidDataException e)
            {
                return (null, Messages.CompressedDataDamaged(_path + "!" + _sheetEntry, e.Message));
            }
        }

        private static string? Attribute(XmlReader xml, string localName)
        {
            for (var more = xml.MoveToFirstAttribute(); more; more = xml.MoveToNextAttribute())
            {
                if (xml.LocalName == localName)
                {
                    var value = xml.Value;
                    xml.MoveToElement();
                    return value;
                }
            }
            xml.MoveToElement();
            return null;
        }

        /// <summary>A relationship target as a part name: relative to <c>xl/</c> unless it starts with <c>/</c>.</summary>
        private static string PartName(string target)
        {
            if (target.StartsWith('/'))
            {
                return target[1..];
            }
            var parts = new List<string> { "xl" };
            foreach (var segment in target.Split('/'))
            {
                if (segment == "..")
                {
                    if (parts.Count > 0)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }
                }
                else if (segment is not ("." or ""))
                {
                    parts.Add(segment);
                }
            }
            return string.Join('/', parts);
        }

        private static bool TryReadPart(ZipArchive archive, string part, string path, InputLimits limits, List<Diagnostic> problems, Action<XmlReader> read, bool optional = false)
        {
            var name = path + "!" + part;
            var entry = archive.GetEntry(part);
            if (entry is null)
            {
                if (!optional)
                {
                    problems.Add(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.File(path), Messages.XlsxMissingPart(part)));
                }
                return false;
            }
            XmlReader? xml = null;
            try
            {
                xml = OpenXml(entry, name, limits);
                read(xml);
                return true;
            }
            catch (XmlException e)
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.MalformedInput, new SourceLocation(name, e.LineNumber, e.LinePosition), Messages.XlsxBrokenPart(e.Message)));
                return false;
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.FileUnreadable, SourceLocation.File(name), Messages.FileUnreadable(e.Message)));
                return false;
            }
            finally
            {
                xml?.Dispose();
            }
        }

        private void LoadStyles(string part, List<Diagnostic> problems)
        {
            var formats = new Dictionary<int, string>();
            var dateStyles = new List<bool>();
            TryReadPart(_archive, part, _path, _limits, problems, xml =>
            {
                var inCellXfs = false;
                while (xml.Read())
                {
                    if (IsElement(xml, "numFmt") && int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id))
                    {
                        formats[id] = xml.GetAttribute("formatCode") ?? "";
                    }
                    else if (IsElement(xml, "cellXfs"))
                    {
                        inCellXfs = !xml.IsEmptyElement;
                    }
                    else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
                    {
                        inCellXfs = false;
                    }
                    else if (inCellXfs && IsElement(xml, "xf"))
                    {
                        var format = int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var f) ? f : 0;
                        dateStyles.Add(IsDateFormat(format, formats));
                    }
                }
            }, optional: true);
            DateStyles = [.. dateStyles];
        }

        private static bool IsDateFormat(int id, Dictionary<int, string> formats)
        {
            if (formats.TryGetValue(id, out var code))
            {
                return IsDateFormatCode(code);
            }
            return id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);
        }

        /// <summary>Whether a custom format shows a date or time: a d, m, y, h or s outside quotes, brackets and escapes.</summary>
        private static bool IsDateFormatCode(string code)
        {
            for (var i = 0; i < code.Length; i++)
            {
                switch (code[i])
                {
                    case '"':
                        i = code.IndexOf('"', i + 1) is var close and >= 0 ? close : code.Length;
                        break;
                    case '[':
                        i = code.IndexOf(']', i + 1) is var end and >= 0 ? end : code.Length;
                        break;
                    case '\\' or '_' or '*':
                        i++;
                        break;
                    default:
                        if ("dmyhsDMYHS".Contains(code[i], StringComparison.Ordinal))
                        {
                            return true;
                        }
                        break;
                }
            }
            return false;
        }

        /// <summary>
        /// Reads the shared strings part through once: keeping them all, or, when it is at least
        /// <see cref="SheetScan.LazyStringsFrom"/> bytes unpacked, only counting them, so that they can be read as
        /// the sheet needs them (what an earlier pass of the run found, in <paramref name="memo"/>, spares even
        /// that read). Either way a broken part is reported here, once, with how many strings were kept.
        /// </summary>
        private void LoadStrings(string part, List<Diagnostic> problems, SheetScan scan, ReadMemo? memo)
        {
            var entry = _archive.GetEntry(part);
            if (entry is null)
            {
                return;
            }
            _stringsPart = part;
            var lazy = entry.Length >= scan.LazyStringsFrom;
            if (lazy && memo is not null && _archive.GetEntry(_sheetEntry) is { } sheet)
            {
                _usesKey = string.Create(CultureInfo.InvariantCulture, $"{_path}!{part}:{entry.Length}:{entry.Crc32}|{_sheetEntry}:{sheet.Length}:{sheet.Crc32}");
                if (memo.TryGet<StringUses>(_usesKey, out var known))
                {
                    StringCount = known.Count;
                    StringsBroken = known.Broken;
                    problems.AddRange(known.Problems);
                    _lazyStrings = new LazyStrings(OpenStrings, LoadAllStrings, ArchiveGate, known.Rows, scan.LoadedAllStrings);
                    return;
                }
            }
            var before = problems.Count;
            var table = lazy ? null : new SharedStringTable();
            StringCount = ReadStrings(entry, table, problems);
            if (lazy)
            {
                _stringsProblems = [.. problems.Skip(before)];
                _lazyStrings = new LazyStrings(OpenStrings, LoadAllStrings, ArchiveGate, rows: null, scan.LoadedAllStrings);
            }
            else
            {
                _strings = table;
            }
        }

        /// <summary>Keeps, for the run's later passes, what counting found (<see cref="ReadMemo"/>).</summary>
        public void RememberStringUses(ReadMemo? memo)
        {
            if (memo is not null && _usesKey is not null && _lazyStrings is { } lazy)
            {
                memo.Set(_usesKey, new StringUses(StringCount, StringsBroken, _stringsProblems, lazy.Rows));
            }
        }

        /// <summary>What the shared strings part and the count of their uses found, for a later pass of the run.</summary>
        private sealed record StringUses(int Count, bool Broken, Diagnostic[] Problems, StringRows Rows);

        private XmlReader? OpenStrings() => _archive.GetEntry(_stringsPart) is { } entry ? OpenXml(entry, _path + "!" + _stringsPart, _limits) : null;

        private SharedStringTable LoadAllStrings()
        {
            var table = new SharedStringTable();
            if (_archive.GetEntry(_stringsPart) is { } entry)
            {
                ReadStrings(entry, table, problems: null);
            }
            return table;
        }

        /// <summary>The number of items read from the part, each added to <paramref name="table"/> if given; a break is reported to <paramref name="problems"/>, if given.</summary>
        private int ReadStrings(ZipArchiveEntry entry, SharedStringTable? table, List<Diagnostic>? problems)
        {
            var name = _path + "!" + entry.FullName;
            var count = 0;
            StringItems? items = null;
            try
            {
                items = new StringItems(OpenXml(entry, name, _limits));
                while (items.Next(text: table is not null, out var value))
                {
                    table?.Add(value!);
                    count++;
                }
            }
            catch (XmlException e)
            {
                StringsBroken = true;
                problems?.Add(Diagnostic.Error(
                    DiagnosticCodes.MalformedInput, new SourceLocation(name, e.LineNumber, e.LinePosition), Messages.XlsxBrokenStrings(e.Message, count)));
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                StringsBroken = true;
                problems?.Add(Diagnostic.Error(DiagnosticCodes.FileUnreadable, SourceLocation.File(name), Messages.XlsxBrokenStrings(e.Message, count)));
            }
            finally
            {
                items?.Dispose();
            }
            return count;
        }
    }

    /// <summary>A cell's <c>t</c> attribute.</summary>
    private enum CellType
    {
        Number,
        SharedString,
        InlineString,
        String,
        Boolean,
        Date,
    }

    /// <summary>
    /// Reads a sheet's rows one at a time, each with its cells' text (or why a cell cannot be read). Names are
    /// compared as the reader's atoms (by reference), attribute values are read into a reused buffer and parsed
    /// there (a number's style only when it is a number), and a <c>v</c> is taken as the one string the reader
    /// makes of it: past the cells' own text, a row makes no garbage.
    /// </summary>
    private sealed class RowReader
    {
        private readonly XmlReader _xml;
        private readonly Workbook _workbook;
        private readonly Row _row = new();
        private readonly string _rowName;
        private readonly string _sheetData;
        private readonly string _c;
        private readonly string _v;
        private readonly string _t;
        private readonly string _r;
        private readonly string _s;
        private readonly string _rPh;
        // The v text: as the reader's string when it came in one piece (nearly always), else joined in _value.
        private string _valueText = "";
        private int _valuePieces;
        private char[] _value = new char[256];
        private int _valueLength;
        private char[] _inline = new char[256];
        private int _inlineLength;
        private bool _inRow;

        public RowReader(XmlReader xml, Workbook workbook)
        {
            _xml = xml;
            _workbook = workbook;
            var names = xml.NameTable;
            _rowName = names.Add("row");
            _sheetData = names.Add("sheetData");
            _c = names.Add("c");
            _v = names.Add("v");
            _t = names.Add("t");
            _r = names.Add("r");
            _s = names.Add("s");
            _rPh = names.Add("rPh");
        }

        public int LastRow { get; private set; }

        /// <summary>The row a failure is in: the one being read, or the next after the last one read.</summary>
        public int FailedRow => _inRow ? LastRow : LastRow + 1;

        /// <summary>The next row (the same instance each time, refilled), or null at the sheet's end.</summary>
        public (Row? Row, string? Error) Next()
        {
            try
            {
                while (_xml.Read())
                {
                    var node = _xml.NodeType;
                    if (node == XmlNodeType.Element && ReferenceEquals(_xml.LocalName, _rowName))
                    {
                        var number = LastRow + 1;
                        for (var more = _xml.MoveToFirstAttribute(); more; more = _xml.MoveToNextAttribute())
                        {
                            if (IsPlainAttribute(_r))
                            {
                                number = int.TryParse(AttributeText(), CultureInfo.InvariantCulture, out var r) && r > 0 ? r : LastRow + 1;
                                break;
                            }
                        }
                        _xml.MoveToElement();
                        LastRow = number;
                        _row.Start(number);
                        if (!_xml.IsEmptyElement)
                        {
                            _inRow = true;
                            ReadCells();
                            _inRow = false;
                        }
                        return (_row, null);
                    }
                    if (node == XmlNodeType.EndElement && ReferenceEquals(_xml.LocalName, _sheetData))
                    {
                        return (null, null);
                    }
                }
                return (null, null);
            }
            catch (XmlException e)
            {
                return (null, Messages.XlsxBrokenSheet(e.Message, Position(_xml)));
            }
            catch (IOException e)
            {
                return (null, Messages.FileUnreadable(e.Message));
            }
        }

        /// <summary>Whether the reader is on the attribute <paramref name="name"/> without a prefix (as <see cref="XmlReader.GetAttribute(string)"/> matches it).</summary>
        private bool IsPlainAttribute(string name) => ReferenceEquals(_xml.LocalName, name) && _xml.Prefix.Length == 0;

        /// <summary>The current attribute's value, in the value buffer (valid until the next cell's content is read).</summary>
        private ReadOnlySpan<char> AttributeText()
        {
            _valueLength = 0;
            Append(ref _value, ref _valueLength);
            return _value.AsSpan(0, _valueLength);
        }

        /// <summary>Appends the current node's value to <paramref name="buffer"/>, growing it as needed.</summary>
        private void Append(ref char[] buffer, ref int length)
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var read = _xml.ReadValueChunk(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    return;
                }
                length += read;
            }
        }

        private void ReadCells()
        {
            var depth = _xml.Depth;
            var next = 0;
            while (_xml.Read() && !(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
            {
                if (_xml.NodeType != XmlNodeType.Element || !ReferenceEquals(_xml.LocalName, _c))
                {
                    continue;
                }
                var column = next;
                var type = CellType.Number;
                var styleAttribute = -1;
                var attribute = 0;
                for (var more = _xml.MoveToFirstAttribute(); more; more = _xml.MoveToNextAttribute(), attribute++)
                {
                    if (IsPlainAttribute(_r))
                    {
                        var at = ColumnOf(AttributeText());
                        column = at < 0 ? next : at;
                    }
                    else if (IsPlainAttribute(_t))
                    {
                        type = TypeOf(AttributeText());
                    }
                    else if (IsPlainAttribute(_s))
                    {
                        styleAttribute = attribute;
                    }
                }
                // Only a number's style matters (it may be a date): the others' is not read.
                var style = 0;
                if (type == CellType.Number && styleAttribute >= 0)
                {
                    _xml.MoveToAttribute(styleAttribute);
                    style = int.TryParse(AttributeText(), CultureInfo.InvariantCulture, out var s) ? s : 0;
                }
                _xml.MoveToElement();
                next = column + 1;
                _valueText = "";
                _valuePieces = 0;
                _valueLength = 0;
                _inlineLength = 0;
                if (!_xml.IsEmptyElement)
                {
                    ReadCellContent();
                }
                var value = _valuePieces > 1 ? _value.AsSpan(0, _valueLength) : _valueText.AsSpan();
                _row.Add(Convert(_workbook, column, type, style, value, _valuePieces > 1 ? null : _valueText, _inline.AsSpan(0, _inlineLength)));
            }
        }

        internal static CellType TypeOf(ReadOnlySpan<char> type) => type switch
        {
            "s" => CellType.SharedString,
            "inlineStr" => CellType.InlineString,
            "str" or "e" => CellType.String,
            "b" => CellType.Boolean,
            "d" => CellType.Date,
            _ => CellType.Number,
        };

        /// <summary>Reads the text of the cell's <c>v</c> and of its inline string into their buffers, leaving the reader at the cell's end.</summary>
        private void ReadCellContent()
        {
            var depth = _xml.Depth;
            string? current = null;
            var phonetic = 0;
            while (_xml.Read() && !(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
            {
                switch (_xml.NodeType)
                {
                    case XmlNodeType.Element when !_xml.IsEmptyElement:
                        var name = _xml.LocalName;
                        if (ReferenceEquals(name, _rPh))
                        {
                            phonetic++;
                        }
                        else
                        {
                            current = name;
                        }
                        break;
                    case XmlNodeType.EndElement:
                        if (ReferenceEquals(_xml.LocalName, _rPh))
                        {
                            phonetic--;
                        }
                        else
                        {
                            current = null;
                        }
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        if (ReferenceEquals(current, _v))
                        {
                            AppendValue();
                        }
                        else if (ReferenceEquals(current, _t) && phonetic == 0)
                        {
                            Append(ref _inline, ref _inlineLength);
                        }
                        break;
                }
            }
        }

        private void AppendValue()
        {
            if (++_valuePieces == 1)
            {
                _valueText = _xml.Value;
                return;
            }
            if (_valuePieces == 2)
            {
                _valueLength = 0;
                while (_value.Length < _valueText.Length)
                {
                    Array.Resize(ref _value, _value.Length * 2);
                }
                _valueText.CopyTo(_value);
                _valueLength = _valueText.Length;
            }
            Append(ref _value, ref _valueLength);
        }

        /// <summary>A cell's text from its type, style, <c>v</c> (also as a string, when the reader gave it as one) and inline string.</summary>
        internal static Cell Convert(Workbook workbook, int column, CellType type, int style, ReadOnlySpan<char> value, string? valueText, ReadOnlySpan<char> inline)
        {
            if (type != CellType.SharedString && workbook.LazyStrings is { IsCounting: true })
            {
                // Counting which rows use which shared strings: no other cell is needed.
                return new Cell(column, "", null);
            }
            switch (type)
            {
                case CellType.SharedString:
                    if (!int.TryParse(value, CultureInfo.InvariantCulture, out var index) || index < 0)
                    {
                        return new Cell(column, "", Messages.XlsxBadStringIndex(new string(value)));
                    }
                    if (index >= workbook.StringCount)
                    {
                        return new Cell(column, "", workbook.StringsBroken ? Messages.XlsxStringLost(index) : Messages.XlsxStringMissing(index));
                    }
                    return new Cell(column, workbook.String(index), null);
                case CellType.InlineString:
                    return new Cell(column, Unescape(inline), null);
                case CellType.String:
                    return new Cell(column, valueText is null ? Unescape(value) : Unescape(valueText), null);
                case CellType.Boolean:
                    var flag = value.Trim();
                    return new Cell(column, flag is "1" or "true" ? "True" : flag is "0" or "false" ? "False" : new string(flag), null);
                case CellType.Date:
                    return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                        ? new Cell(column, date.ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss", CultureInfo.InvariantCulture), null)
                        : new Cell(column, valueText ?? new string(value), null);
                default:
                    if (value.Length == 0)
                    {
                        return new Cell(column, "", null);
                    }
                    // A negative style is no style, as an unreadable one is (it used to fail the whole read).
                    if ((uint)style < (uint)workbook.DateStyles.Length && workbook.DateStyles[style] && DateText(value, workbook.Date1904) is { } text)
                    {
                        return new Cell(column, text, null);
                    }
                    return new Cell(column, NumberText(value, valueText), null);
            }
        }
    }
}
