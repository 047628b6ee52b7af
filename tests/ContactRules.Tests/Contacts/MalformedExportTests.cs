using System.Text;
using ContactRules.Contacts;
using Xunit;
using static ContactRules.Tests.Contacts.XCell;

namespace ContactRules.Tests.Contacts;

/// <summary>Real-world damage to exports: each a clear diagnostic with member and line or cell, the rest read, every record counted.</summary>
public sealed class MalformedExportTests
{
    private static List<CaseReadResult> Read(byte[] bytes, string name) => [.. CaseSource.Read(new MemoryStream(bytes), name, CaseReadOptions.Default)];

    [Fact]
    public void Zip_bomb_member_is_refused_while_streaming_and_the_other_members_are_read()
    {
        // 1 GiB of spaces in a JSON list deflates to about 1 MiB: refused after the first 8 MiB (the ratio passes 200).
        var zeros = new byte[1 << 20];
        Array.Fill(zeros, (byte)' ');
        using var bomb = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bomb, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var entry = zip.CreateEntry("a/Cases.csv").Open())
            {
                entry.Write("[{\"case_id\": \"a1\"},"u8);
                for (var i = 0; i < 1024; i++)
                {
                    entry.Write(zeros);
                }
            }
            using (var other = zip.CreateEntry("b/Cases.csv").Open())
            {
                other.Write(Encoding.UTF8.GetBytes("caseid,x\nb1,1\n"));
            }
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        var results = Read(bomb.ToArray(), "bomb.zip");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), "refused while streaming, not after unpacking");
        var problem = Assert.Single(results, r => r.Kind == CaseReadKind.Problem);
        Assert.StartsWith("bomb.zip!a/Cases.csv:", problem.Diagnostic!.ToString(), StringComparison.Ordinal);
        Assert.Contains("it is refused as a possible zip bomb", problem.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("200× its compressed size", problem.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(["a1", "b1"], results.Accepted().Select(c => c.Id));
    }

    [Fact]
    public void Gzip_bomb_is_refused_too()
    {
        var spaces = new byte[64 << 20];
        Array.Fill(spaces, (byte)' ');
        var results = Read(Workbooks.Gzip([.. "["u8, .. spaces]), "cases.json.gz");
        Assert.Contains(results.Diagnostics(), d => d.Contains("refused as a possible zip bomb", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncated_zip_is_one_clear_problem()
    {
        var archive = Workbooks.Zip(("e/Cases.csv", Workbooks.HqCsv("caseid,x", "a,1", "b,2")));
        var results = Read(archive[..(archive.Length - 30)], "case-export.zip");
        var diagnostic = Assert.Single(results.Diagnostics());
        Assert.StartsWith("case-export.zip: error MALFORMED_INPUT: the zip archive is damaged or truncated (", diagnostic, StringComparison.Ordinal);
        Assert.EndsWith("); download it again", diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_shared_strings_reject_only_the_cells_that_need_a_lost_string()
    {
        var rows = new List<IReadOnlyList<XCell?>> { new[] { S("caseid"), S("name") } };
        for (var i = 1; i <= 20; i++)
        {
            rows.Add([Inline("c" + i), i < 16 ? S("name " + i) : Inline("inline " + i)]);
        }
        // Cut the shared strings part in the middle of string 10 (names 1..14 are strings 2..15).
        var workbook = Workbooks.Build(rows, tamper: (part, xml) => part == "xl/sharedStrings.xml" ? xml[..xml.IndexOf("name 9", StringComparison.Ordinal)] : xml);
        var results = Read(workbook, "export.xlsx");
        var diagnostics = results.Diagnostics();
        Assert.StartsWith("export.xlsx!xl/sharedStrings.xml:1:", diagnostics[0], StringComparison.Ordinal);
        Assert.Contains("the shared strings part is broken after 10 strings", diagnostics[0], StringComparison.Ordinal);
        Assert.Equal(
            [.. Enumerable.Range(9, 7).Select(i => $"export.xlsx!Cases:{i + 1}: error MALFORMED_RECORD: cell B{i + 1}: it uses shared string {i + 1}, lost where the shared strings part is broken; the record is skipped")],
            diagnostics.Skip(1));
        Assert.Equal([.. Enumerable.Range(1, 8).Concat(Enumerable.Range(16, 5)).Select(i => "c" + i)], results.Accepted().Select(c => c.Id));
        Assert.Equal(new CaseReadSummary(20, 13, 7, 1), results.Summary());
    }

    [Fact]
    public void Csv_in_a_zip_with_ragged_rows_rejects_those_rows_with_member_and_line()
    {
        var archive = Workbooks.Zip(("Mother Cases/Cases.csv", Workbooks.HqCsv("caseid,name,phone", "a,A,1", "b,B", "c,C,3,extra", "d,D,4")));
        var results = Read(archive, "archive.zip");
        Assert.Equal(
            [
                "archive.zip!Mother Cases/Cases.csv:3: error MALFORMED_RECORD: the row has 2 fields but the header has 3; it is skipped",
                "archive.zip!Mother Cases/Cases.csv:4: error MALFORMED_RECORD: the row has 4 fields but the header has 3; it is skipped",
            ],
            results.Diagnostics());
        Assert.Equal(["a", "d"], results.Accepted().Select(c => c.Id));
        Assert.Equal(new CaseReadSummary(4, 2, 2, 0), results.Summary());
    }

    [Fact]
    public void Broken_sheet_xml_stops_at_its_row_after_the_rows_before_it()
    {
        var workbook = Workbooks.Build(
            [[S("caseid")], [Inline("a")], [Inline("b")], [Inline("c")]],
            tamper: (part, xml) => part == "xl/worksheets/sheet1.xml" ? xml.Replace("<row r=\"4\">", "<row r=\"4\"><oops", StringComparison.Ordinal) : xml);
        var results = Read(workbook, "export.xlsx");
        Assert.Equal(["a", "b"], results.Accepted().Select(c => c.Id));
        var diagnostic = Assert.Single(results.Diagnostics());
        Assert.StartsWith("export.xlsx!Cases:4: error MALFORMED_INPUT: the sheet's XML is broken at line 1, position ", diagnostic, StringComparison.Ordinal);
    }
}
