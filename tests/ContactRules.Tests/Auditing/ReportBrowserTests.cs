using System.Collections.Immutable;
using System.Text.Json;
using ContactRules.Auditing;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using Xunit;

namespace ContactRules.Tests.Auditing;

/// <summary>The HTML report in a real browser: it renders cleanly, has its chart, searches, and shows hostile case values as text.</summary>
public sealed class ReportBrowserTests
{
    private const string Hostile = "<script>window.injected = true; console.error('injected')</script>";

    // Runs after the page's own script; records what a person would see into the DOM for --dump-dom.
    private const string Probe = """
        <script>
        (function () {
          var result = { errors: window.probeErrors };
          var chart = document.getElementById('chart');
          result.bars = chart ? chart.querySelectorAll('rect').length : -1;
          var rows = Array.prototype.slice.call(document.querySelectorAll('#unreachable tbody tr'));
          function visible() { return rows.filter(function (r) { return !r.hidden; }).length; }
          result.rowsBefore = visible();
          var search = document.getElementById('search');
          search.value = 'c-searchable';
          search.dispatchEvent(new Event('input'));
          result.rowsAfterSearch = visible();
          result.shown = document.getElementById('shown').textContent;
          search.value = '';
          search.dispatchEvent(new Event('input'));
          result.rowsAfterClear = visible();
          document.querySelector('#unreachable thead th').click();
          result.firstAfterSort = document.querySelector('#unreachable tbody tr').cells[0].textContent;
          document.querySelector('#unreachable thead th').click();
          result.firstAfterReverseSort = document.querySelector('#unreachable tbody tr').cells[0].textContent;
          result.injected = window.injected === true;
          result.hostileShownAsText = rows.some(function (r) { return r.cells[1].textContent.indexOf('<script>') >= 0; });
          var out = document.createElement('pre');
          out.id = 'probe-result';
          out.textContent = JSON.stringify(result);
          document.body.appendChild(out);
        }());
        </script>
        """;

    private const string ErrorTrap = "<script>window.probeErrors = []; window.addEventListener('error', function (e) { window.probeErrors.push(String(e.message)); });</script>";

    [BrowserFact]
    public void The_report_renders_without_errors_has_its_chart_searches_sorts_and_shows_a_script_as_text()
    {
        var directory = Directory.CreateTempSubdirectory("contactrules-report-").FullName;
        try
        {
            var html = Report();
            Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
            var probed = html.Replace("</title>", "</title>\n" + ErrorTrap, StringComparison.Ordinal)
                .Replace("</body>", Probe + "\n</body>", StringComparison.Ordinal);
            var path = Path.Combine(directory, "report.html");
            File.WriteAllText(path, probed);

            var page = HeadlessChromium.Load(path);

            var start = page.Dom.IndexOf("<pre id=\"probe-result\">", StringComparison.Ordinal);
            Assert.True(start >= 0, "the probe did not run; chromium said:\n" + page.Log);
            var json = page.Dom[(start + "<pre id=\"probe-result\">".Length)..page.Dom.IndexOf("</pre>", start, StringComparison.Ordinal)];
            using var result = JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(json));
            var root = result.RootElement;
            Assert.Empty(root.GetProperty("errors").EnumerateArray());
            Assert.True(root.GetProperty("bars").GetInt32() > 0);
            Assert.Equal(3, root.GetProperty("rowsBefore").GetInt32());
            Assert.Equal(1, root.GetProperty("rowsAfterSearch").GetInt32());
            Assert.Equal("1", root.GetProperty("shown").GetString());
            Assert.Equal(3, root.GetProperty("rowsAfterClear").GetInt32());
            Assert.Equal("c-a-first", root.GetProperty("firstAfterSort").GetString());
            Assert.Equal("c-z-last", root.GetProperty("firstAfterReverseSort").GetString());
            Assert.False(root.GetProperty("injected").GetBoolean());
            Assert.True(root.GetProperty("hostileShownAsText").GetBoolean());
            var consoleLines = page.Log.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
            Assert.True(consoleLines.Count == 0, "console messages:\n" + string.Join('\n', consoleLines));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A report of three cases, all closed to some channel; one is named with a script.</summary>
    private static string Report()
    {
        var rules = RuleSetLoader.Load(null, null, new DiagnosticBag())!;
        var tally = new AuditTally(rules.Rules, "cases.json");
        var summary = default(CaseReadSummary);
        foreach (var (id, name, phone) in new[] { ("c-z-last", "Zed", "15551234567"), ("c-searchable", Hostile, ""), ("c-a-first", "Ann", "0981") })
        {
            var record = new CaseRecord
            {
                Id = id,
                Name = name,
                Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["contact_phone_number"] = phone }.ToImmutableDictionary(),
            };
            summary = summary.Add(CaseReadResult.Accepted(record));
            tally.Add(new CheckItem(record, rules.Evaluate(record, trace: false), null));
        }
        using var writer = new StringWriter();
        AuditReport.Write(writer, tally.Build(summary));
        return writer.ToString();
    }
}
