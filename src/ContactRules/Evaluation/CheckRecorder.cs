using System.Collections.Immutable;
using ContactRules.Expressions;
using ContactRules.RuleFiles;

namespace ContactRules.Evaluation;

/// <summary>A check's outcome in one evaluation, drawn with the values of its parts.</summary>
internal sealed record CheckEvaluation(RuleCheck Check, bool Passed, string? Drawing);

/// <summary>
/// Told of every check a run evaluates (through its <see cref="RunContext"/>): counts, per check of one rule
/// file, how often it passed and failed, from any number of threads, so coverage can say which checks some
/// case saw pass, fail, or never reached. With <c>draw</c>, it also keeps each evaluation in order with the
/// rule drawn, power-assert style, so a failed test can show the check that decided it even when it passed;
/// drawing is costly and kept in one list, so a drawing recorder serves one thread.
/// </summary>
internal sealed class CheckRecorder
{
    private readonly Dictionary<RuleCheck, int> _index = new(ReferenceEqualityComparer.Instance);
    private readonly long[] _passed;
    private readonly long[] _failed;
    private readonly List<CheckEvaluation>? _drawn;

    public CheckRecorder(RuleFile rules, bool draw = false)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Checks = [.. rules.ContactChecks.Select(c => (Property: (PropertyRule?)null, Check: c))
            .Concat(rules.Properties.SelectMany(p => p.Checks.Select(c => (Property: (PropertyRule?)p, Check: c))))];
        for (var i = 0; i < Checks.Length; i++)
        {
            _index[Checks[i].Check] = i;
        }
        _passed = new long[Checks.Length];
        _failed = new long[Checks.Length];
        _drawn = draw ? [] : null;
    }

    /// <summary>Every check of the rule file in file order: the contact checks, then each property's; with the property it belongs to.</summary>
    public ImmutableArray<(PropertyRule? Property, RuleCheck Check)> Checks { get; }

    /// <summary>How often check <paramref name="index"/> (of <see cref="Checks"/>) passed.</summary>
    public long Passed(int index) => Interlocked.Read(ref _passed[index]);

    /// <summary>How often check <paramref name="index"/> (of <see cref="Checks"/>) failed, an error of evaluation included.</summary>
    public long Failed(int index) => Interlocked.Read(ref _failed[index]);

    /// <summary>With drawing on, every evaluation so far in order; empty otherwise.</summary>
    public IReadOnlyList<CheckEvaluation> Evaluations => _drawn ?? (IReadOnlyList<CheckEvaluation>)[];

    /// <summary>Forgets the evaluations drawn so far (the counts stay).</summary>
    public void ClearEvaluations() => _drawn?.Clear();

    internal void Record(RuleCheck check, bool passed, CompiledExpression rule, Activation activation)
    {
        if (!_index.TryGetValue(check, out var i))
        {
            // A check of another rule file: not this recorder's to count.
            return;
        }
        Interlocked.Increment(ref passed ? ref _passed[i] : ref _failed[i]);
        _drawn?.Add(new CheckEvaluation(check, passed, rule.Explain(activation, ImmutableHashSet<Expressions.Ast.Expr>.Empty)?.Draw()));
    }
}
