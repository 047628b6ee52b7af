using ContactRules.Contacts;
using Xunit;

namespace ContactRules.Tests.Contacts;

[Collection(MeasuresMemory.Name)]
public sealed class JsonCaseReaderTests
{
    private const string ApiResponse = """
        {
          "matching_records": 2,
          "meta": {"limit": 20, "next": null, "nested": [{"case_id": "not-a-case"}]},
          "cases": [
            {
              "case_id": "c1",
              "case_type": "patient",
              "case_name": "Asha",
              "owner_id": "u1",
              "date_opened": "2024-03-01T09:30:00.123456Z",
              "last_modified": "2024-03-05T10:00:00Z",
              "server_last_modified": "2024-03-05T10:00:01.5Z",
              "closed": false,
              "indices": {"parent": {"case_id": "p1"}},
              "properties": {
                "contact_phone_number": 919812345678,
                "contact_phone_number_is_verified": 1,
                "weight": 1e3,
                "big": 123456789012345678901234567890,
                "flag": true,
                "gone": null,
                "tags": ["a", "b"],
                "address": {"city": "Pune"},
                "greeting": "\u0928\u092e\u0938\u094d\u0924\u0947 \"quoted\"",
                "case_name": "Asha"
              }
            },
            {"case_id": "c2", "closed": true, "properties": {}}
          ],
          "next": "https://example.org/?page=2"
        }
        """;

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(7)]
    public void Api_response_yields_each_case_with_text_values(int chunk)
    {
        var results = CaseInput.Read(ApiResponse, CaseFormat.Json, chunk);
        Assert.Empty(results.Diagnostics());
        var cases = results.Accepted();
        Assert.Equal(["c1", "c2"], cases.Select(c => c.Id));
        var c1 = cases[0];
        Assert.Equal("patient", c1.Type);
        Assert.Equal("Asha", c1.Name);
        Assert.Equal("u1", c1.OwnerId);
        Assert.Equal("2024-03-01T09:30:00.123456Z", c1.DateOpened!.Raw);
        Assert.Equal(NodaTime.Instant.FromUtc(2024, 3, 1, 9, 30, 0).PlusNanoseconds(123_456_000), c1.DateOpened.Instant);
        Assert.Equal(NodaTime.Instant.FromUtc(2024, 3, 5, 10, 0, 1).PlusNanoseconds(500_000_000), c1.ServerLastModified!.Instant);
        Assert.False(c1.Closed);
        Assert.Equal("919812345678", c1.Property("contact_phone_number"));
        Assert.Equal("1", c1.Property("contact_phone_number_is_verified"));
        Assert.Equal("1e3", c1.Property("weight"));
        Assert.Equal("123456789012345678901234567890", c1.Property("big"));
        Assert.Equal("true", c1.Property("flag"));
        Assert.Null(c1.Property("gone"));
        Assert.False(c1.Properties.ContainsKey("gone"));
        Assert.Equal("[\"a\", \"b\"]", c1.Property("tags"));
        Assert.Equal("{\"city\": \"Pune\"}", c1.Property("address"));
        Assert.Equal("नमस्ते \"quoted\"", c1.Property("greeting"));
        Assert.Null(c1.Property("indices"));
        Assert.Equal(5, c1.SourceLine);
        Assert.Equal(0, c1.SourceIndex);
        Assert.True(cases[1].Closed);
        Assert.False(cases[1].IsActive);
        Assert.Equal(28, cases[1].SourceLine);
        Assert.Equal(new CaseReadSummary(2, 2, 0, 0), results.Summary());
    }

    [Fact]
    public void A_root_key_escaping_a_lone_surrogate_is_skipped_like_any_other_key()
    {
        // Found by the whole-tool fuzz: System.Text.Json refuses to compare such a key, which ended the run.
        var results = CaseInput.Read("{\"case\\ud800s\": [{\"case_id\": \"x\"}], \"cases\": [{\"case_id\": \"a\"}]}", CaseFormat.Json);
        Assert.Equal(["a"], results.Accepted().Select(c => c.Id));
        Assert.DoesNotContain(results, r => r.Diagnostic is not null);
    }

    [Fact]
    public void Top_level_list_of_cases_is_read()
    {
        var results = CaseInput.Read("[{\"case_id\":\"a\"},\n{\"id\":\"b\",\"deleted\":true}]", CaseFormat.Json);
        Assert.Equal(["a", "b"], results.Accepted().Select(c => c.Id));
        Assert.True(results.Accepted()[1].Deleted);
        Assert.Equal(2, results.Accepted()[1].SourceLine);
    }

    [Fact]
    public void Api_v05_objects_take_standard_fields_from_properties()
    {
        var results = CaseInput.Read(
            """{"meta": {}, "objects": [{"case_id": "a", "closed": false, "date_modified": "2024-01-02T03:04:05Z", "properties": {"case_type": "mother", "case_name": "Wanjiru", "owner_id": "o", "date_opened": "2024-01-01"}}]}""",
            CaseFormat.Json);
        var c = Assert.Single(results.Accepted());
        Assert.Equal("mother", c.Type);
        Assert.Equal("Wanjiru", c.Name);
        Assert.Equal("o", c.OwnerId);
        Assert.Equal(NodaTime.Instant.FromUtc(2024, 1, 1, 0, 0), c.DateOpened!.Instant);
        Assert.Equal(NodaTime.Instant.FromUtc(2024, 1, 2, 3, 4, 5), c.LastModified!.Instant);
        Assert.Equal("mother", c.Property("case_type"));
    }

    [Fact]
    public void Records_that_are_not_cases_are_rejected_and_reading_goes_on()
    {
        const string json = """
            [
              {"case_id": "a"},
              42,
              "text",
              [1, 2],
              null,
              {"case_type": "no id"},
              {"case_id": "  "},
              {"case_id": "b", "closed": "maybe"},
              {"case_id": "c", "properties": [1]},
              {"case_id": {"x": 1}},
              {"case_id": "d", "closed": "TRUE", "deleted": 0}
            ]
            """;
        var results = CaseInput.Read(json, CaseFormat.Json, chunk: 3);
        Assert.Equal(["a", "d"], results.Accepted().Select(c => c.Id));
        Assert.True(results.Accepted()[1].Closed);
        Assert.Equal(
            [
                "in:3: error MALFORMED_RECORD: a case must be a JSON object, found a number; it is skipped",
                "in:4: error MALFORMED_RECORD: a case must be a JSON object, found a string; it is skipped",
                "in:5: error MALFORMED_RECORD: a case must be a JSON object, found a list; it is skipped",
                "in:6: error MALFORMED_RECORD: a case must be a JSON object, found null; it is skipped",
                "in:7: error MALFORMED_RECORD: the record has no case id (`case_id`), so it is skipped",
                "in:8: error MALFORMED_RECORD: the record has no case id (`case_id`), so it is skipped",
                "in:9: error MALFORMED_RECORD: `closed` must be true or false (or 1 or 0), found `maybe`; the record is skipped",
                "in:10: error MALFORMED_RECORD: `properties` must be a JSON object, found a list; the record is skipped",
                "in:11: error MALFORMED_RECORD: `case_id` must be a single value, not an object or a list; the record is skipped",
            ],
            results.Diagnostics());
        Assert.Equal(new CaseReadSummary(11, 2, 9, 0), results.Summary());
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(2)]
    public void Truncated_json_rejects_the_broken_record_and_stops(int chunk)
    {
        var results = CaseInput.Read("[\n{\"case_id\": \"a\"},\n{\"case_id\": \"b\",\n \"properties\": {\"x\": ", CaseFormat.Json, chunk);
        Assert.Equal(["a"], results.Accepted().Select(c => c.Id));
        var rejected = Assert.Single(results, r => r.Kind == CaseReadKind.Rejected);
        // The broken record is named by the line it starts on.
        Assert.Equal("in:3: error MALFORMED_RECORD: the JSON ends in the middle of a value", rejected.Diagnostic!.ToString());
        Assert.Equal(new CaseReadSummary(2, 1, 1, 0), results.Summary());
    }

    [Fact]
    public void Syntax_error_inside_a_record_rejects_it_at_its_line_and_reading_goes_on()
    {
        var results = CaseInput.Read("[\n  {\"case_id\": \"a\"},\n  {\"case_id\": \"b\" \"x\": 1},\n  {\"case_id\": \"c\"}\n]", CaseFormat.Json);
        Assert.Equal(["a", "c"], results.Accepted().Select(c => c.Id));
        // The column counts from the start of the record (line 3, column 3), as for a JSON line.
        Assert.Equal(
            ["in:3:17: error MALFORMED_RECORD: invalid JSON: '\"' is invalid after a value. Expected either ',', '}', or ']'"],
            results.Diagnostics());
        Assert.Equal(new CaseReadSummary(3, 2, 1, 0), results.Summary());
    }

    [Fact]
    public void Syntax_error_between_records_is_a_problem_not_a_record()
    {
        var results = CaseInput.Read("[{\"case_id\": \"a\"}\n {\"case_id\": \"b\"}]", CaseFormat.Json);
        Assert.Equal(["a", "b"], results.Accepted().Select(c => c.Id));
        var problem = Assert.Single(results, r => r.Kind == CaseReadKind.Problem);
        Assert.Equal("in:2: error MALFORMED_INPUT: a comma is missing before this case; reading goes on with it", problem.Diagnostic!.ToString());
        Assert.Equal(new CaseReadSummary(2, 2, 0, 1), results.Summary());
    }

    [Theory]
    [InlineData("{\"meta\": {}}", "in:1: error MALFORMED_INPUT: expected a list of cases, or an object with a `cases` list")]
    [InlineData("{\"cases\": {\"case_id\": \"a\"}}", "in:1: error MALFORMED_INPUT: `cases` must be a list, found an object")]
    [InlineData("\"cases\"", "in:1: error MALFORMED_INPUT: expected a list of cases, or an object with a `cases` list")]
    public void Input_without_a_case_list_is_one_problem(string json, string expected)
    {
        var results = CaseInput.Read(json, CaseFormat.Json);
        Assert.Equal([expected], results.Diagnostics());
    }

    [Fact]
    public void Trailing_content_after_the_document_is_reported()
    {
        var results = CaseInput.Read("[{\"case_id\": \"a\"}]\n[]", CaseFormat.Json);
        Assert.Single(results.Accepted());
        Assert.StartsWith("in:2:1: error MALFORMED_INPUT: invalid JSON: ", Assert.Single(results.Diagnostics()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    [InlineData("[]")]
    [InlineData("{\"cases\": []}")]
    public void Empty_input_has_no_records_and_no_diagnostics(string json)
    {
        var results = CaseInput.Read(json, CaseFormat.Json);
        Assert.Empty(results);
    }

    [Fact]
    public void Byte_order_mark_and_CRLF_are_handled()
    {
        var results = CaseInput.Read("\uFEFF[\r\n{\"case_id\": \"a\"},\r\n{\"case_id\": \"b\"}\r\n]\r\n", CaseFormat.Json);
        Assert.Equal([2, 3], results.Accepted().Select(c => c.SourceLine));
    }

    [Fact]
    public void Record_larger_than_the_buffer_is_read_whole()
    {
        // Three values just under the value limit make a record of 180 KB, more than the first buffer's 64 KB.
        var big = new string('x', 60_000);
        var results = CaseInput.Read(
            $"[{{\"case_id\": \"a\", \"properties\": {{\"note\": \"{big}\", \"n2\": \"{big}\", \"n3\": \"{big}\"}}}}, {{\"case_id\": \"b\"}}]", CaseFormat.Json, chunk: 5000);
        Assert.Equal(big, results.Accepted()[0].Property("note"));
        Assert.Equal(big, results.Accepted()[0].Property("n3"));
        Assert.Equal("b", results.Accepted()[1].Id);
    }

    [Fact]
    public void Two_hundred_thousand_cases_stream_through_a_non_seekable_stream()
    {
        const int count = 200_000;
        using var stream = new GeneratedCasesStream(count);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var summary = default(CaseReadSummary);
        var maxLine = 0;
        long peak = 0;
        foreach (var result in CaseSource.Read(stream, "generated"))
        {
            summary = summary.Add(result);
            maxLine = Math.Max(maxLine, result.Record?.SourceLine ?? 0);
            if (summary.Read % 50_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }
        Assert.Equal(new CaseReadSummary(count, count, 0, 0), summary);
        Assert.Equal(count + 1, maxLine);
        Assert.True(stream.BytesServed > 30_000_000, "the generated input is large");
        // The whole input is ~35 MB; holding it (or its records) would show here.
        Assert.True(peak < 8_000_000, $"memory grew by {peak} bytes");
    }

    /// <summary>Produces <c>{"cases": [ ... ]}</c> with one case per line, generated as it is read.</summary>
    private sealed class GeneratedCasesStream(int count) : ContactRules.Contacts.ReadOnlyStream
    {
        private byte[] _pending = "{\"cases\": [\n"u8.ToArray();
        private int _offset;
        private int _next;

        public long BytesServed { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            if (_offset == _pending.Length)
            {
                if (_next > count)
                {
                    return 0;
                }
                _pending = _next == count
                    ? "]}\n"u8.ToArray()
                    : System.Text.Encoding.UTF8.GetBytes(string.Create(
                        System.Globalization.CultureInfo.InvariantCulture,
                        $"{(_next > 0 ? "," : "")}{{\"case_id\": \"case-{_next:D7}\", \"case_type\": \"contact\", \"closed\": false, \"date_opened\": \"2024-01-01T00:00:00Z\", \"properties\": {{\"contact_phone_number\": {919800000000L + _next}, \"contact_phone_number_is_verified\": \"1\", \"time_zone\": \"Asia/Kolkata\", \"language_code\": \"hin\"}}}}\n"));
                _offset = 0;
                _next++;
            }
            var n = Math.Min(buffer.Length, _pending.Length - _offset);
            _pending.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            BytesServed += n;
            return n;
        }
    }
}
