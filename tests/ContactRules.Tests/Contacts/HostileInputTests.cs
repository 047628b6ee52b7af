using System.Text;
using ContactRules.Contacts;
using Xunit;

namespace ContactRules.Tests.Contacts;

/// <summary>Issue 10's reader points: nothing lost after a bad record, stated limits, invalid UTF-8 rejected with its place.</summary>
public sealed class HostileInputTests
{
    private static List<CaseReadResult> Read(byte[] bytes, CaseFormat? format = null) =>
        [.. CaseSource.Read(new TrickleStream(bytes, 4096), "in", CaseReadOptions.Default, format)];

    private static List<CaseReadResult> Read(string text, CaseFormat? format = null) => Read(Encoding.UTF8.GetBytes(text), format);

    [Fact]
    public void A_case_nested_too_deeply_is_rejected_and_the_later_cases_are_read()
    {
        var deep = new string('[', 70) + new string(']', 70);
        var results = Read("{\"cases\": [{\"case_id\": \"a\"}, {\"case_id\": \"b\", \"properties\": {\"x\": " + deep + "}},{\"case_id\": \"c\"}, {\"case_id\": \"d\"}]}");
        Assert.Equal(["a", "c", "d"], results.Accepted().Select(c => c.Id));
        var rejected = Assert.Single(results, r => r.Kind == CaseReadKind.Rejected);
        Assert.Contains("depth", rejected.Diagnostic!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new CaseReadSummary(4, 3, 1, 0), results.Summary());
    }

    [Fact]
    public void A_missing_comma_is_reported_and_every_case_is_still_read()
    {
        var results = Read("{\"objects\": [\n{\"case_id\": \"1\"},\n{\"case_id\": \"2\"},\n{\"case_id\": \"3\"}\n{\"case_id\": \"4\"},\n{\"case_id\": \"5\", \"x\": }\n, {\"case_id\": \"6\"}]}");
        Assert.Equal(["1", "2", "3", "4", "6"], results.Accepted().Select(c => c.Id));
        Assert.Contains("in:5: error MALFORMED_INPUT: a comma is missing before this case; reading goes on with it", results.Diagnostics());
        Assert.Contains(results.Diagnostics(), d => d.StartsWith("in:6:", StringComparison.Ordinal) && d.Contains("MALFORMED_RECORD", StringComparison.Ordinal));
        Assert.Equal(new CaseReadSummary(6, 5, 1, 1), results.Summary());
    }

    [Fact]
    public void A_json_line_over_the_record_limit_is_rejected_with_its_line_and_reading_goes_on()
    {
        var huge = "{\"case_id\": \"big\", \"properties\": {\"contact_phone_number\": \"" + new string('9', 3 << 20) + "\"}}";
        var results = Read("{\"case_id\": \"a\"}\n" + huge + "\n{\"case_id\": \"b\"}\n", CaseFormat.JsonLines);
        Assert.Equal(["a", "b"], results.Accepted().Select(c => c.Id));
        var diagnostic = Assert.Single(results.Diagnostics());
        Assert.StartsWith("in:2: error MALFORMED_RECORD: the record has 3145", diagnostic, StringComparison.Ordinal);
        Assert.EndsWith("bytes, more than the limit of 1048576; it is skipped", diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_over_the_value_limit_rejects_its_record()
    {
        var results = Read("caseid,contact_phone_number\na," + new string('1', 70_000) + "\nb,1\n");
        Assert.Equal(["b"], results.Accepted().Select(c => c.Id));
        Assert.Equal(["in:2: error MALFORMED_RECORD: the value of `contact_phone_number` has 70000 characters, more than the limit of 65536; the record is skipped"], results.Diagnostics());
    }

    [Fact]
    public void Invalid_utf8_rejects_the_record_with_its_line_and_byte_offset_in_every_format()
    {
        byte[] Bytes(string before, string after) => [.. Encoding.UTF8.GetBytes(before), 0xFF, .. Encoding.UTF8.GetBytes(after)];
        var jsonl = Read(Bytes("{\"case_id\": \"a\"}\n{\"case_id\": \"", "\"}\n{\"case_id\": \"c\"}\n"), CaseFormat.JsonLines);
        Assert.Equal(["a", "c"], jsonl.Accepted().Select(c => c.Id));
        Assert.Equal(["in:2:14: error MALFORMED_RECORD: the record is not valid UTF-8: byte 0xFF at byte offset 30 of the file; it is skipped"], jsonl.Diagnostics());
        var csv = Read(Bytes("caseid,name\na,Zoë\nb,", "x\nc,C\n"));
        Assert.Equal(["a", "c"], csv.Accepted().Select(c => c.Id));
        Assert.Equal(["in:3: error MALFORMED_RECORD: the record is not valid UTF-8: byte 0xFF at byte offset 2 of the record; it is skipped"], csv.Diagnostics());
        var json = Read(Bytes("[{\"case_id\": \"a\"}, {\"case_id\": \"", "\"}, {\"case_id\": \"c\"}]"));
        Assert.Equal(["a", "c"], json.Accepted().Select(c => c.Id));
        Assert.Equal(["in:1: error MALFORMED_RECORD: the record is not valid UTF-8: byte 0xFF at byte offset 13 of the record; it is skipped"], json.Diagnostics());
    }
}
