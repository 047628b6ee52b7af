using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.RuleFiles;

namespace ContactRules.Auditing;

/// <summary>
/// Judges every case of an input of any size on every core, giving verdicts in input order. Like
/// <see cref="CheckRun"/>, without a registry it settles two-way ownership among the input's own cases in
/// two passes (the first finds the claims, the second judges with the owners), both in parallel.
/// </summary>
public sealed class AuditRun
{
    private readonly CompiledRules _rules;
    private readonly IContactRegistry? _registry;
    private readonly IContactRegistry _optOuts;
    private readonly int _parallelism;
    private readonly string[] _requiredForTwoWay;

    /// <summary>The function through which rules see two-way ownership.</summary>
    private const string TwoWayOwnerFunction = "twoWayOwner";

    /// <param name="rules">The compiled rules.</param>
    /// <param name="registry">A registry that knows owners and opt-outs; null to settle ownership within the input.</param>
    /// <param name="parallelism">How many threads judge cases (default: one per core); 1 judges on the caller's thread.</param>
    /// <param name="optOuts">Without <paramref name="registry"/>, where opt-outs come from (only <see cref="IContactRegistry.IsOptedOut"/> is asked); none by default.</param>
    public AuditRun(CompiledRules rules, IContactRegistry? registry = null, int parallelism = 0, IContactRegistry? optOuts = null)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _registry = registry;
        _optOuts = optOuts ?? EmptyContactRegistry.Instance;
        _parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        _requiredForTwoWay = RequiredForTwoWay(rules.Rules);
    }

    /// <summary>Totals of the last <see cref="Run"/>, complete once its items are all taken.</summary>
    public CaseReadSummary Summary { get; private set; }

    /// <summary>Called with the number of items taken so far, every few thousand items and at the end of each pass.</summary>
    public Action<AuditPass, long>? Progress { get; init; }

    /// <summary>
    /// Streams verdicts in input order. <paramref name="open"/> opens the input; it is called twice when
    /// ownership is settled within the input (so it must give the same records each time).
    /// </summary>
    public IEnumerable<CheckItem> Run(Func<IEnumerable<CaseReadResult>> open) =>
        Run(open, _ => (string?)null).Select(r => r.Item);

    /// <summary>
    /// Like <see cref="Run(Func{IEnumerable{CaseReadResult}})"/>, and also formats each verdict on the
    /// judging threads (e.g. the line an output file gets), so the ordered writer only writes.
    /// </summary>
    public IEnumerable<(CheckItem Item, T? Formatted)> Run<T>(Func<IEnumerable<CaseReadResult>> open, Func<ContactVerdict, T> format)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (_registry is not null)
        {
            _rules.Registry = _registry;
        }
        else if (!AsksForOwners(_rules.Rules))
        {
            // Ownership cannot change a verdict of these rules: one pass is enough.
            _rules.Registry = new AuditOwnership(_optOuts);
        }
        else
        {
            // As in CheckRun: claims are judged with the opt-outs but no owners, and without routing.
            var claims = _rules.WithoutRouting();
            claims.Registry = new AuditOwnership(_optOuts);
            var ownership = new AuditOwnership(_optOuts);
            long taken = 0;
            foreach (var claim in OrderedParallel.Map(open(), item => FindClaim(claims, item), _parallelism))
            {
                if (claim is { } c)
                {
                    ownership.Claim(c.Number, c.Record);
                }
                Report(AuditPass.Ownership, ++taken, final: false);
            }
            Report(AuditPass.Ownership, taken, final: true);
            _rules.Registry = ownership;
        }
        return Judge(open(), format);
    }

    private (string Number, CaseRecord Record)? FindClaim(CompiledRules claims, CaseReadResult item) =>
        item.Record is { } record
        && _requiredForTwoWay.All(p => !string.IsNullOrWhiteSpace(record.Property(p)))
        && claims.TwoWayClaim(record) is { } number
            ? (number, record)
            : null;

    /// <summary>Whether any expression of the rules asks who owns a number (only then does ownership matter).</summary>
    internal static bool AsksForOwners(RuleFile rules)
    {
        var expressions = rules.ContactChecks
            .Concat(rules.Properties.SelectMany(p => p.Checks))
            .SelectMany(c => new[] { c.Rule, c.MessageExpression })
            .Concat(rules.Properties.SelectMany(p => new[] { p.Normalize, p.Fallback }));
        return expressions.Any(e => e is not null && e.Source.Contains(TwoWayOwnerFunction, StringComparison.Ordinal));
    }

    /// <summary>
    /// The properties two-way SMS (or a channel it includes) requires: a case missing one cannot claim a
    /// number, so the first pass need not judge it.
    /// </summary>
    private static string[] RequiredForTwoWay(RuleFile rules)
    {
        var channels = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([CheckRun.TwoWayChannel]);
        while (pending.TryPop(out var id))
        {
            if (channels.Add(id) && rules.Channel(id) is { } channel)
            {
                foreach (var included in channel.Includes)
                {
                    pending.Push(included);
                }
            }
        }
        return [.. rules.Properties
            .Where(p => p.Channels.Any(c => channels.Contains(c.Key) && c.Value == Requirement.Required))
            .Select(p => p.Name)];
    }

    private IEnumerable<(CheckItem Item, T? Formatted)> Judge<T>(IEnumerable<CaseReadResult> input, Func<ContactVerdict, T> format)
    {
        Summary = default;
        long taken = 0;
        var items = OrderedParallel.Map(input, item =>
        {
            var verdict = item.Record is { } record ? _rules.Evaluate(record, trace: false) : null;
            return (item, verdict, verdict is null ? default : format(verdict));
        }, _parallelism);
        foreach (var (item, verdict, formatted) in items)
        {
            Summary = Summary.Add(item);
            Report(AuditPass.Judging, ++taken, final: false);
            yield return (new CheckItem(item.Record, verdict, item.Diagnostic), formatted);
        }
        Report(AuditPass.Judging, taken, final: true);
    }

    private void Report(AuditPass pass, long taken, bool final)
    {
        if (Progress is not null && (final || taken % 4096 == 0))
        {
            Progress(pass, taken);
        }
    }
}

/// <summary>The passes of an audit: finding two-way owners, then judging.</summary>
public enum AuditPass
{
    Ownership,
    Judging,
}
