using System.Collections.Immutable;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.RuleFiles;

namespace ContactRules.Auditing;

/// <summary>A channel's totals: how many judged cases it can reach, and its reasons by count.</summary>
internal sealed record ChannelTotals(string Channel, string Title, long Eligible, double Share, ImmutableArray<ReasonTotal> Reasons);

/// <summary>How many cases a reason closed a channel to (or warned about), with the first such case as an example.</summary>
internal sealed record ReasonTotal(string Code, string Title, long Count, string ExampleCaseId, string ExampleMessage)
{
    /// <summary>How many of those cases a certain suggested repair would clear of this reason.</summary>
    public long Fixable { get; init; }
}

/// <summary>
/// One group of cases of the breakdown (an owner, a case type, the user who last changed them): who should
/// fix what, with how many cases each reason blocks there and how many a certain repair would clear.
/// </summary>
internal sealed record GroupTotals(string Group, long Cases, long Unreachable, ImmutableArray<ReasonTotal> Reasons);

/// <summary>What an audit breaks its reasons down by: <c>--by owner|case_type|last_modified_by</c>.</summary>
internal enum AuditBreakdown
{
    Owner,
    CaseType,
    LastModifiedBy,
}

/// <summary>A case that some channel cannot reach, with why, for the report's table.</summary>
internal sealed record UnreachableCase(string CaseId, string Name, ImmutableArray<ChannelVerdict> Closed);

/// <summary>
/// Everything an audit found, in bounded size whatever the input's: totals, per channel the eligible
/// count and share, reasons by count with an example each, the first rejected records with their lines,
/// and the first cases some channel cannot reach (the count of all of them is kept).
/// </summary>
internal sealed record AuditSummary(
    string Input,
    string RulesName,
    long Read,
    long Accepted,
    long Rejected,
    long Problems,
    ImmutableArray<string> RejectedExamples,
    long Contacts,
    ImmutableArray<ChannelTotals> Channels,
    ImmutableArray<ReasonTotal> Reasons,
    ImmutableArray<ReasonTotal> Warnings,
    long UnreachableCount,
    ImmutableArray<UnreachableCase> Unreachable)
{
    /// <summary>Records read but not judged: a later version of the same case was (they are among <see cref="Read"/>).</summary>
    public long Superseded { get; init; }

    /// <summary>What <see cref="Groups"/> breaks the cases down by.</summary>
    public AuditBreakdown Breakdown { get; init; }

    /// <summary>The groups with cases some channel cannot reach, most such cases first (at most <see cref="AuditTally.MaxGroups"/>).</summary>
    public ImmutableArray<GroupTotals> Groups { get; init; } = [];

    /// <summary>How many groups had such cases, of which <see cref="Groups"/> lists the first.</summary>
    public int GroupCount { get; init; }
}

/// <summary>Adds up an audit's items as they stream past (on one thread), into an <see cref="AuditSummary"/>.</summary>
internal sealed class AuditTally
{
    public const int DefaultRejectedExamples = 100;
    public const int DefaultUnreachableRows = 10_000;
    public const int MaxGroups = 100;

