using ContactRules.Contacts;
using Xunit;

namespace ContactRules.Tests.Contacts;

public sealed class JsonLinesAndCsvReaderTests
{
    [Fact]
    public void Json_lines_reject_bad_lines_and_go_on()
    {
        const string jsonl =
            "{\"case_id\": \"a\", \"properties\": {\"contact_phone_number\": 15551234567}}\n" +
            "\n" +
            "{\"case_id\": \"b\", \"x\": }\n" +
            "[1]\n" +
            "{\"case_id\": \"c\"} {\"case_id\": \"d\"}\n" +
            "{\"properties\": {}}\n" +
            "{\"case_id\": \"e\", \"properties\": {\"name\": \"Zoë\"}}\n";
        var results = CaseInput.Read(jsonl, CaseFormat.JsonLines, chunk: 3);
        Assert.Equal(["a", "e"], results.Accepted().Select(c => c.Id));
        Assert.Equal("15551234567", results.Accepted()[0].Property("contact_phone_number"));
        Assert.Equal("Zoë", results.Accepted()[1].Property("name"));
        Assert.Equal([1, 7], results.Accepted().Select(c => c.SourceLine));
        Assert.Equal(
            [
                "in:3:23: error MALFORMED_RECORD: invalid JSON: '}' is an invalid start of a value",
                "in:4: error MALFORMED_RECORD: a case must be a JSON object, found a list; it is skipped",
                "in:5:18: error MALFORMED_RECORD: invalid JSON: '{' is invalid after a single JSON value. Expected end of data",
                "in:6: error MALFORMED_RECORD: the record has no case id (`case_id`), so it is skipped",
            ],
            results.Diagnostics());
        Assert.Equal(new CaseReadSummary(6, 2, 4, 0), results.Summary());
    }

