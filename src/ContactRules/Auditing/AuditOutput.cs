using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ContactRules.Evaluation;
using ContactRules.Generation;
using ContactRules.RuleFiles;
using ContactRules.Text;

namespace ContactRules.Auditing;

/// <summary>Where <c>audit --out</c> writes one line per judged case: JSON lines (the <c>check --format json</c> contract) or CSV.</summary>
internal sealed class AuditResultWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly StreamWriter _writer;
    private readonly bool _isCsv;
    private readonly RuleFile _rules;
    private readonly bool _ownsStream;

    private AuditResultWriter(Stream stream, RuleFile rules, bool csv, bool ownsStream)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _rules = rules;
        _isCsv = csv;
        _writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        if (csv)
        {
            var header = new List<string> { "case_id", "contact" };
            foreach (var channel in rules.Channels)
            {
                header.Add(channel.Id + "_eligible");
                header.Add(channel.Id + "_reasons");
            }
            header.AddRange(["destination", "email_address", "time_zone", "language", "warnings"]);
            _writer.WriteLine(string.Join(',', header));
        }
    }

    /// <summary>A writer for <paramref name="path"/>: CSV when it ends in <c>.csv</c>, JSON lines otherwise.</summary>
    public static AuditResultWriter Create(string path, RuleFile rules)
    {
        ArgumentNullException.ThrowIfNull(path);
        var csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        return new AuditResultWriter(File.Create(path), rules, csv, ownsStream: true);
    }

    /// <summary>A writer to a stream the caller owns.</summary>
    public static AuditResultWriter Create(Stream stream, RuleFile rules, bool csv) => new(stream, rules, csv, ownsStream: false);

    /// <summary>The line for a verdict, without its line break. Safe to call from several threads at once.</summary>
    public string Format(ContactVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (!_isCsv)
        {
            return VerdictJson.ToJsonLine(verdict);
        }
        var fields = new List<string> { verdict.CaseId, Flag(verdict.Contact) };
        foreach (var definition in _rules.Channels)
        {
            var channel = verdict.Channel(definition.Id);
            fields.Add(Flag(channel?.Eligible ?? false));
            fields.Add(channel is null ? "" : string.Join(';', channel.Reasons.Select(r => r.Code).Distinct(StringComparer.Ordinal)));
        }
        var open = verdict.Channels.Where(c => c.Eligible).ToList();
        fields.Add(open.Select(c => c.Destination).FirstOrDefault(d => d is not null) ?? "");
        fields.Add(open.Select(c => c.Email).FirstOrDefault(e => e is not null) ?? "");
        fields.Add(verdict.TimeZone?.Value ?? "");
        fields.Add(verdict.Language?.Value ?? "");
        fields.Add(string.Join(';', verdict.Warnings.Select(w => w.Code)));
        return string.Join(',', fields.Select(f => CaseExportWriter.Quote(SpreadsheetCell.Neutralize(f))));
    }

    /// <summary>Writes a line made by <see cref="Format"/>.</summary>
    public void WriteLine(string line)
    {
        _writer.Write(line);
        _writer.Write('\n');
    }

    /// <summary>Formats and writes a verdict.</summary>
    public void Write(ContactVerdict verdict) => WriteLine(Format(verdict));

    private static string Flag(bool value) => value ? "true" : "false";

    public void Dispose()
    {
        _writer.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
        else
        {
            _stream.Flush();
        }
    }
}

/// <summary>The audit summary as text for people, and as one JSON object.</summary>
internal static class AuditSummaryFormat
{
    public static string Text(AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        text.Append(Messages.AuditTotals(summary.Input, summary.RulesName, summary.Read, summary.Accepted, summary.Rejected, summary.Contacts)).Append(Messages.SupersededNote((int)summary.Superseded)).Append('\n');
        foreach (var rejected in summary.RejectedExamples)
        {
            text.Append("  ").Append(rejected).Append('\n');
        }
        if (summary.Rejected + summary.Problems > summary.RejectedExamples.Length)
        {
            text.Append("  ").Append(Messages.AuditMoreRejected(summary.Rejected + summary.Problems - summary.RejectedExamples.Length)).Append('\n');
        }
        text.Append('\n');
        var width = summary.Channels.Select(c => c.Title.Length).DefaultIfEmpty(0).Max();
        foreach (var channel in summary.Channels)
        {
            text.Append(channel.Title.PadRight(width)).Append("  ").Append(Messages.AuditEligible(channel.Eligible, Percent(channel.Share))).Append('\n');
            foreach (var reason in channel.Reasons)
            {
                text.Append("  ").Append(Count(reason.Count)).Append("  ").Append(reason.Code).Append("  ")
                    .Append(reason.Fixable > 0 ? Messages.AuditFixable(reason.Fixable) : "")
                    .Append(Messages.AuditExample(reason.ExampleCaseId, reason.ExampleMessage)).Append('\n');
            }
        }
        if (!summary.Warnings.IsEmpty)
        {
            text.Append('\n').Append(Messages.AuditWarningsHeading).Append('\n');
            foreach (var warning in summary.Warnings)
            {
                text.Append("  ").Append(Count(warning.Count)).Append("  ").Append(warning.Code).Append("  ")
                    .Append(warning.Fixable > 0 ? Messages.AuditFixable(warning.Fixable) : "")
                    .Append(Messages.AuditExample(warning.ExampleCaseId, warning.ExampleMessage)).Append('\n');
            }
        }
        // The breakdown says little when every case falls in one group (an export without owners).
        if (summary.Groups.Length > 1 || summary.Groups is [{ Group: not AuditTally.NoGroup }])
        {
            const int shown = 10;
            text.Append('\n').Append(Messages.AuditBreakdownHeading(BreakdownName(summary.Breakdown), Math.Min(shown, summary.Groups.Length), summary.GroupCount)).Append('\n');
            foreach (var group in summary.Groups.Take(shown))
            {
                text.Append("  ").Append(Messages.AuditGroup(group.Group, group.Unreachable, group.Cases)).Append('\n');
                foreach (var reason in group.Reasons.Take(5))
                {
                    text.Append("  ").Append(Messages.AuditGroupReason(reason.Code, reason.Count, reason.Fixable)).Append('\n');
                }
            }
        }
        return text.ToString();
    }

