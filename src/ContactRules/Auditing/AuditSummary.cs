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
    /// <summary>Of <see cref="Count"/>, the cases where this reason has a certain suggested repair.</summary>
    public long Fixable { get; init; }

    /// <summary>For a channel's reason: the cases it closes the channel to whose every reason there has a certain repair (they would open).</summary>
    public long Opened { get; init; }
}

/// <summary>What the audit breaks reasons down by: who should fix what.</summary>
internal enum AuditBreakdown
{
    /// <summary>The case's <c>owner_id</c> (named by <c>owner_name</c>): the mobile worker or group that owns it.</summary>
    Owner,

    /// <summary>The case type.</summary>
    CaseType,

    /// <summary>The export's <c>last_modified_by_user_username</c>: who last changed the case.</summary>
    LastModifiedBy,
}

/// <summary>One group of the breakdown (an owner, a case type, a user): its cases some reason blocks, and per reason how many are fixable.</summary>
internal sealed record GroupTotals(string Key, string Name, long Cases, long Blocked, ImmutableArray<GroupReason> Reasons);

/// <summary>How many cases of a group a reason blocks some channel of, and of those how many have a certain repair for it.</summary>
internal sealed record GroupReason(string Code, long Count, long Fixable);

/// <summary>A case that some channel cannot reach, with why, for the report's table.</summary>
internal sealed record UnreachableCase(string CaseId, string Name, ImmutableArray<ChannelVerdict> Closed)
{
    /// <summary>The case's repairs with a suggestion (property, old value, new value), for the report's before → after.</summary>
    public ImmutableArray<FixChange> Fixes { get; init; } = [];
}

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

    /// <summary>What <see cref="Groups"/> is broken down by.</summary>
    public AuditBreakdown Breakdown { get; init; }

    /// <summary>Reasons per group (owner by default), the groups with most blocked cases first (at most <see cref="AuditTally.DefaultGroups"/>).</summary>
    public ImmutableArray<GroupTotals> Groups { get; init; } = [];

    /// <summary>With <c>--apply-fixes</c>: the channels' totals once the repairs are applied and the cases judged again; empty otherwise.</summary>
    public ImmutableArray<ChannelTotals> AfterRepairs { get; init; } = [];

    /// <summary>How many groups there were in all (<see cref="Groups"/> may hold fewer).</summary>
    public int GroupCount { get; init; }
}

