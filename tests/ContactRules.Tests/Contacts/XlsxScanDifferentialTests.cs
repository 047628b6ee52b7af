using System.Globalization;
using System.IO.Compression;
using System.Text;
using ContactRules.Contacts;
using Xunit;
using Xunit.Abstractions;

namespace ContactRules.Tests.Contacts;

/// <summary>
/// Issue 9's xlsx speed work: the byte scanner of sheet parts must give, workbook for workbook, the records and
/// diagnostics of the <see cref="System.Xml.XmlReader"/> path it stands in for, including where it gives way to it.
/// Thousands of generated sheets: prefixed names, attributes in any order and quoting, rich and phonetic text,
/// CDATA, entities and character references, bad references and string indexes, odd row and cell numbers, and
/// damage (truncation, stray markup, bad bytes, DTDs, comments, undeclared prefixes, broken shared strings,
/// size limits hit mid-sheet, corrupt compressed data).
/// </summary>
public sealed class XlsxScanDifferentialTests(ITestOutputHelper output)
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string SheetPart = "xl/worksheets/sheet1.xml";

    private static readonly string[] SharedStrings =
    [
        "<si><t>caseid</t></si>",
        "<si><t>name</t></si>",
        "<si><t xml:space=\"preserve\"> Asha  Patil </t></si>",
        "<si><r><rPr><b/><sz val=\"11\"/></rPr><t>Ra</t></r><r><t>vi</t></r><rPh sb=\"0\" eb=\"1\"><t>ラヴィ</t></rPh></si>",
        "<si><t>a &amp; b &lt;c&gt; _x000D_ end</t></si>",
        "<si><t>919812345678</t></si>",
        "<si><t/></si>",
        "<si><t>Zoë 😀</t></si>",
    ];

    private static readonly string[] Words =
    [
        "case-1", "Asha", "Zoë", "Nguyễn", "中文", "😀", "919812345678", "09812345678", "---", "True", "a b", "  ", "\t", "\n", "\r\n", "\r",
        "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#65;", "&#x41;", "&#233;", "&#x1F600;", "&#13;", "&#10;", "&#x9;", "_x000D_", "_x0041_",
        "<![CDATA[a<b&c]]>", "<![CDATA[]]>", "<![CDATA[\r\nx]]>", ">", "2024-03-05 10:00:00", "user@example.org", "Africa/Lagos",
    ];

    private static readonly string[] Numbers =
    [
        "1", "0", "-0", "1.0", "1.5", "1E3", "1e-3", "919812345678", "12345678901234567890123", "1e400", " 5", "5 ", "abc", "", "-12", "0.1", "45352.5", "3.0000000001",
    ];

    private static readonly string[] Snippets =
    [
        "<", ">", "&", "&bogus;", "&#0;", "&#xD800;", "&#X41;", "&#;", "</x>", "<!DOCTYPE worksheet>", "<!-- note -->", "<?pi x?>", "\u0001", "]]>",
        "<q:c/>", "<c r=\"A1\" r=\"B1\"/>", "\r", "<row>", "</row>", "<c>", "<v>", " xmlns:q=\"urn:q\"", "<x:c r=\"Z9\" xmlns:x=\"urn:other\"/>", "\"", "'",
        "<row r=\"7\"><c r=\"A7\" t=\"inlineStr\"><is><t>extra</t></is></c></row>", "<c r=\"B2\"><v>1</v></c>", "<![CDATA[x", "&amp", "<a b=\"1\"c=\"2\"/>",
    ];

    private static readonly byte[][] BadBytes = [[0xC3], [0xFF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBE], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00]];

    [Fact]
    public void Byte_scan_gives_what_the_xml_reader_gives_for_thousands_of_varied_workbooks()
    {
        var random = new Random(9_2026);
        var workbooks = 0;
        var scannedWhole = 0;
        var cleanGaveUp = 0;
        var clean = 0;
        var lazyLoadedAll = 0;
        for (var n = 0; n < 3000; n++)
        {
            var (bytes, options, damaged, streamDamaged) = Generate(random, n);
            workbooks++;
            clean += damaged || streamDamaged ? 0 : 1;
            var expected = Read(bytes, options, XlsxCaseReader.SheetScan.Off);
            var gaveUp = -1;
            var scanned = Read(bytes, options, XlsxCaseReader.SheetScan.Default with { GaveUp = given => gaveUp = given });
            Same(expected, scanned, n, "default scan");
            // Shared strings read as the sheet needs them, by either reader, give what loading them all gives.
            // A run's second read takes the count of string uses from its first (ReadMemo).
            var remembering = options with { Memo = new ReadMemo() };
            var loadedAll = false;
            Same(expected, Read(bytes, remembering, XlsxCaseReader.SheetScan.Default with { LazyStringsFrom = 0, LoadedAllStrings = () => loadedAll = true }), n, "lazy strings");
            if (!damaged && !streamDamaged)
            {
                // The quick count of string uses is right for every sound workbook: no string was needed after it was let go.
                Assert.False(loadedAll, $"workbook {n}: the strings read alongside were loaded whole");
            }
            else
            {
                lazyLoadedAll += loadedAll ? 1 : 0;
            }
            Same(expected, Read(bytes, remembering, XlsxCaseReader.SheetScan.Default with { LazyStringsFrom = 0 }), n, "lazy strings, remembered");
            Same(expected, Read(bytes, options, XlsxCaseReader.SheetScan.Off with { LazyStringsFrom = 0 }), n, "lazy strings, xml reader");
            if (gaveUp < 0)
            {
                scannedWhole++;
            }
            else if (!damaged && !streamDamaged)
            {
                cleanGaveUp++;
            }
            if (!streamDamaged)
            {
                // Tiny buffers and no margin: every tag and row straddles refills.
                var small = new XlsxCaseReader.SheetScan(1 + random.Next(40), 0);
                Same(expected, Read(bytes, options, small), n, "buffer " + small.Buffer.ToString(CultureInfo.InvariantCulture));
                Same(expected, Read(bytes, options, small with { LazyStringsFrom = 0 }), n, "lazy strings, buffer " + small.Buffer.ToString(CultureInfo.InvariantCulture));
            }
        }
        output.WriteLine($"{workbooks} workbooks, {clean} undamaged; scanned whole: {scannedWhole}; undamaged but given up: {cleanGaveUp}; damaged with the strings read alongside loaded whole: {lazyLoadedAll}");
        // The comparison means something only if the scanner reads most sheets itself.
        Assert.True(scannedWhole > workbooks / 2, $"only {scannedWhole} of {workbooks} scanned whole");
        Assert.Equal(0, cleanGaveUp);
    }

    [Fact]
    public void Strings_numbered_against_the_order_rows_use_them_are_held_until_their_last_row()
    {
        // Shared strings reversed: the first row uses the last string, so reading alongside holds nearly all
        // of them, each until its row; the records are those of loading them all, and none is read twice.
        var rows = new List<IReadOnlyList<XCell?>> { new XCell?[] { XCell.S("caseid"), XCell.S("name"), XCell.S("contact_phone_number") } };
        rows.AddRange(Enumerable.Range(0, 2000).Select(i => (IReadOnlyList<XCell?>)new XCell?[]
        {
            XCell.S($"case-{i}"), XCell.S($"name {i % 37}"), XCell.S($"2547{i:D8}"),
        }));
        // Three headers, 2,000 ids, 2,000 numbers and 37 names.
        const int count = 3 + 2000 + 2000 + 37;
        var bytes = Workbooks.Build(rows, tamper: (name, xml) => name.StartsWith("xl/worksheets/", StringComparison.Ordinal)
            ? System.Text.RegularExpressions.Regex.Replace(xml, "t=\"s\"><v>([0-9]+)</v>", m => $"t=\"s\"><v>{count - 1 - int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)}</v>")
            : name == "xl/sharedStrings.xml"
                ? xml[..xml.IndexOf("<si>", StringComparison.Ordinal)] + string.Concat(System.Text.RegularExpressions.Regex.Matches(xml, "<si>.*?</si>").Select(m => m.Value).Reverse()) + "</sst>"
                : xml);
        var expected = Read(bytes, CaseReadOptions.Default, XlsxCaseReader.SheetScan.Default);
        Assert.Equal(2000, expected.Count(line => line.StartsWith("Accepted", StringComparison.Ordinal)));
        Assert.Contains(expected, line => line.Contains("case-1999", StringComparison.Ordinal) && line.Contains("name 1", StringComparison.Ordinal));
        var loadedAll = false;
        Same(expected, Read(bytes, CaseReadOptions.Default, XlsxCaseReader.SheetScan.Default with { LazyStringsFrom = 0, LoadedAllStrings = () => loadedAll = true }), 0, "reversed strings");
        Assert.False(loadedAll);
    }

    [Fact]
    public void A_size_limit_met_mid_sheet_fails_where_the_xml_reader_fails_it()
    {
        var random = new Random(17);
        for (var n = 0; n < 12; n++)
        {
            var sheet = LargeSheet(5000 + random.Next(3000), random);
            var bytes = Replace(BaseWorkbook(), sheet);
            // Past the scanner's first buffer, so that it has given rows out before the limit stops it.
            var limit = 300_000 + random.Next(sheet.Length - 300_000);
            var options = CaseReadOptions.Default with { Limits = InputLimits.Default with { MaxUncompressedBytes = limit } };
            var expected = Read(bytes, options, XlsxCaseReader.SheetScan.Off);
            Assert.Contains(expected, line => line.Contains("refused", StringComparison.OrdinalIgnoreCase) || line.Contains("limit", StringComparison.OrdinalIgnoreCase));
            var gaveUp = -1;
            Same(expected, Read(bytes, options, XlsxCaseReader.SheetScan.Default with { GaveUp = given => gaveUp = given }), n, "limit " + limit.ToString(CultureInfo.InvariantCulture));
            Same(expected, Read(bytes, options, XlsxCaseReader.SheetScan.Default with { LazyStringsFrom = 0 }), n, "lazy strings, limit " + limit.ToString(CultureInfo.InvariantCulture));
            Assert.True(gaveUp > 0, "rows were scanned before the limit");
        }
    }

    [Fact]
    public void Corrupt_compressed_sheet_data_fails_where_the_xml_reader_fails_it()
    {
        var random = new Random(23);
        for (var n = 0; n < 20; n++)
        {
            var bytes = Replace(BaseWorkbook(), LargeSheet(4000, random), CompressionLevel.Fastest);
            Corrupt(bytes, random);
            var expected = Read(bytes, CaseReadOptions.Default, XlsxCaseReader.SheetScan.Off);
            Same(expected, Read(bytes, CaseReadOptions.Default, XlsxCaseReader.SheetScan.Default), n, "corrupt");
            Same(expected, Read(bytes, CaseReadOptions.Default, XlsxCaseReader.SheetScan.Default with { LazyStringsFrom = 0 }), n, "lazy strings, corrupt");
        }
    }

    private void Same(List<string> expected, List<string> actual, int workbook, string how)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            if (expected[i] != actual[i])
            {
                output.WriteLine($"workbook {workbook} ({how}), result {i}:\n  xml:  {expected[i]}\n  scan: {actual[i]}");
                break;
            }
        }
        Assert.True(expected.SequenceEqual(actual), $"workbook {workbook} ({how}): {expected.Count} results by XmlReader, {actual.Count} by the scan");
    }

    private static List<string> Read(byte[] bytes, CaseReadOptions options, XlsxCaseReader.SheetScan scan)
    {
        var lines = new List<string>();
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            foreach (var result in XlsxCaseReader.Read(archive, "book.xlsx", options, scan))
            {
                var record = result.Record is { } r
                    ? (r with { Properties = new Dictionary<string, string>() }).ToString() + " {" + string.Join(", ", r.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)) + "}"
                    : "";
                lines.Add($"{result.Kind} {record} {result.Diagnostic}");
            }
        }
        catch (Exception e)
        {
            lines.Add("throws " + e.GetType().Name + ": " + e.Message);
        }
        return lines;
    }

    private static (byte[] Bytes, CaseReadOptions Options, bool Damaged, bool StreamDamaged) Generate(Random random, int n)
    {
        var prefix = random.Next(3) switch { 0 => "", 1 => "x", _ => "main" };
        var sheet = Sheet(random, prefix);
        var damaged = false;
        if (random.Next(100) < 40)
        {
            damaged = true;
            sheet = Damage(sheet, random);
        }
        var sst = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"" + Main + "\">" + string.Concat(SharedStrings) + "</sst>";
        if (random.Next(100) < 8)
        {
            // A broken shared strings part: the strings after the break are lost, cells that need them say so.
            sst = sst[..random.Next(sst.Length)];
        }
        var bytes = Replace(BaseWorkbook(sst), sheet);
        var options = CaseReadOptions.Default;
        if (random.Next(100) < 10)
        {
            options = options with { Limits = InputLimits.Default with { MaxValueChars = 1 + random.Next(12), MaxRecordBytes = 20 + random.Next(200) } };
        }
        var streamDamaged = false;
        if (random.Next(100) < 3)
        {
            streamDamaged = true;
            options = options with { Limits = options.Limits with { MaxUncompressedBytes = random.Next(sheet.Length + 1) } };
        }
        return (bytes, options, damaged, streamDamaged);
    }

    private static byte[] BaseWorkbook(string? sharedStrings = null) =>
        Workbooks.Build([[XCell.S("caseid")]], tamper: (name, xml) => name == "xl/sharedStrings.xml" && sharedStrings is not null ? sharedStrings : xml);

    /// <summary>The workbook with its sheet part's bytes replaced.</summary>
    private static byte[] Replace(byte[] workbook, byte[] sheet, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var source = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var target = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var to = target.CreateEntry(entry.FullName, level).Open();
                if (entry.FullName == SheetPart)
                {
                    to.Write(sheet);
                }
                else
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                }
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Flips bytes in the middle of the sheet part's compressed data.</summary>
    private static void Corrupt(byte[] zip, Random random)
    {
        var name = Encoding.ASCII.GetBytes(SheetPart);
        for (var i = 0; i + 30 + name.Length < zip.Length; i++)
        {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 3 && zip[i + 3] == 4 && zip.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                var compressed = BitConverter.ToInt32(zip, i + 18);
                var start = i + 30 + name.Length + BitConverter.ToUInt16(zip, i + 28);
                var at = start + (compressed / 4) + random.Next(compressed / 2);
                for (var k = 0; k < 4; k++)
                {
                    zip[at + k] ^= (byte)(1 + random.Next(255));
                }
                return;
            }
        }
        throw new InvalidOperationException("no sheet entry");
    }

    private static byte[] LargeSheet(int rows, Random random)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><x:worksheet xmlns:x=\"" + Main + "\"><x:sheetData>");
        xml.Append("<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"s\"><x:v>1</x:v></x:c><x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t>contact_phone_number</x:t></x:is></x:c></x:row>");
        for (var r = 2; r <= rows; r++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<x:row r=\"{r}\"><x:c r=\"A{r}\" t=\"str\"><x:v>case-{r}</x:v></x:c><x:c r=\"B{r}\" t=\"inlineStr\"><x:is><x:t>{Words[random.Next(6)]}</x:t></x:is></x:c><x:c r=\"C{r}\"><x:v>{919800000000L + r}</x:v></x:c></x:row>\n");
        }
        return Encoding.UTF8.GetBytes(xml.Append("</x:sheetData></x:worksheet>").ToString());
    }

    private static byte[] Sheet(Random random, string prefix)
    {
        var p = prefix.Length == 0 ? "" : prefix + ":";
        var xml = new StringBuilder();
        xml.Append(random.Next(6) switch
        {
            0 => "",
            1 => "<?xml version='1.0' encoding='utf-8'?>\n",
            2 => "<?xml version=\"1.0\"?>",
            3 => "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>\r\n",
            _ => "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
        });
        var declaration = prefix.Length == 0 ? "xmlns" : "xmlns:" + prefix;
        xml.Append(CultureInfo.InvariantCulture, $"<{p}worksheet {declaration}=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\">");
        if (random.Next(4) == 0)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<{p}sheetPr codeName=\"Лист1\"/>");
        }
        if (random.Next(2) == 0)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<{p}dimension ref=\"A1:F9\"/><{p}sheetViews><{p}sheetView workbookViewId=\"0\"><{p}pane ySplit=\"1\" state='frozen'/></{p}sheetView></{p}sheetViews>\n");
        }
        xml.Append(CultureInfo.InvariantCulture, $"<{p}sheetData>");
        var rows = random.Next(25);
        var rowNumber = 0;
        for (var r = 0; r < rows; r++)
        {
            rowNumber = random.Next(12) switch { 0 => rowNumber, 1 => rowNumber + 3, 2 => Math.Max(1, rowNumber - 2), _ => rowNumber + 1 };
            var rowAttributes = new List<string>();
            switch (random.Next(10))
            {
                case 0:
                    break;
                case 1:
                    rowAttributes.Add(Quote("r", random.Next(4) switch { 0 => "0", 1 => "-1", 2 => "abc", _ => " " + rowNumber.ToString(CultureInfo.InvariantCulture) }, random));
                    break;
                default:
                    rowAttributes.Add(Quote("r", rowNumber.ToString(CultureInfo.InvariantCulture), random));
                    break;
            }
            if (random.Next(3) == 0)
            {
                rowAttributes.Add(Quote("spans", "1:6", random));
            }
            if (random.Next(3) == 0)
            {
                rowAttributes.Add(Quote("x14ac:dyDescent", "0.25", random));
            }
            Shuffle(rowAttributes, random);
            xml.Append('<').Append(p).Append("row").Append(string.Concat(rowAttributes.Select(a => Space(random) + a)));
            if (random.Next(30) == 0)
            {
                xml.Append("/>");
                continue;
            }
            xml.Append('>');
            var cells = r == 0 && random.Next(5) > 0 ? -1 : random.Next(8);
            if (cells < 0)
            {
                string[] headers = ["caseid", "name", "contact_phone_number", "closed", "last_modified_date", "language_code"];
                for (var c = 0; c < headers.Length; c++)
                {
                    xml.Append(Cell(random, p, Workbooks.Column(c) + rowNumber, "inlineStr", $"<{p}is><{p}t>{headers[c]}</{p}t></{p}is>"));
                }
            }
            else
            {
                var column = 0;
                for (var c = 0; c < cells; c++)
                {
                    column += random.Next(5) == 0 ? 2 : 1;
                    var reference = random.Next(15) switch
                    {
                        0 => null,
                        1 => "a1",
                        2 => "",
                        3 => "XFE" + rowNumber,
                        4 => "Å" + rowNumber,
                        _ => Workbooks.Column(column - 1) + rowNumber.ToString(CultureInfo.InvariantCulture),
                    };
                    xml.Append(RandomCell(random, p, reference));
                }
            }
            if (random.Next(8) == 0)
            {
                xml.Append(' ');
            }
            xml.Append("</").Append(p).Append("row>");
            if (random.Next(4) == 0)
            {
                xml.Append(random.Next(3) == 0 ? "\r\n  " : "\n  ");
            }
        }
        xml.Append(CultureInfo.InvariantCulture, $"</{p}sheetData><{p}pageMargins left=\"0.7\" right=\"0.7\"/></{p}worksheet>");
        var text = xml.ToString();
        return random.Next(10) == 0 ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);
    }

    private static string RandomCell(Random random, string p, string? reference)
    {
        switch (random.Next(12))
        {
            case 0:
                return Cell(random, p, reference, "s", V(p, random.Next(6) == 0 ? Pick(random, ["-1", "abc", "99", " 1", "1.0", ""]) : random.Next(SharedStrings.Length).ToString(CultureInfo.InvariantCulture), random));
            case 1:
                return Cell(random, p, reference, "inlineStr", InlineString(random, p));
            case 2:
                return Cell(random, p, reference, "b", V(p, Pick(random, ["1", "0", "true", "false", "2", "", " 1 "]), random));
            case 3:
                return Cell(random, p, reference, null, V(p, Pick(random, ["45352", "45352.75", "1", "-700000", "abc", "60", "0.5"]), random), style: Pick(random, ["1", "2", "99", "-1", "x", "0"]));
            case 4:
                return Cell(random, p, reference, "d", V(p, Pick(random, ["2024-01-02T03:04:05Z", "2024-01-02", "2024-01-02T03:04:05+02:00", "bad", ""]), random));
            case 5:
                return Cell(random, p, reference, "e", V(p, "#N/A", random));
            case 6:
                return Cell(random, p, reference, Pick(random, [null, "s", "str", "n"]), random.Next(2) == 0 ? null : "");
            case 7:
                return Cell(random, p, reference, "str", $"<{p}f>CONCAT(A1,\"x\")</{p}f>" + V(p, Text(random), random));
            case 8:
                return Cell(random, p, reference, Pick(random, [null, "n"]), V(p, Pick(random, Numbers), random), style: random.Next(3) == 0 ? "2" : null);
            default:
                return Cell(random, p, reference, "str", V(p, Text(random), random));
        }
    }

    private static string InlineString(Random random, string p) => random.Next(4) switch
    {
        0 => $"<{p}is><{p}r><{p}rPr><{p}b/><{p}sz val=\"11\"/></{p}rPr><{p}t>{Text(random)}</{p}t></{p}r><{p}r><{p}t xml:space=\"preserve\">{Text(random)}</{p}t></{p}r></{p}is>",
        1 => $"<{p}is><{p}t>{Text(random)}</{p}t><{p}rPh sb=\"0\" eb=\"1\"><{p}t>フリガナ</{p}t></{p}rPh><{p}phoneticPr fontId=\"1\"/></{p}is>",
        2 => $"<{p}is>\n  <{p}t>{Text(random)}</{p}t>\n</{p}is>",
        _ => $"<{p}is><{p}t>{Text(random)}</{p}t></{p}is>",
    };

    private static string V(string p, string text, Random random) => random.Next(20) == 0 ? $"<{p}v/>" : $"<{p}v>{text}</{p}v>";

    private static string Text(Random random)
    {
        var pieces = random.Next(4);
        var text = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            text.Append(Pick(random, Words));
        }
        return text.ToString();
    }

    private static string Cell(Random random, string p, string? reference, string? type, string? content, string? style = null)
    {
        var attributes = new List<string>();
        if (reference is not null)
        {
            attributes.Add(Quote("r", reference, random));
        }
        if (type is not null)
        {
            attributes.Add(Quote("t", type, random));
        }
        if (style is not null || random.Next(4) == 0)
        {
            attributes.Add(Quote("s", style ?? "0", random));
        }
        if (random.Next(10) == 0)
        {
            attributes.Add(Quote("cm", random.Next(3) == 0 ? "ü😀" : "1", random));
        }
        Shuffle(attributes, random);
        var open = $"<{p}c" + string.Concat(attributes.Select(a => Space(random) + a)) + (random.Next(6) == 0 ? " " : "");
        return content is null ? open + "/>" : open + ">" + content + $"</{p}c" + (random.Next(10) == 0 ? " " : "") + ">";
    }

    private static string Quote(string name, string value, Random random) =>
        random.Next(4) switch
        {
            0 => $"{name}='{value}'",
            1 => $"{name} = \"{value}\"",
            _ => $"{name}=\"{value}\"",
        };

    private static string Space(Random random) => random.Next(10) switch { 0 => "  ", 1 => "\n", 2 => "\t", _ => " " };

    private static byte[] Damage(byte[] sheet, Random random)
    {
        var at = random.Next(sheet.Length + 1);
        switch (random.Next(5))
        {
            case 0:
                return sheet[..at];
            case 1:
                return [.. sheet[..at], .. BadBytes[random.Next(BadBytes.Length)], .. sheet[at..]];
            case 2:
                var text = Encoding.UTF8.GetString(sheet);
                var end = text.IndexOf("</", Math.Min(at, text.Length), StringComparison.Ordinal);
                if (end < 0)
                {
                    return sheet;
                }
                // A different end tag: another name, or the right one with more after it.
                var cut = random.Next(2) == 0 ? end + 2 : text.IndexOf('>', end);
                return Encoding.UTF8.GetBytes(text[..cut] + Pick(random, ["zz", "z", "1", ":a", " a"]) + text[cut..]);
            default:
                // Markup inserted at a character boundary (a byte in the middle of a character is case 1's business).
                var chars = Encoding.UTF8.GetString(sheet);
                var position = random.Next(chars.Length + 1);
                if (position > 0 && position < chars.Length && char.IsLowSurrogate(chars[position]))
                {
                    position--;
                }
                return Encoding.UTF8.GetBytes(chars[..position] + Pick(random, Snippets) + chars[position..]);
        }
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