    private readonly RuleFile _rules;
    private readonly string _input;
    private readonly int _unreachableRows;
    private readonly Dictionary<string, long> _eligible = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Channel, string Code), Counter> _channelReasons = [];
    private readonly Dictionary<string, Counter> _reasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Counter> _warnings = new(StringComparer.Ordinal);
    private readonly List<string> _rejectedExamples = [];
    private readonly List<UnreachableCase> _unreachable = [];
    private readonly HashSet<string> _codesOfCase = new(StringComparer.Ordinal);
    private long _accepted;
    private long _contacts;
    private long _unreachableCount;
    private readonly AuditBreakdown _breakdown;
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);

    /// <remarks>Items are tallied as they come: a run with <see cref="RunOptions.Redact"/> has masked them already.</remarks>
    public AuditTally(RuleFile rules, string input, int unreachableRows = DefaultUnreachableRows, AuditBreakdown breakdown = AuditBreakdown.Owner)
    {
        _breakdown = breakdown;
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _input = input;
        _unreachableRows = unreachableRows;
        foreach (var channel in rules.Channels)
        {
            _eligible[channel.Id] = 0;
        }
    }

    public void Add(CheckItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Verdict is not { } verdict)
        {
            if (item.Diagnostic is { } diagnostic && _rejectedExamples.Count < DefaultRejectedExamples)
            {
                _rejectedExamples.Add(diagnostic.ToString());
            }
            return;
        }
        _accepted++;
        if (verdict.Contact)
        {
            _contacts++;
        }
        _codesOfCase.Clear();
        var closed = ImmutableArray.CreateBuilder<ChannelVerdict>();
        foreach (var channel in verdict.Channels)
        {
            if (channel.Eligible)
            {
                _eligible[channel.Channel] = _eligible.GetValueOrDefault(channel.Channel) + 1;
                continue;
            }
            closed.Add(channel);
            foreach (var reason in channel.Reasons)
            {
                Count(_channelReasons, (channel.Channel, reason.Code), verdict.CaseId, reason);
                if (_codesOfCase.Add(reason.Code))
                {
                    Count(_reasons, reason.Code, verdict.CaseId, reason);
                }
            }
        }
        foreach (var warning in verdict.Warnings)
        {
            Count(_warnings, warning.Code, verdict.CaseId, warning);
        }
        if (item.Record is { } record)
        {
            var key = GroupOf(record, _breakdown);
            if (!_groups.TryGetValue(key, out var group))
            {
                _groups[key] = group = new Group();
            }
            group.Cases++;
            if (closed.Count > 0)
            {
                group.Unreachable++;
                _codesOfCase.Clear();
                foreach (var reason in closed.SelectMany(c => c.Reasons))
                {
                    if (_codesOfCase.Add(reason.Code))
                    {
                        Count(group.Reasons, reason.Code, verdict.CaseId, reason);
                    }
                }
            }
        }
        if (closed.Count > 0)
        {
            _unreachableCount++;
            if (_unreachable.Count < _unreachableRows)
            {
                _unreachable.Add(new UnreachableCase(verdict.CaseId, item.Record?.Name ?? "", closed.ToImmutable()));
            }
        }
    }

    /// <summary>The summary, with the reader's totals of records read, rejected and input problems.</summary>
    public AuditSummary Build(Contacts.CaseReadSummary totals) => BuildTotals(totals) with
    {
        Superseded = totals.Superseded,
        Breakdown = _breakdown,
        Groups = [.. _groups.Where(g => g.Value.Unreachable > 0)
            .OrderByDescending(g => g.Value.Unreachable).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaxGroups)
            .Select(g => new GroupTotals(g.Key, g.Value.Cases, g.Value.Unreachable, Ordered(g.Value.Reasons.Select(r => (r.Key, r.Value)))))],
        GroupCount = _groups.Count(g => g.Value.Unreachable > 0),
    };

    /// <summary>The group a case falls in: its owner's name (else id), its case type, or who last modified it; "(none)" when the export does not say.</summary>
    public static string GroupOf(Contacts.CaseRecord record, AuditBreakdown breakdown)
    {
        var key = breakdown switch
        {
            AuditBreakdown.CaseType => record.Type,
            AuditBreakdown.LastModifiedBy => record.LastModifiedBy,
            _ => record.OwnerName.Length > 0 && record.OwnerId.Length > 0 ? record.OwnerName + " (" + record.OwnerId + ")"
                : record.OwnerName.Length > 0 ? record.OwnerName : record.OwnerId,
        };
        return string.IsNullOrWhiteSpace(key) ? NoGroup : key;
    }

    public const string NoGroup = "(none)";

    private AuditSummary BuildTotals(Contacts.CaseReadSummary totals)
    {
        var judged = Math.Max(1, _accepted);
        return new AuditSummary(
            _input,
            _rules.Name,
            totals.Read,
            _accepted,
            totals.Rejected,
            totals.Problems,
            [.. _rejectedExamples],
            _contacts,
            [.. _rules.Channels.Select(c => new ChannelTotals(
                c.Id,
                c.Title,
                _eligible[c.Id],
                _accepted == 0 ? 0 : (double)_eligible[c.Id] / judged,
                Ordered(_channelReasons.Where(r => r.Key.Channel == c.Id).Select(r => (r.Key.Code, r.Value)))))],
            Ordered(_reasons.Select(r => (r.Key, r.Value))),
            Ordered(_warnings.Select(r => (r.Key, r.Value))),
            _unreachableCount,
            [.. _unreachable]);
    }

    private ImmutableArray<ReasonTotal> Ordered(IEnumerable<(string Code, Counter Counter)> counts) =>
        [.. counts
            .OrderByDescending(c => c.Counter.Count)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new ReasonTotal(c.Code, _rules.Errors.GetValueOrDefault(c.Code)?.Title ?? c.Code, c.Counter.Count, c.Counter.ExampleCaseId, c.Counter.ExampleMessage) { Fixable = c.Counter.Fixable })];

    private static void Count<TKey>(Dictionary<TKey, Counter> counts, TKey key, string caseId, Reason reason)
        where TKey : notnull
    {
        if (counts.TryGetValue(key, out var counter))
        {
            counter.Count++;
        }
        else
        {
            counts[key] = counter = new Counter { Count = 1, ExampleCaseId = caseId, ExampleMessage = reason.Message };
        }
        if (reason.Suggestion?.Confidence == SuggestionConfidence.Certain)
        {
            counter.Fixable++;
        }
    }

    private sealed class Group
    {
        public long Cases { get; set; }

        public long Unreachable { get; set; }

        public Dictionary<string, Counter> Reasons { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Counter
    {
        public long Count { get; set; }

        public long Fixable { get; set; }

        public required string ExampleCaseId { get; init; }

        public required string ExampleMessage { get; init; }
    }
}
