using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Contacts;

/// <summary>
/// Reads a sheet of an xlsx workbook (HQ's default case export) as a table with a header row, streaming:
/// the sheet's XML is read a row at a time, so a sheet of 1,048,576 rows needs the memory of one row (and
/// of the shared strings, which the format keeps in a part of their own). Boolean cells read as
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
internal static class XlsxCaseReader
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

    public static IEnumerable<CaseReadResult> Read(ZipArchive archive, string path, CaseReadOptions options)
    {
        var problems = new List<Diagnostic>();
        var workbook = Workbook.Load(archive, path, options, problems);
        foreach (var problem in problems)
        {
            yield return CaseReadResult.About(problem);
        }
        if (workbook is null)
        {
            yield break;
        }
        var sheetPath = path + "!" + workbook.SheetName;
        foreach (var result in ReadSheet(workbook, sheetPath, options))
        {
            yield return result;
        }
    }

    private static IEnumerable<CaseReadResult> ReadSheet(Workbook workbook, string sheetPath, CaseReadOptions options)
    {
        var (xml, openError) = workbook.OpenSheet();
        if (xml is null)
        {
            yield return CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.File(sheetPath), openError!));
            yield break;
        }
        using (xml)
        {
            var rows = new RowReader(xml, workbook);
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
                if (row.Cells.All(c => c.Value.Length == 0 && c.Error is null))
                {
                    continue;
                }
                if (layout is null)
                {
                    width = row.Cells.Max(c => c.Column) + 1;
                    var headers = new string[width];
                    Array.Fill(headers, "");
                    foreach (var cell in row.Cells)
                    {
                        headers[cell.Column] = cell.Value;
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

    private static CaseReadResult Record(Row row, TabularLayout layout, int width, string sheetPath, int index, InputLimits limits)
    {
        var builder = new CaseRecordBuilder(sheetPath, row.Number, index, limits.MaxValueChars);
        long size = 0;
        foreach (var cell in row.Cells)
        {
            var at = CellName(cell.Column, row.Number);
            if (cell.Error is { } error)
            {
                builder.Reject(Messages.CellProblem(at, error));
                continue;
            }
            if (cell.Column >= width)
            {
                if (cell.Value.Length > 0)
                {
                    builder.Reject(Messages.CellOutsideHeader(at));
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

    /// <summary>The zero-based column of an A1 cell name, or -1 when it is not one.</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetterUpper(reference[i]); i++)
        {
            column = (column * 26) + (reference[i] - 'A' + 1);
        }
        return i == 0 || column > 16384 ? -1 : column - 1;
    }

    private static XmlReader OpenXml(ZipArchiveEntry entry, string name, InputLimits limits) =>
        XmlReader.Create(new LimitedStream(entry.Open(), name, () => entry.CompressedLength, limits), XmlSettings);

    private static bool IsElement(XmlReader xml, string localName) => xml.NodeType == XmlNodeType.Element && xml.LocalName == localName;

    private static string Position(XmlReader xml) =>
        xml is IXmlLineInfo info && info.HasLineInfo()
            ? string.Create(CultureInfo.InvariantCulture, $"line {info.LineNumber}, position {info.LinePosition}")
            : "";

    /// <summary>Undoes OOXML's escapes of characters XML cannot hold (<c>_x000D_</c> is a carriage return).</summary>
    private static string Unescape(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
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
    internal static string NumberText(string raw)
    {
        var text = raw.Trim();
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        if (digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9'))
        {
            return text;
        }
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number == decimal.Truncate(number)
                ? number.ToString("0", CultureInfo.InvariantCulture)
                : number.ToString("0.############################", CultureInfo.InvariantCulture);
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var big)
            ? big.ToString("R", CultureInfo.InvariantCulture)
            : text;
    }

    /// <summary>A date cell's serial number as HQ's exports write dates: <c>YYYY-MM-DD HH:MM:SS</c>, UTC.</summary>
    internal static string? DateText(string raw, bool date1904)
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

    private sealed record Cell(int Column, string Value, string? Error);

    private sealed record Row(int Number, List<Cell> Cells);

    /// <summary>The parts of a workbook a sheet needs: where the sheet is, its shared strings, which styles are dates.</summary>
    private sealed class Workbook
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

        public List<string> Strings { get; } = [];

        /// <summary>Set when the shared strings part is broken: strings from <see cref="Strings"/>'s count on are lost.</summary>
        public bool StringsBroken { get; private set; }

        public List<bool> DateStyles { get; } = [];

        public static Workbook? Load(ZipArchive archive, string path, CaseReadOptions options, List<Diagnostic> problems)
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
            workbook.LoadStrings(sharedStrings ?? "xl/sharedStrings.xml", problems);
            return workbook;
        }

        public (XmlReader? Xml, string? Error) OpenSheet()
        {
            var entry = _archive.GetEntry(_sheetEntry);
            if (entry is null)
            {
                return (null, Messages.XlsxMissingPart(_sheetEntry));
            }
            try
            {
                return (OpenXml(entry, _path + "!" + _sheetEntry, _limits), null);
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
                        DateStyles.Add(IsDateFormat(format, formats));
                    }
                }
            }, optional: true);
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

        private void LoadStrings(string part, List<Diagnostic> problems)
        {
            var entry = _archive.GetEntry(part);
            if (entry is null)
            {
                return;
            }
            var name = _path + "!" + part;
            XmlReader? xml = null;
            try
            {
                xml = OpenXml(entry, name, _limits);
                var text = new StringBuilder();
                var inText = false;
                var phonetic = 0;
                var inItem = false;
                while (xml.Read())
                {
                    switch (xml.NodeType)
                    {
                        case XmlNodeType.Element when xml.LocalName == "si":
                            text.Clear();
                            if (xml.IsEmptyElement)
                            {
                                Strings.Add("");
                            }
                            else
                            {
                                inItem = true;
                            }
                            break;
                        case XmlNodeType.Element when xml.LocalName == "rPh" && !xml.IsEmptyElement:
                            phonetic++;
                            break;
                        case XmlNodeType.Element when xml.LocalName == "t" && !xml.IsEmptyElement:
                            inText = inItem && phonetic == 0;
                            break;
                        case XmlNodeType.EndElement when xml.LocalName == "t":
                            inText = false;
                            break;
                        case XmlNodeType.EndElement when xml.LocalName == "rPh":
                            phonetic--;
                            break;
                        case XmlNodeType.EndElement when xml.LocalName == "si":
                            Strings.Add(Unescape(text.ToString()));
                            inItem = false;
                            break;
                        case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when inText:
                            text.Append(xml.Value);
                            break;
                    }
                }
            }
            catch (XmlException e)
            {
                StringsBroken = true;
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.MalformedInput, new SourceLocation(name, e.LineNumber, e.LinePosition), Messages.XlsxBrokenStrings(e.Message, Strings.Count)));
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                StringsBroken = true;
                problems.Add(Diagnostic.Error(DiagnosticCodes.FileUnreadable, SourceLocation.File(name), Messages.XlsxBrokenStrings(e.Message, Strings.Count)));
            }
            finally
            {
                xml?.Dispose();
            }
        }
    }

    /// <summary>Reads a sheet's rows one at a time, each with its cells' text (or why a cell cannot be read).</summary>
    private sealed class RowReader(XmlReader xml, Workbook workbook)
    {
        public int LastRow { get; private set; }

        /// <summary>The row a failure is in: the one being read, or the next after the last one read.</summary>
        public int FailedRow => _inRow ? LastRow : LastRow + 1;

        private bool _inRow;

        public (Row? Row, string? Error) Next()
        {
            try
            {
                while (xml.Read())
                {
                    if (IsElement(xml, "row"))
                    {
                        var number = int.TryParse(xml.GetAttribute("r"), CultureInfo.InvariantCulture, out var r) && r > 0 ? r : LastRow + 1;
                        LastRow = number;
                        var cells = new List<Cell>();
                        if (!xml.IsEmptyElement)
                        {
                            _inRow = true;
                            ReadCells(cells);
                            _inRow = false;
                        }
                        return (new Row(number, cells), null);
                    }
                    if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "sheetData")
                    {
                        return (null, null);
                    }
                }
                return (null, null);
            }
            catch (XmlException e)
            {
                return (null, Messages.XlsxBrokenSheet(e.Message, Position(xml)));
            }
            catch (IOException e)
            {
                return (null, Messages.FileUnreadable(e.Message));
            }
        }

        private void ReadCells(List<Cell> cells)
        {
            var depth = xml.Depth;
            var next = 0;
            while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                if (!IsElement(xml, "c"))
                {
                    continue;
                }
                var reference = xml.GetAttribute("r");
                var column = reference is null ? next : ColumnOf(reference);
                if (column < 0)
                {
                    column = next;
                }
                next = column + 1;
                var type = xml.GetAttribute("t") ?? "n";
                var style = int.TryParse(xml.GetAttribute("s"), CultureInfo.InvariantCulture, out var s) ? s : 0;
                var (value, inline) = xml.IsEmptyElement ? ("", "") : ReadCellContent();
                cells.Add(Convert(column, type, style, value, inline));
            }
        }

        /// <summary>The text of the cell's <c>v</c> and of its inline string, leaving the reader at the cell's end.</summary>
        private (string Value, string Inline) ReadCellContent()
        {
            var depth = xml.Depth;
            var value = new StringBuilder();
            var inline = new StringBuilder();
            string? current = null;
            var phonetic = 0;
            while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                switch (xml.NodeType)
                {
                    case XmlNodeType.Element when xml.LocalName == "rPh" && !xml.IsEmptyElement:
                        phonetic++;
                        break;
                    case XmlNodeType.EndElement when xml.LocalName == "rPh":
                        phonetic--;
                        break;
                    case XmlNodeType.Element when !xml.IsEmptyElement:
                        current = xml.LocalName;
                        break;
                    case XmlNodeType.EndElement:
                        current = null;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        if (current == "v")
                        {
                            value.Append(xml.Value);
                        }
                        else if (current == "t" && phonetic == 0)
                        {
                            inline.Append(xml.Value);
                        }
                        break;
                }
            }
            return (value.ToString(), inline.ToString());
        }

        private Cell Convert(int column, string type, int style, string value, string inline)
        {
            switch (type)
            {
                case "s":
                    if (!int.TryParse(value, CultureInfo.InvariantCulture, out var index) || index < 0)
                    {
                        return new Cell(column, "", Messages.XlsxBadStringIndex(value));
                    }
                    if (index >= workbook.Strings.Count)
                    {
                        return new Cell(column, "", workbook.StringsBroken ? Messages.XlsxStringLost(index) : Messages.XlsxStringMissing(index));
                    }
                    return new Cell(column, workbook.Strings[index], null);
                case "inlineStr":
                    return new Cell(column, Unescape(inline), null);
                case "str" or "e":
                    return new Cell(column, Unescape(value), null);
                case "b":
                    return new Cell(column, value.Trim() switch { "1" or "true" => "True", "0" or "false" => "False", var other => other }, null);
                case "d":
                    return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                        ? new Cell(column, date.ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss", CultureInfo.InvariantCulture), null)
                        : new Cell(column, value, null);
                default:
                    if (value.Length == 0)
                    {
                        return new Cell(column, "", null);
                    }
                    if (style < workbook.DateStyles.Count && workbook.DateStyles[style] && DateText(value, workbook.Date1904) is { } text)
                    {
                        return new Cell(column, text, null);
                    }
                    return new Cell(column, NumberText(value), null);
            }
        }
    }
}