    public static string Json(AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("input", summary.Input);
            json.WriteString("rules", summary.RulesName);
            json.WriteStartObject("records");
            json.WriteNumber("read", summary.Read);
            json.WriteNumber("accepted", summary.Accepted);
            json.WriteNumber("rejected", summary.Rejected);
            json.WriteNumber("input_problems", summary.Problems);
            if (summary.Superseded > 0)
            {
                json.WriteNumber("superseded", summary.Superseded);
            }
            json.WriteEndObject();
            json.WriteStartArray("rejected");
            foreach (var rejected in summary.RejectedExamples)
            {
                json.WriteStringValue(rejected);
            }
            json.WriteEndArray();
            json.WriteNumber("contacts", summary.Contacts);
            json.WriteStartObject("channels");
            foreach (var channel in summary.Channels)
            {
                json.WriteStartObject(channel.Channel);
                json.WriteString("title", channel.Title);
                json.WriteNumber("eligible", channel.Eligible);
                json.WriteNumber("share", Math.Round(channel.Share, 4));
                WriteReasons(json, "reasons", channel.Reasons);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            WriteReasons(json, "reasons", summary.Reasons);
            WriteReasons(json, "warnings", summary.Warnings);
            json.WriteNumber("unreachable_on_some_channel", summary.UnreachableCount);
            json.WriteStartObject("breakdown");
            json.WriteString("by", BreakdownName(summary.Breakdown));
            json.WriteNumber("groups", summary.GroupCount);
            json.WriteStartArray("top");
            foreach (var group in summary.Groups)
            {
                json.WriteStartObject();
                json.WriteString("group", group.Group);
                json.WriteNumber("cases", group.Cases);
                json.WriteNumber("unreachable", group.Unreachable);
                WriteReasons(json, "reasons", group.Reasons);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteReasons(Utf8JsonWriter json, string name, IEnumerable<ReasonTotal> reasons)
    {
        json.WriteStartArray(name);
        foreach (var reason in reasons)
        {
            json.WriteStartObject();
            json.WriteString("code", reason.Code);
            json.WriteString("title", reason.Title);
            json.WriteNumber("count", reason.Count);
            json.WriteNumber("fixable", reason.Fixable);
            json.WriteString("example_case_id", reason.ExampleCaseId);
            json.WriteString("example_message", reason.ExampleMessage);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Reach per channel before and after the fix sheet's repairs (<c>audit --apply-fixes</c>).</summary>
    public static string BeforeAfter(AuditSummary summary, IReadOnlyDictionary<string, long> after, FixSheet fixes)
    {
        var text = new StringBuilder();
        text.Append('\n').Append(Messages.AuditAfterRepairsHeading(fixes.CaseCount, fixes.Changes.Count)).Append('\n');
        var width = summary.Channels.Select(c => c.Title.Length).DefaultIfEmpty(0).Max();
        foreach (var channel in summary.Channels)
        {
            text.Append("  ").Append(Messages.AuditBeforeAfter(channel.Title.PadRight(width), channel.Eligible, after.GetValueOrDefault(channel.Channel))).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The name of a breakdown as <c>--by</c> takes it.</summary>
    public static string BreakdownName(AuditBreakdown breakdown) => breakdown switch
    {
        AuditBreakdown.CaseType => "case_type",
        AuditBreakdown.LastModifiedBy => "last_modified_by",
        _ => "owner",
    };

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture).PadLeft(8);
}
