using System.Text;
using ContactRules.Contacts;
using Xunit;
using static ContactRules.Tests.Contacts.XCell;

namespace ContactRules.Tests.Contacts;

/// <summary>Every form in which CommCare HQ hands out case data (../shared/reference/commcare-data-formats.md), detected by content.</summary>
public sealed class CommCareFormTests
{
    private static List<CaseReadResult> Read(byte[] bytes, string name, CaseReadOptions? options = null, bool seekable = true) =>
        [.. CaseSource.Read(seekable ? new MemoryStream(bytes) : new TrickleStream(bytes, 7000), name, options ?? CaseReadOptions.Default)];

    private static readonly IReadOnlyList<IReadOnlyList<XCell?>> ExportRows =
    [
        [S("number"), S("caseid"), S("name"), S("contact_phone_number"), S("contact_phone_number_is_verified"), S("commcare_email_address"), S("closed"), S("last_modified_date"), S("opened_date"), S("owner_name")],
        [N("1"), S("c1"), S("Asha"), N("9.19812345678E+11"), N("1"), S("---"), B(false), Date("45352.396527777775"), S("2024-03-01 09:30:00"), S("asha.worker")],
        [N("2"), S("c2"), S("Ravi"), S("---"), S(""), S("ravi@example.org"), B(true), S("2024-03-02 10:00:00"), S("2024-03-01 09:30:00"), S("ravi.worker")],
        [N("3"), S("c3"), Inline("Zoë"), N("9812345678"), null, N("12.50"), S("False"), null, null, null],
    ];

    [Fact]
    public void Xlsx_export_reads_numbers_booleans_dates_and_the_missing_marker()
    {
        foreach (var seekable in new[] { true, false })
        {
            var results = Read(Workbooks.Build(ExportRows), "export.xlsx", seekable: seekable);
            Assert.Empty(results.Diagnostics());
            var cases = results.Accepted();
            Assert.Equal(["c1", "c2", "c3"], cases.Select(c => c.Id));
            Assert.Equal("919812345678", cases[0].Property("contact_phone_number"));
            Assert.Equal("1", cases[0].Property("contact_phone_number_is_verified"));
            Assert.Null(cases[0].Property("commcare_email_address"));
            Assert.False(cases[0].Closed);
            Assert.Equal(NodaTime.Instant.FromUtc(2024, 3, 1, 9, 31), cases[0].LastModified!.Instant);
            Assert.Equal(NodaTime.Instant.FromUtc(2024, 3, 1, 9, 30), cases[0].DateOpened!.Instant);
            Assert.Equal("asha.worker", cases[0].OwnerName);
            Assert.False(cases[0].Properties.ContainsKey("number"));
            Assert.Null(cases[1].Property("contact_phone_number"));
            Assert.Equal("", cases[1].Property("contact_phone_number_is_verified"));
            Assert.True(cases[1].Closed);
            Assert.Equal("Zoë", cases[2].Name);
            Assert.Equal("9812345678", cases[2].Property("contact_phone_number"));
            Assert.Equal("12.5", cases[2].Property("commcare_email_address"));
            Assert.Equal([2, 3, 4], cases.Select(c => c.SourceLine));
        }
    }

    [Fact]
    public void Xlsx_sheet_is_chosen_by_name_and_an_unknown_one_lists_the_sheets()
    {
        var workbook = Workbooks.Build([[S("caseid")], [S("first")]], moreSheets: [("Mother Cases", [[S("caseid")], [S("m1")]])]);
        Assert.Equal(["first"], Read(workbook, "w.xlsx").Accepted().Select(c => c.Id));
        Assert.Equal(["m1"], Read(workbook, "w.xlsx", new CaseReadOptions { Sheet = "Mother Cases" }).Accepted().Select(c => c.Id));
        Assert.Equal(
            ["w.xlsx: error MALFORMED_INPUT: the workbook has no sheet `Child`; its sheets are `Cases`, `Mother Cases`"],
            Read(workbook, "w.xlsx", new CaseReadOptions { Sheet = "Child" }).Diagnostics());
    }

