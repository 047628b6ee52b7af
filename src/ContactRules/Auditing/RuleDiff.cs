using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.Text;

namespace ContactRules.Auditing;

/// <summary>Cases that gained or lost a channel for one reason, with a few of them as examples.</summary>
internal sealed record DiffGroup(string Code, string Title, long Count, ImmutableArray<string> Examples);

/// <summary>What a rule change does to one channel: eligible before and after, who gains and loses it, and why.</summary>
internal sealed record ChannelDiff(
    string Channel,
    string Title,
    long EligibleBefore,
    long EligibleAfter,
    long Gained,
    long Lost,
    ImmutableArray<DiffGroup> GainedBecause,
    ImmutableArray<DiffGroup> LostBecause);

/// <summary>The effect of replacing one rule file by another on the cases of an input.</summary>
/// <remarks>Each side is named by its file's path as well as its <c>name:</c>, which a copy keeps.</remarks>
internal sealed record RuleDiffResult(string Input, string OldRules, string NewRules, CaseReadSummary Records, ImmutableArray<ChannelDiff> Channels, string OldPath = "", string NewPath = "");

/// <summary>
/// Judges every case with two rule files and reports, per channel, how many contacts gain and lose
/// eligibility, grouped by the reason that disappears (for a gain) or appears (for a loss), with example
/// cases. Each side settles two-way ownership within the input as an audit does.
/// </summary>
internal static class RuleDiff
{
    public const int ExamplesPerGroup = 3;

    /// <summary>Judges every case of <paramref name="open"/> with both rule files and compares, channel by channel.</summary>
    /// <param name="oldRules">The rules in force.</param>
    /// <param name="newRules">The rules proposed.</param>
    /// <param name="open">Opens the input (called once, or twice when ownership is settled within the input).</param>
    /// <param name="input">The input's name, for the report.</param>
    /// <param name="parallelism">Threads per side (default: one per core).</param>
    /// <param name="registry">A registry both sides ask for owners and opt-outs; null to settle ownership within the input.</param>
    public static RuleDiffResult Run(
        CompiledRules oldRules,
        CompiledRules newRules,
        Func<IEnumerable<CaseReadResult>> open,
        string input,
        int parallelism = 0,
        IContactRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(oldRules);
        ArgumentNullException.ThrowIfNull(newRules);
        ArgumentNullException.ThrowIfNull(open);
        var options = new RunOptions { Registry = registry, Parallelism = parallelism, Trace = false };
        var run = new ComparingRun(oldRules, newRules, options);
        var channels = oldRules.Rules.Channels.Select(c => c.Id)
            .Concat(newRules.Rules.Channels.Select(c => c.Id))
            .Distinct(StringComparer.Ordinal)
            .Select(id => new Tally(id, newRules.Rules.Channel(id)?.Title ?? oldRules.Rules.Channel(id)?.Title ?? id))
            .ToList();

        // One read judges each case by both rule sets (after one ownership pass for both, when needed).
        foreach (var (_, before, after) in run.Run(open))
        {
            if (before is null || after is null)
            {
                continue;
            }
            foreach (var tally in channels)
            {
                tally.Add(before, after);
            }
        }
        return new RuleDiffResult(input, oldRules.Rules.Name, newRules.Rules.Name, run.Summary,
            [.. channels.Select(t => t.Build(oldRules, newRules))], oldRules.Rules.Path, newRules.Rules.Path);
    }

    private sealed class Tally(string channel, string title)
    {
        private readonly Dictionary<string, Group> _gained = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Group> _lost = new(StringComparer.Ordinal);
        private long _before;
        private long _after;
        private long _gainedCount;
        private long _lostCount;

        public void Add(ContactVerdict before, ContactVerdict after)
        {
            var old = before.Channel(channel);
            var now = after.Channel(channel);
            var wasEligible = old?.Eligible ?? false;
            var isEligible = now?.Eligible ?? false;
            _before += wasEligible ? 1 : 0;
            _after += isEligible ? 1 : 0;
            if (wasEligible == isEligible)
            {
                return;
            }
            if (isEligible)
            {
                _gainedCount++;
                Count(_gained, Codes(old), before.CaseId);
            }
            else
            {
                _lostCount++;
                Count(_lost, Codes(now), after.CaseId);
            }
        }

