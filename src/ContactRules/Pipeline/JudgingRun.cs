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

    /// <summary>Whether personal data is masked in every item before it leaves the run (see <see cref="Auditing.Redaction"/>).</summary>
    public bool Redact { get; init; }

    /// <summary>Told of every check's outcome while judging (not while finding claims), for coverage; none by default.</summary>
    internal CheckRecorder? Observer { get; init; }

    private const int ProgressEvery = 4096;

    /// <summary>Called with the number of items taken so far, every few thousand items and at the end of each pass.</summary>
    public Action<RunPass, long>? Progress { get; init; }

    internal void Report(RunPass pass, long taken, bool final)
    {
        if (Progress is { } progress && (final || taken % ProgressEvery == 0))
        {
            progress(pass, taken);
        }
    }
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
    private RunContext ContextFor(Func<IEnumerable<CaseReadResult>> open) =>
        OwnershipPass.Settle([_rules], _options, open, _parallelism)[0];

    private IEnumerable<(CheckItem Item, T? Formatted)> Judge<T>(Func<IEnumerable<CaseReadResult>> open, Func<ContactVerdict, T> format, RunContext context)
    {
        Summary = default;
        long taken = 0;
        var trace = _options.Trace;
        var redact = _options.Redact;
        var items = OrderedParallel.Map(open(), item =>
        {
            var record = item.Record;
            // Superseded versions carry their record but are not judged: the case's latest version is.
            var verdict = item.Kind == CaseReadKind.Accepted && record is not null ? _rules.Evaluate(record, context, trace) : null;
            var diagnostic = item.Diagnostic;
            if (redact)
            {
                // Masked here, on the data, so no sink can see what it should not.
                if (verdict is not null)
                {
                    (record, verdict) = Auditing.Redaction.Case(_rules, record!, verdict);
                }
                else if (record is not null)
                {
                    record = null;
                }
                diagnostic = diagnostic is null ? null : Auditing.Redaction.Diagnostic(diagnostic);
            }
            return (item, new CheckItem(record, verdict, diagnostic), verdict is null ? default : format(verdict));
        }, _parallelism);
        foreach (var (item, judged, formatted) in items)
        {
            Summary = Summary.Add(item);
            _options.Report(RunPass.Judging, ++taken, final: false);
            yield return (judged, formatted);
        }
        _options.Report(RunPass.Judging, taken, final: true);
    }
}