    [Fact]
    public void Integral_numbers_become_digit_strings()
    {
        Assert.Equal("919812345678", XlsxCaseReader.NumberText("919812345678"));
        Assert.Equal("919812345678", XlsxCaseReader.NumberText("9.19812345678E+11"));
        Assert.Equal("1", XlsxCaseReader.NumberText("1.0"));
        Assert.Equal("0.1", XlsxCaseReader.NumberText("1E-1"));
        Assert.Equal("-42", XlsxCaseReader.NumberText("-42"));
        Assert.Equal("2024-03-01 09:30:00", XlsxCaseReader.DateText("45352.395833333336", date1904: false));
    }

    [Fact]
    public void Zip_of_csv_members_reads_each_in_turn_and_names_members_in_diagnostics()
    {
        var archive = Workbooks.Zip(
            ("Mother Cases/Cases.csv", Workbooks.HqCsv("number,caseid,name,contact_phone_number,closed", "1,m1,Asha,919812345678,False", "2,m2,\"Doe, \"\"J\"\"\",---,True", "3,m3")),
            ("Child Cases/Cases.csv", Workbooks.HqCsv("number,caseid,name", "1,k1,Kofi")),
            ("__MACOSX/._Cases.csv", [0, 5, 22, 7]));
        foreach (var seekable in new[] { true, false })
        {
            var results = Read(archive, "case-export.zip", seekable: seekable);
            Assert.Equal(["k1", "m1", "m2"], results.Accepted().Select(c => c.Id));
            Assert.Equal("Doe, \"J\"", results.Accepted()[2].Name);
            Assert.Null(results.Accepted()[2].Property("contact_phone_number"));
            Assert.Equal(["case-export.zip!Mother Cases/Cases.csv:4: error MALFORMED_RECORD: the row has 2 fields but the header has 5; it is skipped"], results.Diagnostics());
            Assert.Equal(new CaseReadSummary(4, 3, 1, 0), results.Summary());
        }
    }

    [Fact]
    public void Gzip_of_any_form_is_unpacked_as_it_streams()
    {
        var csv = Workbooks.HqCsv("caseid,x", "a,1");
        Assert.Equal(["a"], Read(Workbooks.Gzip(csv), "cases.csv.gz").Accepted().Select(c => c.Id));
        Assert.Equal(["a"], Read(Workbooks.Gzip(Workbooks.Zip(("e/Cases.csv", csv))), "e.zip.gz").Accepted().Select(c => c.Id));
        Assert.Equal(["c1", "c2", "c3"], Read(Workbooks.Gzip(Workbooks.Build(ExportRows)), "e.xlsx.gz", seekable: false).Accepted().Select(c => c.Id));
        var json = Encoding.UTF8.GetBytes("""{"matching_records": 1, "cases": [{"case_id": "j1", "closed": false, "properties": {}}]}""");
        Assert.Equal(["j1"], Read(Workbooks.Gzip(json), "page.json.gz").Accepted().Select(c => c.Id));
    }

