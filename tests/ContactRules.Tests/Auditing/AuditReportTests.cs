using System.Collections.Immutable;
using ContactRules.Auditing;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using Xunit;

namespace ContactRules.Tests.Auditing;

public sealed class AuditReportTests
{
    [Fact]
    public void The_report_is_self_contained_and_escapes_every_case_value()
    {
        var html = Report(("c-<b>bold</b>", "<script>alert('x')</script>", "<img src=x onerror=alert(1)>"));

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("c-&lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        foreach (var external in new[] { "src=\"", "href=\"http", "@import", "url(", "<link", "@font-face" })
        {
            Assert.DoesNotContain(external, html, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(2, html.Split("<script>").Length);
    }

    [Fact]
    public void The_chart_has_a_bar_per_reason_and_channel()
    {
        var html = Report(("c-1", "One", ""), ("c-2", "Two", "0981"));

        Assert.Contains("<svg id=\"chart\"", html, StringComparison.Ordinal);
        Assert.Contains("<title>One-way SMS: NO_PHONE_NUMBER 1</title>", html, StringComparison.Ordinal);
        Assert.Contains("<title>One-way SMS: PHONE_NUMBER_COUNTRY_CODE 1</title>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Email: NO_EMAIL_ADDRESS 2</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Redacted_reports_mask_numbers_in_messages()
    {
        var rules = RuleSetLoader.Load(null, null, new DiagnosticBag())!;
        var tally = new AuditTally(rules.Rules, "cases.json");
        var record = new CaseRecord { Id = "c-1", Properties = ImmutableDictionary<string, string>.Empty.Add("contact_phone_number", "+91 98123-45678") };
        foreach (var item in new JudgingRun(rules, new RunOptions { Trace = false, Redact = true }).Run(() => [CaseReadResult.Accepted(record)]))
        {
            tally.Add(item);
        }
        using var writer = new StringWriter();

        AuditReport.Write(writer, tally.Build(new CaseReadSummary(1, 1, 0, 0)));

        Assert.DoesNotContain("98123-45678", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("+** *****-**678", writer.ToString(), StringComparison.Ordinal);
    }

    private static string Report(params (string Id, string Name, string Phone)[] cases)
    {
        var rules = RuleSetLoader.Load(null, null, new DiagnosticBag())!;
        var tally = new AuditTally(rules.Rules, "cases.json");
        var summary = default(CaseReadSummary);
        foreach (var (id, name, phone) in cases)
        {
            var record = new CaseRecord { Id = id, Name = name, Properties = ImmutableDictionary<string, string>.Empty.Add("contact_phone_number", phone) };
            summary = summary.Add(CaseReadResult.Accepted(record));
            tally.Add(new CheckItem(record, rules.Evaluate(record, trace: false), null));
        }
        using var writer = new StringWriter();
        AuditReport.Write(writer, tally.Build(summary));
        return writer.ToString();
    }
}
