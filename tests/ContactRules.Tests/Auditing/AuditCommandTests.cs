using System.Text.Json;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Auditing;

public sealed class AuditCommandTests
{
    [Fact]
    public void The_json_summary_counts_records_contacts_channels_and_reasons_with_examples()
    {
        var result = CliRunner.Run(null, "audit", "examples/cases.json", "--project", "examples/project.yaml", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(12, root.GetProperty("records").GetProperty("read").GetInt32());
        Assert.Equal(0, root.GetProperty("records").GetProperty("rejected").GetInt32());
        Assert.Equal(11, root.GetProperty("contacts").GetInt32());
        var sms = root.GetProperty("channels").GetProperty("sms");
        Assert.Equal(4, sms.GetProperty("eligible").GetInt32());
        Assert.Equal(0.3333, sms.GetProperty("share").GetDouble());
        var inUse = root.GetProperty("channels").GetProperty("two_way_sms").GetProperty("reasons").EnumerateArray()
            .Single(r => r.GetProperty("code").GetString() == "PHONE_NUMBER_IN_USE");
        Assert.Equal(1, inUse.GetProperty("count").GetInt32());
        Assert.Equal("c-second-claim", inUse.GetProperty("example_case_id").GetString());
    }

    [Fact]
    public void The_text_summary_gives_each_channel_its_share_and_reasons_by_count()
    {
        var result = CliRunner.Run(null, "audit", "examples/cases.csv", "--project", "examples/project.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("12 records read, 12 judged, 0 rejected; 11 are contacts", result.Out, StringComparison.Ordinal);
        Assert.Contains("Two-way SMS  2 eligible (16.7%)", result.Out, StringComparison.Ordinal);
        Assert.Contains("       7  NOT_VERIFIED_FOR_TWO_WAY  e.g. c-john: ", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Judging", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejected_records_are_reported_with_their_lines_and_the_exit_code_says_so()
    {
        const string Input = """
            {"case_id": "a", "properties": {"contact_phone_number": "919812345678"}}
            {"case_id": "b", "properties": 
            {"case_id": "c", "properties": {"contact_phone_number": "254712345678"}}
            """;

        var result = CliRunner.Run(Input, "audit", "-", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(3, json.RootElement.GetProperty("records").GetProperty("read").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("records").GetProperty("rejected").GetInt32());
        Assert.StartsWith("-:2:32: error MALFORMED_RECORD", json.RootElement.GetProperty("rejected")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Results_and_report_are_written_and_redact_masks_numbers_and_addresses_everywhere()
    {
        var directory = Directory.CreateTempSubdirectory("contactrules-audit-").FullName;
        try
        {
            var csv = Path.Combine(directory, "results.csv");
            var jsonl = Path.Combine(directory, "results.jsonl");
            var report = Path.Combine(directory, "report.html");
            var first = CliRunner.Run(null, "audit", "examples/cases.json", "--project", "examples/project.yaml", "--out", csv, "--report", report, "--redact");
            var second = CliRunner.Run(null, "audit", "examples/cases.json", "--project", "examples/project.yaml", "--out", jsonl, "--redact", "--format", "json");

            Assert.Equal(0, first.ExitCode);
            Assert.Equal(0, second.ExitCode);
            var rows = File.ReadAllLines(csv);
            Assert.Equal(13, rows.Length);
            Assert.StartsWith("case_id,contact,sms_eligible,sms_reasons,two_way_sms_eligible,", rows[0], StringComparison.Ordinal);
            Assert.Equal(12, File.ReadAllLines(jsonl).Length);
            foreach (var text in new[] { first.Out, second.Out, File.ReadAllText(csv), File.ReadAllText(jsonl), File.ReadAllText(report) })
            {
                Assert.DoesNotContain("919812345678", text, StringComparison.Ordinal);
                Assert.DoesNotContain("98123-45679", text, StringComparison.Ordinal);
                Assert.DoesNotContain("asha.patil@", text, StringComparison.Ordinal);
            }
            Assert.Contains("+*********678", File.ReadAllText(csv), StringComparison.Ordinal);
            Assert.Contains("***@example.org", File.ReadAllText(jsonl), StringComparison.Ordinal);
            Assert.Contains("<svg id=\"chart\"", File.ReadAllText(report), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("check", "examples/cases.json", "--format", "json")]
    [InlineData("check", "examples/cases.json", "--format", "text")]
    [InlineData("explain", "c-asha", "examples/cases.json")]
    [InlineData("explain", "c-asha", "examples/cases.json", "--format", "json")]
    public void Check_and_explain_redact_too(params string[] arguments)
    {
        var plain = CliRunner.Run(null, arguments);
        var redacted = CliRunner.Run(null, [.. arguments, "--redact"]);

        Assert.Contains("919812345678", plain.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("919812345678", redacted.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("asha.patil@", redacted.Out, StringComparison.Ordinal);
        Assert.Contains("*********678", redacted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_registry_audit_gives_the_verdicts_check_gives()
    {
        var directory = Directory.CreateTempSubdirectory("contactrules-audit-registry-").FullName;
        try
        {
            var registry = Path.Combine(directory, "contacts.db");
            var results = Path.Combine(directory, "results.jsonl");
            Assert.Equal(0, CliRunner.Run(null, "register", "examples/cases.json", "--registry", registry).ExitCode);
            Assert.Equal(0, CliRunner.Run(null, "optout", "add", "254712345678", "--registry", registry).ExitCode);

            var check = CliRunner.Run(null, "check", "examples/cases.json", "--project", "examples/project.yaml", "--registry", registry, "--format", "json");
            var audit = CliRunner.Run(null, "audit", "examples/cases.json", "--project", "examples/project.yaml", "--registry", registry, "--out", results);

            Assert.Equal(0, audit.ExitCode);
            Assert.Equal(check.Out.TrimEnd('\n').Split('\n'), File.ReadAllLines(results));
            Assert.Contains("PHONE_NUMBER_OPTED_OUT", audit.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