/// <summary>Adds up an audit's items as they stream past (on one thread), into an <see cref="AuditSummary"/>.</summary>
internal sealed class AuditTally
{
    public const int DefaultRejectedExamples = 100;
    public const int DefaultUnreachableRows = 10_000;
    public const int DefaultGroups = 1_000;

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
    private readonly HashSet<string> _fixableCodesOfCase = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Channel, string Code), long> _channelFixable = [];
    private readonly Dictionary<(string Channel, string Code), long> _channelOpened = [];
    private readonly Dictionary<string, long> _fixable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly AuditBreakdown _breakdown;
    private long _accepted;
    private long _contacts;
    private long _unreachableCount;

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
            // The channel would open when every reason closing it has a certain repair.
            var opens = channel.Reasons.All(IsFixable);
            foreach (var code in channel.Reasons.Select(r => r.Code).Distinct(StringComparer.Ordinal))
            {
                var fixable = channel.Reasons.Any(r => r.Code == code && IsFixable(r));
                Increment(_channelFixable, (channel.Channel, code), fixable);
                Increment(_channelOpened, (channel.Channel, code), opens);
                if (fixable)
                {
                    _fixableCodesOfCase.Add(code);
                }
            }
            foreach (var reason in channel.Reasons)
            {
                Count(_channelReasons, (channel.Channel, reason.Code), verdict.CaseId, reason);
                if (_codesOfCase.Add(reason.Code))
                {
                    Count(_reasons, reason.Code, verdict.CaseId, reason);
                }
            }
        }
        foreach (var code in _fixableCodesOfCase)
        {
            _fixable[code] = _fixable.GetValueOrDefault(code) + 1;
        }
        AddToGroup(item.Record);
        _fixableCodesOfCase.Clear();
        foreach (var warning in verdict.Warnings)
        {
            Count(_warnings, warning.Code, verdict.CaseId, warning);
        }
        if (closed.Count > 0)
        {
            _unreachableCount++;
            if (_unreachable.Count < _unreachableRows)
            {
                _unreachable.Add(new UnreachableCase(verdict.CaseId, item.Record?.Name ?? "", closed.ToImmutable())
                {
                    Fixes = item.Record is { } record ? FixSheet.Changes(record, verdict, SuggestionConfidence.Likely) : [],
                });
            }
        }
    }

    private static bool IsFixable(Reason reason) => reason.Suggestion is { Confidence: SuggestionConfidence.Certain };

    private static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key, bool when)
        where TKey : notnull
    {
        if (when)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }

    private void AddToGroup(Contacts.CaseRecord? record)
    {
        var (key, name) = record is null ? ("", "") : _breakdown switch
        {
            AuditBreakdown.CaseType => (record.Type, record.Type),
            AuditBreakdown.LastModifiedBy => (record.LastModifiedBy, record.LastModifiedBy),
            _ => (record.OwnerId, record.OwnerName),
        };
        if (!_groups.TryGetValue(key, out var group))
        {
            _groups[key] = group = new Group(name);
        }
        group.Cases++;
        if (_codesOfCase.Count > 0)
        {
            group.Blocked++;
        }
        foreach (var code in _codesOfCase)
        {
            var counts = group.Reasons.GetValueOrDefault(code);
            group.Reasons[code] = (counts.Count + 1, counts.Fixable + (_fixableCodesOfCase.Contains(code) ? 1 : 0));
        }
    }

    /// <summary>The summary, with the reader's totals of records read, rejected and input problems.</summary>
    public AuditSummary Build(Contacts.CaseReadSummary totals) => BuildTotals(totals) with
    {
        Superseded = totals.Superseded,
        Breakdown = _breakdown,
        GroupCount = _groups.Count,
        Groups = [.. _groups
            .OrderByDescending(g => g.Value.Blocked)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(DefaultGroups)
            .Select(g => new GroupTotals(g.Key, g.Value.Name, g.Value.Cases, g.Value.Blocked, [.. g.Value.Reasons
                .OrderByDescending(r => r.Value.Count)
                .ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new GroupReason(r.Key, r.Value.Count, r.Value.Fixable))]))],
    };

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
                [.. Ordered(_channelReasons.Where(r => r.Key.Channel == c.Id).Select(r => (r.Key.Code, r.Value)))
                    .Select(r => r with { Fixable = _channelFixable.GetValueOrDefault((c.Id, r.Code)), Opened = _channelOpened.GetValueOrDefault((c.Id, r.Code)) })]))],
            [.. Ordered(_reasons.Select(r => (r.Key, r.Value))).Select(r => r with { Fixable = _fixable.GetValueOrDefault(r.Code) })],
            Ordered(_warnings.Select(r => (r.Key, r.Value))),
            _unreachableCount,
            [.. _unreachable]);
    }

    private ImmutableArray<ReasonTotal> Ordered(IEnumerable<(string Code, Counter Counter)> counts) =>
        [.. counts
            .OrderByDescending(c => c.Counter.Count)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new ReasonTotal(c.Code, _rules.Errors.GetValueOrDefault(c.Code)?.Title ?? c.Code, c.Counter.Count, c.Counter.ExampleCaseId, c.Counter.ExampleMessage))];

    private static void Count<TKey>(Dictionary<TKey, Counter> counts, TKey key, string caseId, Reason reason)
        where TKey : notnull
    {
        if (counts.TryGetValue(key, out var counter))
        {
            counter.Count++;
        }
        else
        {
            counts[key] = new Counter { Count = 1, ExampleCaseId = caseId, ExampleMessage = reason.Message };
        }
    }

    private sealed class Group(string name)
    {
        public string Name { get; } = name;

        public long Cases { get; set; }

        public long Blocked { get; set; }

        public Dictionary<string, (long Count, long Fixable)> Reasons { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Counter
    {
        public long Count { get; set; }

        public required string ExampleCaseId { get; init; }

        public required string ExampleMessage { get; init; }
    }
}
