using ContactRules.Contacts;
using ContactRules.Evaluation;

namespace ContactRules.Pipeline;

/// <summary>One input item judged by two rule sets.</summary>
public sealed record ComparedItem(CaseReadResult Item, ContactVerdict? Before, ContactVerdict? After);

/// <summary>
/// Judges each case with two rule sets in the same read: one ownership pass for both (only when either
/// asks who owns a number), then one judging pass in which each case is judged by both, in input order.
/// A comparison so costs about one audit, not two.
/// </summary>
public sealed class ComparingRun
{
    private readonly CompiledRules _before;
    private readonly CompiledRules _after;
    private readonly RunOptions _options;
    private readonly int _parallelism;

    public ComparingRun(CompiledRules before, CompiledRules after, RunOptions? options = null)
    {
        _before = before ?? throw new ArgumentNullException(nameof(before));
        _after = after ?? throw new ArgumentNullException(nameof(after));
        _options = options ?? new RunOptions();
        _parallelism = _options.Parallelism > 0 ? _options.Parallelism : Environment.ProcessorCount;
    }

    /// <summary>Totals of the last <see cref="Run"/>, complete once its items are all taken.</summary>
    public CaseReadSummary Summary { get; private set; }

    /// <summary>Streams both verdicts of every case in input order; <paramref name="open"/> is called once, or twice when ownership is settled within the input.</summary>
    public IEnumerable<ComparedItem> Run(Func<IEnumerable<CaseReadResult>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        var contexts = OwnershipPass.Settle([_before, _after], _options, open, _parallelism);
        return Judge(open, contexts[0], contexts[1]);
    }

    private IEnumerable<ComparedItem> Judge(Func<IEnumerable<CaseReadResult>> open, RunContext before, RunContext after)
    {
        Summary = default;
        long taken = 0;
        var trace = _options.Trace;
        var items = OrderedParallel.Map(open(), item => item.Record is { } record
            ? new ComparedItem(item, _before.Evaluate(record, before, trace), _after.Evaluate(record, after, trace))
            : new ComparedItem(item, null, null), _parallelism);
        foreach (var item in items)
        {
            Summary = Summary.Add(item.Item);
            _options.Report(RunPass.Judging, ++taken, final: false);
            yield return item;
        }
        _options.Report(RunPass.Judging, taken, final: true);
    }
}
