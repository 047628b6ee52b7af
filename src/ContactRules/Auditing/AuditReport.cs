using System.Globalization;
using System.Net;
using ContactRules.Evaluation;
using ContactRules.Text;

namespace ContactRules.Auditing;

/// <summary>
/// The audit as one self-contained HTML file to share: the summary, an inline-SVG bar chart of reasons per
/// channel, and a searchable, sortable table of the cases some channel cannot reach. Nothing is fetched
/// (a Content-Security-Policy forbids it), no external script or font; every value from a case is escaped,
/// and the page's script only reads text, never writes markup.
/// </summary>
internal static class AuditReport
{
    private const int ChartWidth = 760;
    private const int LabelWidth = 250;
    private const int BarHeight = 18;
    private const int Gap = 6;

    public static void Write(TextWriter html, AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(summary);
        html.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        html.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        html.Write(E(Messages.ReportTitle(summary.Input)));
        html.Write("</title>\n<style>\n");
        html.Write(Style);
        html.Write("</style>\n</head>\n<body>\n<h1>");
        html.Write(E(Messages.ReportTitle(summary.Input)));
        html.Write("</h1>\n<p id=\"totals\">");
        html.Write(E(Messages.AuditTotals(summary.Input, summary.RulesName, summary.Read, summary.Accepted, summary.Rejected, summary.Contacts)));
        html.Write("</p>\n");
        Channels(html, summary);
        Chart(html, summary);
        Breakdown(html, summary);
        Warnings(html, summary);
        Rejected(html, summary);
        Table(html, summary);
        html.Write("<script>\n");
        html.Write(Script);
        html.Write("</script>\n</body>\n</html>\n");
    }

    /// <summary>A table's opening and its header row, up to the body's first row.</summary>
    private static void TableStart(TextWriter html, string attributes, params string[] columns)
    {
        html.Write("<table ");
        html.Write(attributes);
        html.Write("><thead><tr>");
        foreach (var column in columns)
        {
            html.Write("<th>");
            html.Write(E(column));
            html.Write("</th>");
        }
        html.Write("</tr></thead>\n<tbody>\n");
    }

    private static void Channels(TextWriter html, AuditSummary summary)
    {
        html.Write("<h2>");
        html.Write(E(Messages.ReportChannelsHeading));
        html.Write("</h2>\n");
        TableStart(html, "class=\"totals\"", Messages.ReportChannelColumn, Messages.ReportEligibleColumn, Messages.ReportShareColumn, Messages.ReportTopReasonColumn);
        foreach (var channel in summary.Channels)
        {
            html.Write("<tr><td>");
            html.Write(E(channel.Title));
            html.Write("</td><td class=\"n\">");
            html.Write(N(channel.Eligible));
            html.Write("</td><td class=\"n\">");
            html.Write(E(AuditSummaryFormat.Percent(channel.Share)));
            html.Write("</td><td>");
            if (channel.Reasons.FirstOrDefault() is { } top)
            {
                html.Write("<code>");
                html.Write(E(top.Code));
                html.Write("</code> ");
                html.Write(E(Messages.AuditExample(top.ExampleCaseId, top.ExampleMessage)));
            }
            html.Write("</td></tr>\n");
        }
        html.Write("</tbody></table>\n");
    }