        private static IEnumerable<string> Codes(ChannelVerdict? verdict) =>
            verdict?.Reasons.Select(r => r.Code).Distinct(StringComparer.Ordinal) ?? [Messages.DiffNoSuchChannel];

        private static void Count(Dictionary<string, Group> groups, IEnumerable<string> codes, string caseId)
        {
            foreach (var code in codes)
            {
                var group = groups.TryGetValue(code, out var existing) ? existing : groups[code] = new Group();
                group.Count++;
                if (group.Examples.Count < ExamplesPerGroup)
                {
                    group.Examples.Add(caseId);
                }
            }
        }

        public ChannelDiff Build(CompiledRules oldRules, CompiledRules newRules) => new(
            channel,
            title,
            _before,
            _after,
            _gainedCount,
            _lostCount,
            Groups(_gained, oldRules),
            Groups(_lost, newRules));

        private static ImmutableArray<DiffGroup> Groups(Dictionary<string, Group> groups, CompiledRules rules) =>
            [.. groups
                .OrderByDescending(g => g.Value.Count)
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new DiffGroup(g.Key, rules.Rules.Errors.GetValueOrDefault(g.Key)?.Title ?? g.Key, g.Value.Count, [.. g.Value.Examples]))];
    }

    private sealed class Group
    {
        public long Count { get; set; }

        public List<string> Examples { get; } = [];
    }

    public static string Text(RuleDiffResult diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var text = new StringBuilder();
        text.Append(Messages.DiffHeading(diff.Input, diff.Records.Accepted, Messages.DiffSide(diff.OldPath, diff.OldRules), Messages.DiffSide(diff.NewPath, diff.NewRules))).Append('\n');
        foreach (var channel in diff.Channels)
        {
            text.Append('\n').Append(Messages.DiffChannel(channel.Title, channel.EligibleBefore, channel.EligibleAfter, channel.Gained, channel.Lost)).Append('\n');
            foreach (var group in channel.GainedBecause)
            {
                text.Append("  ").Append(Messages.DiffGained(group.Count, group.Code, group.Examples)).Append('\n');
            }
            foreach (var group in channel.LostBecause)
            {
                text.Append("  ").Append(Messages.DiffLost(group.Count, group.Code, group.Examples)).Append('\n');
            }
        }
        return text.ToString();
    }

    public static string Json(RuleDiffResult diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("input", diff.Input);
            json.WriteString("old_rules", diff.OldRules);
            json.WriteString("new_rules", diff.NewRules);
            json.WriteString("old_rules_path", diff.OldPath);
            json.WriteString("new_rules_path", diff.NewPath);
            json.WriteNumber("judged", diff.Records.Accepted);
            json.WriteNumber("rejected", diff.Records.Rejected);
            json.WriteStartObject("channels");
            foreach (var channel in diff.Channels)
            {
                json.WriteStartObject(channel.Channel);
                json.WriteString("title", channel.Title);
                json.WriteNumber("eligible_before", channel.EligibleBefore);
                json.WriteNumber("eligible_after", channel.EligibleAfter);
                json.WriteNumber("gained", channel.Gained);
                json.WriteNumber("lost", channel.Lost);
                WriteGroups(json, "gained_because", channel.GainedBecause);
                WriteGroups(json, "lost_because", channel.LostBecause);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteGroups(Utf8JsonWriter json, string name, IEnumerable<DiffGroup> groups)
    {
        json.WriteStartArray(name);
        foreach (var group in groups)
        {
            json.WriteStartObject();
            json.WriteString("code", group.Code);
            json.WriteString("title", group.Title);
            json.WriteNumber("count", group.Count);
            json.WriteStartArray("examples");
            foreach (var example in group.Examples)
            {
                json.WriteStringValue(example);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
