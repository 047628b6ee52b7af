using ContactRules.Contacts;
using ContactRules.Evaluation;

namespace ContactRules.Pipeline;

/// <summary>What a run produced for one input item: a verdict, or a diagnostic for a record or the input.</summary>
public sealed record CheckItem(CaseRecord? Record, ContactVerdict? Verdict, Diagnostics.Diagnostic? Diagnostic);

/// <summary>The passes of a run: finding two-way owners, then judging.</summary>
public enum RunPass
{
    Ownership,
    Judging,
}

/// <summary>How a <see cref="JudgingRun"/> judges: where owners come from, how many threads, whether failures are drawn.</summary>
public sealed record RunOptions
{
    /// <summary>A registry that knows owners and opt-outs; null to settle ownership among the run's own cases.</summary>
    public IContactRegistry? Registry { get; init; }

    /// <summary>Without <see cref="Registry"/>, where opt-outs come from (only <see cref="IContactRegistry.IsOptedOut"/> is asked); none by default.</summary>
    public IContactRegistry? OptOuts { get; init; }

    /// <summary>How many threads judge cases: 1 (the default) judges on the caller's thread, 0 one per core.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Whether failed rules are drawn with the values of their parts (costly; off for large audits).</summary>
    public bool Trace { get; init; } = true;

    /// <summary>Called with the number of items taken so far, every few thousand items and at the end of each pass.</summary>
    public Action<RunPass, long>? Progress { get; init; }
}

/// <summary>
/// The one way every command judges cases: cases in → an ownership pass when the rules ask who owns a number
/// (without a registry, two-way ownership is settled among the run's own cases: the first pass finds who
/// claims which number, <see cref="CompiledRules.TwoWayClaim(CaseRecord, IContactRegistry?)"/>) → judging,
/// on one thread or several, in input order → verdicts out. The compiled rules are never changed: the
/// owners travel in the <see cref="RunContext"/> of each evaluation, so runs may share one rule set at once.
/// </summary>
public sealed class JudgingRun
{
    private const int ProgressEvery = 4096;

    private readonly CompiledRules _rules;
    private readonly RunOptions _options;
    private readonly int _parallelism;

    public JudgingRun(CompiledRules rules, RunOptions? options = null)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _options = options ?? new RunOptions();
        _parallelism = _options.Parallelism > 0 ? _options.Parallelism : Environment.ProcessorCount;
    }

    /// <summary>Totals of the last <see cref="Run"/>, complete once its items are all taken: every record read is accepted or rejected.</summary>
    public CaseReadSummary Summary { get; private set; }

    /// <summary>
    /// Streams verdicts in input order. <paramref name="open"/> opens the input; it is called twice when
    /// ownership is settled within the input (so it must give the same records each time).
    /// </summary>
    public IEnumerable<CheckItem> Run(Func<IEnumerable<CaseReadResult>> open) =>
        Run(open, static _ => (object?)null).Select(r => r.Item);

    /// <summary>
    /// Like <see cref="Run(Func{IEnumerable{CaseReadResult}})"/>, and also formats each verdict on the
    /// judging threads (e.g. the line an output file gets), so the ordered writer only writes.
    /// </summary>
    public IEnumerable<(CheckItem Item, T? Formatted)> Run<T>(Func<IEnumerable<CaseReadResult>> open, Func<ContactVerdict, T> format)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(format);
        return Judge(open, format, ContextFor(open));
    }

    /// <summary>The context of the judging pass: the registry's owners, or those the run's own cases settle.</summary>
    private RunContext ContextFor(Func<IEnumerable<CaseReadResult>> open)
    {
        if (_options.Registry is { } registry)
        {
            return new RunContext(registry);
        }
        var ownership = new TwoWayOwnership(_options.OptOuts);
        if (!_rules.AsksForOwners)
        {
            // Ownership cannot change a verdict of these rules: one pass is enough.
            return new RunContext(ownership);
        }
        var claims = RunContext.ForClaims(ownership);
        long taken = 0;
        foreach (var claim in OrderedParallel.Map(open(), item => FindClaim(claims, item), _parallelism))
        {
            if (claim is { } c)
            {
                ownership.Claim(c.Number, c.Record);
            }
            Report(RunPass.Ownership, ++taken, final: false);
        }
        Report(RunPass.Ownership, taken, final: true);
        return new RunContext(ownership);
    }

    private (string Number, CaseRecord Record)? FindClaim(RunContext claims, CaseReadResult item) =>
        item is { Kind: CaseReadKind.Accepted, Record: { } record } && _rules.TwoWayClaim(record, claims) is { } number ? (number, record) : null;

    private IEnumerable<(CheckItem Item, T? Formatted)> Judge<T>(Func<IEnumerable<CaseReadResult>> open, Func<ContactVerdict, T> format, RunContext context)
    {
        Summary = default;
        long taken = 0;
        var trace = _options.Trace;
        var items = OrderedParallel.Map(open(), item =>
        {
            // Superseded versions carry their record but are not judged: the case's latest version is.
            var verdict = item is { Kind: CaseReadKind.Accepted, Record: { } record } ? _rules.Evaluate(record, context, trace) : null;
            return (item, verdict, verdict is null ? default : format(verdict));
        }, _parallelism);
        foreach (var (item, verdict, formatted) in items)
        {
            Summary = Summary.Add(item);
            Report(RunPass.Judging, ++taken, final: false);
            yield return (new CheckItem(item.Record, verdict, item.Diagnostic), formatted);
        }
        Report(RunPass.Judging, taken, final: true);
    }

    private void Report(RunPass pass, long taken, bool final)
    {
        if (_options.Progress is { } progress && (final || taken % ProgressEvery == 0))
        {
            progress(pass, taken);
        }
    }
}