    private static void Chart(TextWriter html, AuditSummary summary)
    {
        var max = summary.Channels.SelectMany(c => c.Reasons).Select(r => r.Count).DefaultIfEmpty(1).Max();
        var rows = summary.Channels.Sum(c => c.Reasons.Length + 1);
        var height = Math.Max(1, rows) * (BarHeight + Gap) + Gap;
        html.Write("<h2>");
        html.Write(E(Messages.ReportChartHeading));
        html.Write("</h2>\n<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"");
        html.Write(N(ChartWidth));
        html.Write("\" height=\"");
        html.Write(N(height));
        html.Write("\" viewBox=\"0 0 ");
        html.Write(N(ChartWidth));
        html.Write(' ');
        html.Write(N(height));
        html.Write("\"><title>");
        html.Write(E(Messages.ReportChartHeading));
        html.Write("</title>\n");
        var y = Gap;
        var barSpace = ChartWidth - LabelWidth - 80;
        foreach (var channel in summary.Channels)
        {
            html.Write("<text class=\"channel\" x=\"0\" y=\"");
            html.Write(N(y + BarHeight - 5));
            html.Write("\">");
            html.Write(E(channel.Title));
            html.Write("</text>\n");
            y += BarHeight + Gap;
            foreach (var reason in channel.Reasons)
            {
                var width = Math.Max(1, (int)Math.Round((double)reason.Count / max * barSpace));
                html.Write("<g class=\"bar\"><title>");
                html.Write(E(channel.Title + ": " + reason.Code + " " + N(reason.Count)));
                html.Write("</title><text x=\"12\" y=\"");
                html.Write(N(y + BarHeight - 5));
                html.Write("\">");
                html.Write(E(reason.Code));
                html.Write("</text><rect x=\"");
                html.Write(N(LabelWidth));
                html.Write("\" y=\"");
                html.Write(N(y));
                html.Write("\" width=\"");
                html.Write(N(width));
                html.Write("\" height=\"");
                html.Write(N(BarHeight));
                html.Write("\"/><text x=\"");
                html.Write(N(LabelWidth + width + 6));
                html.Write("\" y=\"");
                html.Write(N(y + BarHeight - 5));
                html.Write("\">");
                html.Write(N(reason.Count));
                html.Write("</text></g>\n");
                y += BarHeight + Gap;
            }
        }
        html.Write("</svg>\n");
    }

    private static void Breakdown(TextWriter html, AuditSummary summary)
    {
        var groups = summary.Groups.Where(g => g.Blocked > 0).ToList();
        if (groups.Count == 0)
        {
            return;
        }
        html.Write("<h2>");
        html.Write(E(Messages.ReportBreakdownHeading));
        html.Write("</h2>\n<p>");
        html.Write(E(Messages.AuditBreakdownHeading(AuditSummaryFormat.ByName(summary.Breakdown))));
        html.Write("</p>\n");
        TableStart(html, "id=\"groups\" class=\"totals\"", Messages.ReportGroupColumn, Messages.ReportCasesColumn, Messages.ReportBlockedColumn, Messages.ReportReasonsColumn);
        foreach (var group in groups)
        {
            html.Write("<tr><td>");
            html.Write(E(Messages.ReportGroup(group.Key, group.Name)));
            html.Write("</td><td class=\"n\">");
            html.Write(N(group.Cases));
            html.Write("</td><td class=\"n\">");
            html.Write(N(group.Blocked));
            html.Write("</td><td>");
            html.Write(E(string.Join("; ", group.Reasons.Select(r => Messages.AuditGroupReason(r.Code, r.Count, r.Fixable)))));
            html.Write("</td></tr>\n");
        }
        html.Write("</tbody></table>\n");
    }

    private static void Warnings(TextWriter html, AuditSummary summary) =>
        List(html, Messages.AuditWarningsHeading, summary.Warnings, (html, warning) =>
        {
            html.Write("<code>");
            html.Write(E(warning.Code));
            html.Write("</code> ");
            html.Write(N(warning.Count));
            html.Write(" — ");
            html.Write(E(Messages.AuditExample(warning.ExampleCaseId, warning.ExampleMessage)));
        });

    private static void Rejected(TextWriter html, AuditSummary summary) =>
        List(html, Messages.ReportRejectedHeading, summary.RejectedExamples, (html, rejected) => html.Write(E(rejected)));

    /// <summary>A heading and a bulleted list of <paramref name="items"/>; nothing at all when there are none.</summary>
    private static void List<T>(TextWriter html, string heading, IReadOnlyCollection<T> items, Action<TextWriter, T> item)
    {
        if (items.Count == 0)
        {
            return;
        }
        html.Write("<h2>");
        html.Write(E(heading));
        html.Write("</h2>\n<ul>\n");
        foreach (var each in items)
        {
            html.Write("<li>");
            item(html, each);
            html.Write("</li>\n");
        }
        html.Write("</ul>\n");
    }

    private static void Table(TextWriter html, AuditSummary summary)
    {
        html.Write("<h2>");
        html.Write(E(Messages.ReportTableHeading));
        html.Write("</h2>\n<p>");
        html.Write(E(Messages.ReportTableNote(summary.Unreachable.Length, summary.UnreachableCount)));
        html.Write("</p>\n<p><label>");
        html.Write(E(Messages.ReportSearchLabel));
        html.Write(" <input id=\"search\" type=\"search\" autocomplete=\"off\"></label> <span id=\"shown\">");
        html.Write(N(summary.Unreachable.Length));
        html.Write("</span> ");
        html.Write(E(Messages.ReportShownSuffix));
        html.Write("</p>\n");
        TableStart(html, "id=\"unreachable\"", [Messages.ReportCaseColumn, Messages.ReportNameColumn, .. summary.Channels.Select(c => c.Title), Messages.ReportReasonsColumn, Messages.ReportFixColumn]);
        foreach (var row in summary.Unreachable)
        {
            html.Write("<tr><td>");
            html.Write(E(row.CaseId));
            html.Write("</td><td>");
            html.Write(E(row.Name));
            html.Write("</td>");
            foreach (var channel in summary.Channels)
            {
                var closed = row.Closed.FirstOrDefault(c => c.Channel == channel.Channel);
                html.Write(closed is null ? "<td class=\"open\">✔</td>" : "<td class=\"closed\">");
                if (closed is not null)
                {
                    html.Write(E(string.Join(' ', closed.Reasons.Select(r => r.Code).Distinct(StringComparer.Ordinal))));
                    html.Write("</td>");
                }
            }
            html.Write("<td>");
            var first = true;
            foreach (var message in row.Closed.SelectMany(c => c.Reasons).Select(r => r.Message).Distinct(StringComparer.Ordinal))
            {
                if (!first)
                {
                    html.Write("<br>");
                }
                html.Write(E(message));
                first = false;
            }
            html.Write("</td><td class=\"fix\">");
            first = true;
            foreach (var fix in row.Fixes)
            {
                if (!first)
                {
                    html.Write("<br>");
                }
                html.Write(E(Messages.ReportFix(fix.Property, fix.OldValue, fix.NewValue, fix.Confidence.Name())));
                first = false;
            }
            html.Write("</td></tr>\n");
        }
        html.Write("</tbody></table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2em;line-height:1.4;color:#222}
        table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
        th{background:#f2f2f2}#unreachable th{cursor:pointer;user-select:none}
        th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
        td.n{text-align:right}td.open{color:#176b2c}td.closed{color:#a61b1b;font-family:monospace}
        svg text{font:12px system-ui,sans-serif;fill:#222}svg text.channel{font-weight:bold}svg rect{fill:#c0392b}
        input[type=search]{padding:.2em .4em;min-width:20em}

        """;

    // Reads text and reorders existing rows; never builds markup from data.
    private const string Script = """
        (function () {
          'use strict';
          var table = document.getElementById('unreachable');
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var search = document.getElementById('search');
          var shown = document.getElementById('shown');
          function filter() {
            var query = search.value.toLowerCase();
            var count = 0;
            rows.forEach(function (row) {
              var match = row.textContent.toLowerCase().indexOf(query) >= 0;
              row.hidden = !match;
              if (match) { count++; }
            });
            shown.textContent = String(count);
          }
          search.addEventListener('input', filter);
          var headers = table.tHead.rows[0].cells;
          Array.prototype.forEach.call(headers, function (header, column) {
            header.addEventListener('click', function () {
              var ascending = header.getAttribute('aria-sort') !== 'ascending';
              Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
              header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
              rows.sort(function (a, b) {
                var order = a.cells[column].textContent.localeCompare(b.cells[column].textContent, undefined, { numeric: true });
                return ascending ? order : -order;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        }());

        """;
}