    [Fact]
    public void Content_decides_not_the_extension()
    {
        var csv = Workbooks.HqCsv("caseid,x", "a,1");
        Assert.Equal(["a"], Read(Workbooks.Zip(("Cases.csv", csv)), "export.csv").Accepted().Select(c => c.Id));
        Assert.Equal(["c1", "c2", "c3"], Read(Workbooks.Build(ExportRows), "export.zip").Accepted().Select(c => c.Id));
        Assert.Equal(["a"], Read(Encoding.UTF8.GetBytes("{\"case_id\": \"a\"}\n"), "cases.csv").Accepted().Select(c => c.Id));
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_reads_in_every_text_format_and_without_one_is_refused()
    {
        foreach (var text in new[] { "caseid,name\r\nu1,Zoë\r\n", "{\"case_id\": \"u1\", \"case_name\": \"Zoë\"}\n", "[{\"case_id\": \"u1\", \"case_name\": \"Zoë\"}]" })
        {
            foreach (var encoding in new Encoding[] { Encoding.Unicode, Encoding.BigEndianUnicode })
            {
                var results = Read([.. encoding.GetPreamble(), .. encoding.GetBytes(text)], "u.txt");
                Assert.Empty(results.Diagnostics());
                Assert.Equal("Zoë", Assert.Single(results.Accepted()).Name);
            }
        }
        Assert.Equal(
            ["u.csv: error MALFORMED_INPUT: the file is not UTF-8: it looks like UTF-16 without a byte-order mark; save it as UTF-8 (or as UTF-16 with a byte-order mark)"],
            Read(Encoding.Unicode.GetBytes("caseid,name\r\nu1,x\r\n"), "u.csv").Diagnostics());
    }

    [Fact]
    public void Data_export_tool_columns_map_to_case_fields()
    {
        var csv = Encoding.UTF8.GetBytes(
            "id,properties.case_type,properties.owner_id,properties.case_name,properties.date_opened,server_opened_on,opened_by,closed,date_closed,date_modified,server_date_modified,indices.parent.case_id,indices.parent.case_type,contact_phone_number\n" +
            "d1,mother,o1,Asha,2024-01-01 00:00:00,2024-01-01 00:00:01,u9,True,2024-02-01 00:00:00.123456,2024-02-01 00:00:00,2024-02-01 00:00:05,p1,household,919812345678\n");
        var c = Assert.Single(Read(csv, "det.csv").Accepted());
        Assert.Equal(("d1", "mother", "o1", "Asha", true), (c.Id, c.Type, c.OwnerId, c.Name, c.Closed));
        Assert.Equal(NodaTime.Instant.FromUtc(2024, 2, 1, 0, 0, 5), c.ServerLastModified!.Instant);
        Assert.Equal(NodaTime.Instant.FromUtc(2024, 2, 1, 0, 0).PlusTicks(1_234_560), c.DateClosed!.Instant);
        Assert.Equal(["contact_phone_number"], c.Properties.Keys);
    }

    [Fact]
    public void Renamed_headers_are_mapped_and_a_missing_id_column_says_how()
    {
        var workbook = Workbooks.Build([[S("ID"), S("Phone")], [S("r1"), N("919812345678")]]);
        Assert.Equal(
            ["w.xlsx!Cases:1: error MALFORMED_INPUT: the header has no case id column (`caseid`, `case_id` or `id`), so no case can be read; the headers are: `ID`, `Phone`. "
                + "If one of them holds the case id, map it: `--column caseid=HEADER`, or `columns: {caseid: HEADER}` in the project file"],
            Read(workbook, "w.xlsx").Diagnostics());
        var options = new CaseReadOptions { Columns = new Dictionary<string, string> { ["caseid"] = "ID", ["contact_phone_number"] = "Phone" } };
        var c = Assert.Single(Read(workbook, "w.xlsx", options).Accepted());
        Assert.Equal(("r1", "919812345678"), (c.Id, c.Property("contact_phone_number")));
    }

    [Fact]
    public void Duplicate_headers_warn_with_both_positions_and_two_id_columns_are_an_error()
    {
        var results = Read(Encoding.UTF8.GetBytes("caseid,phone,phone\na,1,2\n"), "d.csv");
        Assert.Equal(["d.csv:1: warning DUPLICATE_NAME: the column `phone` is given twice, column 2 (`phone`) and column 3 (`phone`); the later one's values are used"], results.Diagnostics());
        Assert.Equal("2", Assert.Single(results.Accepted()).Property("phone"));
        Assert.Equal(new CaseReadSummary(1, 1, 0, 0), results.Summary());
        var twoIds = Read(Workbooks.Build([[S("caseid"), S("x"), S("case_id")], [S("a"), S("1"), S("b")]]), "t.xlsx");
        Assert.Equal(["t.xlsx!Cases:1: error MALFORMED_INPUT: two columns hold the case id: `caseid` (cell A1) and `case_id` (cell C1); keep one, or map the right one with `--column caseid=HEADER`"], twoIds.Diagnostics());
        Assert.Empty(twoIds.Accepted());
    }
}