    [Fact]
    public void A_case_api_page_on_one_line_of_json_lines_is_named_as_a_page()
    {
        var results = CaseInput.Read("{\"matching_records\": 1, \"cases\": [{\"case_id\": \"a\"}]}\n{\"case_id\": \"b\"}\n", CaseFormat.JsonLines);
        Assert.Equal(["b"], results.Accepted().Select(c => c.Id));
        var rejected = Assert.Single(results, r => r.Kind == CaseReadKind.Rejected);
        Assert.Contains("Case API page", rejected.Diagnostic!.Message, StringComparison.Ordinal);
        Assert.Contains("`cases`", rejected.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_error_columns_count_characters_not_bytes()
    {
        var results = CaseInput.Read("{\"case_id\": \"नमस्ते\" x}\n", CaseFormat.JsonLines);
        Assert.StartsWith("in:1:22: error MALFORMED_RECORD: invalid JSON: ", Assert.Single(results.Diagnostics()), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_with_byte_order_mark_and_CRLF()
    {
        var results = CaseInput.Read("\uFEFF{\"case_id\": \"a\"}\r\n{\"case_id\": \"b\"}\r\n", CaseFormat.JsonLines);
        Assert.Equal(["a", "b"], results.Accepted().Select(c => c.Id));
        Assert.Empty(results.Diagnostics());
    }

    [Fact]
    public void Csv_export_columns_become_fields_and_properties()
    {
        const string csv =
            "caseid,case_type,name,owner_id,closed,date_opened,properties.contact_phone_number,language_code\n" +
            "c1,patient,Asha,u1,FALSE,2024-03-01 09:30:00,919812345678,hin\n" +
            "c2,patient,\"Doe, \"\"J\"\"\",u1,True,2024-03-02,,\n";
        var results = CaseInput.Read(csv, CaseFormat.Csv, chunk: 5);
        Assert.Empty(results.Diagnostics());
        var cases = results.Accepted();
        Assert.Equal(["c1", "c2"], cases.Select(c => c.Id));
        Assert.Equal("patient", cases[0].Type);
        Assert.Equal("Asha", cases[0].Name);
        Assert.False(cases[0].Closed);
        Assert.Equal(NodaTime.Instant.FromUtc(2024, 3, 1, 9, 30), cases[0].DateOpened!.Instant);
        Assert.Equal("919812345678", cases[0].Property("contact_phone_number"));
        Assert.Equal("hin", cases[0].Property("language_code"));
        Assert.Equal("Doe, \"J\"", cases[1].Name);
        Assert.True(cases[1].Closed);
        Assert.Equal("", cases[1].Property("contact_phone_number"));
        Assert.Equal([2, 3], cases.Select(c => c.SourceLine));
    }

    [Fact]
    public void Csv_rows_with_wrong_field_counts_are_rejected_with_their_line()
    {
        const string csv =
            "case_id,closed,note\r\n" +
            "a,0,\"two\r\nlines\"\r\n" +
            "b,1\r\n" +
            "\r\n" +
            "c,0,x,extra\r\n" +
            ",0,no id\r\n" +
            "d,yes,x\r\n" +
            "e,1,ünïcödé\r\n";
        var results = CaseInput.Read(csv, CaseFormat.Csv);
        Assert.Equal(["a", "e"], results.Accepted().Select(c => c.Id));
        Assert.Equal("two\r\nlines", results.Accepted()[0].Property("note"));
        Assert.Equal("ünïcödé", results.Accepted()[1].Property("note"));
        Assert.Equal(
            [
                "in:4: error MALFORMED_RECORD: the row has 2 fields but the header has 3; it is skipped",
                "in:6: error MALFORMED_RECORD: the row has 4 fields but the header has 3; it is skipped",
                "in:7: error MALFORMED_RECORD: the record has no case id (`case_id`), so it is skipped",
                "in:8: error MALFORMED_RECORD: `closed` must be true or false (or 1 or 0), found `yes`; the record is skipped",
            ],
            results.Diagnostics());
        Assert.Equal(9, results.Accepted()[1].SourceLine);
        Assert.Equal(new CaseReadSummary(6, 2, 4, 0), results.Summary());
    }

    [Fact]
    public void Csv_without_an_id_column_is_one_problem()
    {
        var results = CaseInput.Read("name,closed\nx,0\ny,1\n", CaseFormat.Csv);
        Assert.Equal(
            ["in:1: error MALFORMED_INPUT: the header has no case id column (`caseid`, `case_id` or `id`), so no case can be read; the headers are: `name`, `closed`. "
                + "If one of them holds the case id, map it: `--column caseid=HEADER`, or `columns: {caseid: HEADER}` in the project file"],
            results.Diagnostics());
        Assert.Equal(CaseReadKind.Problem, Assert.Single(results).Kind);
    }

    [Fact]
    public void Csv_with_byte_order_mark()
    {
        var results = CaseInput.Read("\uFEFFcase_id,x\na,1\n", CaseFormat.Csv);
        Assert.Equal("a", Assert.Single(results.Accepted()).Id);
    }

    [Theory]
    [InlineData("[{\"case_id\": \"a\"}]", CaseFormat.Json)]
    [InlineData("  {\"cases\": [{\"case_id\": \"a\"}]}", CaseFormat.Json)]
    [InlineData("{\"cases\": [\n{\"case_id\": \"a\"}]}", CaseFormat.Json)]
    [InlineData("{\"case_id\": \"a\"}\n{\"case_id\": \"b\"}\n", CaseFormat.JsonLines)]
    [InlineData("\uFEFF{\"case_id\": \"a\"}\r\n\r\n{\"case_id\": \"b\"}", CaseFormat.JsonLines)]
    [InlineData("{\"case_id\": \"a\", }\n{\"case_id\": \"b\"}\n", CaseFormat.JsonLines)]
    [InlineData("case_id,closed\na,0\n", CaseFormat.Csv)]
    [InlineData("\uFEFFcaseid\na\n", CaseFormat.Csv)]
    [InlineData("", CaseFormat.Json)]
    public void Format_is_detected_from_content(string text, CaseFormat expected)
    {
        Assert.Equal(expected, CaseSource.Detect(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("cases.json", CaseFormat.Json)]
    [InlineData("x/cases.JSONL", CaseFormat.JsonLines)]
    [InlineData("cases.ndjson", CaseFormat.JsonLines)]
    [InlineData("cases.csv", CaseFormat.Csv)]
    [InlineData("cases.txt", null)]
    [InlineData("-", null)]
    public void Format_comes_from_the_extension(string path, CaseFormat? expected)
    {
        Assert.Equal(expected, CaseSource.FormatFromExtension(path));
    }

    [Fact]
    public void Standard_input_is_sniffed_and_read_whole()
    {
        var text = "{\"case_id\": \"a\"}\n{\"case_id\": \"b\"}\n";
        using var stdin = new TrickleStream(System.Text.Encoding.UTF8.GetBytes(text), 4);
        var results = CaseSource.Open("-", stdin).ToList();
        Assert.Equal(["a", "b"], results.Accepted().Select(c => c.Id));
    }

    [Fact]
    public void Missing_file_is_a_problem_not_an_exception()
    {
        var result = Assert.Single(CaseSource.Open("/nonexistent/cases.json"));
        Assert.Equal(CaseReadKind.Problem, result.Kind);
        Assert.StartsWith("/nonexistent/cases.json: error FILE_UNREADABLE: cannot read the file: ", result.Diagnostic!.ToString(), StringComparison.Ordinal);
    }
}
