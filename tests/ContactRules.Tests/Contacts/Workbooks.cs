using System.IO.Compression;
using System.Security;
using System.Text;

namespace ContactRules.Tests.Contacts;

/// <summary>A cell of a test workbook: its XML type attribute, style and content, as Excel or openpyxl write them.</summary>
internal sealed record XCell(string? Type, string Content, int Style = 0)
{
    /// <summary>A string, kept in the shared strings part.</summary>
    public static XCell S(string text) => new("s", text);

    public static XCell Inline(string text) => new("inlineStr", text);

    public static XCell N(string number) => new(null, number);

    public static XCell B(bool value) => new("b", value ? "1" : "0");

    /// <summary>A date serial number in a date style (number format 22, <c>m/d/yy h:mm</c>).</summary>
    public static XCell Date(string serial) => new(null, serial, 1);
}

/// <summary>Writes small xlsx workbooks part by part, so tests control every detail (and can break one).</summary>
internal static class Workbooks
{
    public static byte[] Build(IReadOnlyList<IReadOnlyList<XCell?>> rows, string sheet = "Cases", Func<string, string, string>? tamper = null,
        IReadOnlyList<(string Name, IReadOnlyList<IReadOnlyList<XCell?>> Rows)>? moreSheets = null)
    {
        var sheets = new List<(string Name, IReadOnlyList<IReadOnlyList<XCell?>> Rows)> { (sheet, rows) };
        sheets.AddRange(moreSheets ?? []);
        var strings = new List<string>();
        var sheetXml = sheets.Select(s => SheetXml(s.Rows, strings)).ToList();
        var parts = new List<(string Name, string Xml)>
        {
            ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>"""),
            ("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""),
            ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><workbookPr/><sheets>"
                + string.Concat(sheets.Select((s, i) => $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 10}\"/>")) + "</sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + string.Concat(sheets.Select((_, i) => $"<Relationship Id=\"rId{i + 10}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"))
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"),
            ("xl/styles.xml", """<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>"""),
            ("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + string.Concat(strings.Select(s => $"<si><t xml:space=\"preserve\">{SecurityElement.Escape(s)}</t></si>")) + "</sst>"),
        };
        parts.AddRange(sheetXml.Select((xml, i) => ($"xl/worksheets/sheet{i + 1}.xml", xml)));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(tamper is null ? xml : tamper(name, xml));
            }
        }
        return buffer.ToArray();
    }

    private static string SheetXml(IReadOnlyList<IReadOnlyList<XCell?>> rows, List<string> strings)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (var r = 0; r < rows.Count; r++)
        {
            xml.Append("<row r=\"").Append(r + 1).Append("\">");
            for (var c = 0; c < rows[r].Count; c++)
            {
                if (rows[r][c] is not { } cell)
                {
                    continue;
                }
                var reference = Column(c) + (r + 1);
                xml.Append("<c r=\"").Append(reference).Append('"');
                if (cell.Type is { } type)
                {
                    xml.Append(" t=\"").Append(type).Append('"');
                }
                if (cell.Style != 0)
                {
                    xml.Append(" s=\"").Append(cell.Style).Append('"');
                }
                xml.Append('>');
                switch (cell.Type)
                {
                    case "s":
                        var index = strings.IndexOf(cell.Content);
                        if (index < 0)
                        {
                            index = strings.Count;
                            strings.Add(cell.Content);
                        }
                        xml.Append("<v>").Append(index).Append("</v>");
                        break;
                    case "inlineStr":
                        xml.Append("<is><t>").Append(SecurityElement.Escape(cell.Content)).Append("</t></is>");
                        break;
                    default:
                        xml.Append("<v>").Append(SecurityElement.Escape(cell.Content)).Append("</v>");
                        break;
                }
                xml.Append("</c>");
            }
            xml.Append("</row>");
        }
        return xml.Append("</sheetData></worksheet>").ToString();
    }

    public static string Column(int index)
    {
        var name = "";
        for (var c = index + 1; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + ((c - 1) % 26)) + name;
        }
        return name;
    }

    /// <summary>A zip archive of the named members, in the given order.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return buffer.ToArray();
    }

    /// <summary>HQ's CSV: a byte-order mark, CRLF line ends.</summary>
    public static byte[] HqCsv(params string[] lines) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];
}
