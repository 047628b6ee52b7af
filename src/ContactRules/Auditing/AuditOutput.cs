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
    private const int TextGroups = 20;

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
                text.Append("  ").Append(Count(reason.Count)).Append("  ").Append(reason.Code).Append("  ");
                if (reason.Fixable > 0)
                {
                    text.Append(Messages.AuditFixable(reason.Fixable, reason.Opened, channel.Title)).Append("  ");
                }
                text.Append(Messages.AuditExample(reason.ExampleCaseId, reason.ExampleMessage)).Append('\n');
            }
        }
        if (summary.Groups.Any(g => g.Blocked > 0))
        {
            text.Append('\n').Append(Messages.AuditBreakdownHeading(ByName(summary.Breakdown))).Append('\n');
            // The text keeps to the groups with most blocked cases; JSON and the report have them all.
            var blocked = summary.Groups.Where(g => g.Blocked > 0).ToList();
            foreach (var group in blocked.Take(TextGroups))
            {
                text.Append("  ").Append(Messages.AuditGroup(group.Key, group.Name, group.Cases, group.Blocked)).Append(": ")
                    .Append(string.Join("; ", group.Reasons.Select(r => Messages.AuditGroupReason(r.Code, r.Count, r.Fixable)))).Append('\n');
            }
            if (blocked.Count > TextGroups)
            {
                text.Append("  ").Append(Messages.AuditMoreGroups(blocked.Count - TextGroups)).Append('\n');
            }
        }
        if (!summary.AfterRepairs.IsEmpty)
        {
            text.Append('\n').Append(Messages.AuditAfterHeading).Append('\n');
            foreach (var (before, after) in summary.Channels.Zip(summary.AfterRepairs))
            {
                text.Append("  ").Append(before.Title.PadRight(width)).Append("  ").Append(Messages.AuditBeforeAfter(before.Eligible, after.Eligible)).Append('\n');
            }
        }
        if (!summary.Warnings.IsEmpty)
        {
            text.Append('\n').Append(Messages.AuditWarningsHeading).Append('\n');
            foreach (var warning in summary.Warnings)
            {
                text.Append("  ").Append(Count(warning.Count)).Append("  ").Append(warning.Code).Append("  ")
                    .Append(Messages.AuditExample(warning.ExampleCaseId, warning.ExampleMessage)).Append('\n');
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
            json.WriteString("by", ByName(summary.Breakdown));
            json.WriteNumber("group_count", summary.GroupCount);
            json.WriteStartArray("groups");
            foreach (var group in summary.Groups)
            {
                json.WriteStartObject();
                json.WriteString("key", group.Key);
                json.WriteString("name", group.Name);
                json.WriteNumber("cases", group.Cases);
                json.WriteNumber("blocked", group.Blocked);
                json.WriteStartArray("reasons");
                foreach (var reason in group.Reasons)
                {
                    json.WriteStartObject();
                    json.WriteString("code", reason.Code);
                    json.WriteNumber("count", reason.Count);
                    json.WriteNumber("fixable", reason.Fixable);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (!summary.AfterRepairs.IsEmpty)
            {
                json.WriteStartObject("after_repairs");
                foreach (var (before, after) in summary.Channels.Zip(summary.AfterRepairs))
                {
                    json.WriteStartObject(after.Channel);
                    json.WriteNumber("before", before.Eligible);
                    json.WriteNumber("after", after.Eligible);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
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
            if (reason.Opened > 0)
            {
                json.WriteNumber("opened_by_repairs", reason.Opened);
            }
            json.WriteString("example_case_id", reason.ExampleCaseId);
            json.WriteString("example_message", reason.ExampleMessage);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The name <c>--by</c> takes for a breakdown.</summary>
    public static string ByName(AuditBreakdown breakdown) => breakdown switch
    {
        AuditBreakdown.CaseType => "case_type",
        AuditBreakdown.LastModifiedBy => "last_modified_by",
        _ => "owner",
    };

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture).PadLeft(8);
}
