using ContactRules.Expressions.Ast;

namespace ContactRules.Expressions.Compilation;

/// <summary>
/// The state of one evaluation: the variables, the comprehension variables (by the slot the compiler gave
/// each), the steps spent, and the trace when tracing. Created per evaluation, so programs share nothing mutable.
/// </summary>
internal sealed class EvaluationContext
{
    private static readonly object?[] NoLocals = [];

    public EvaluationContext(object?[] variables, int localCount, EvaluationLimits limits, List<TracedValue>? trace, object? context = null)
    {
        Variables = variables;
        Context = context;
        Locals = localCount == 0 ? NoLocals : new object?[localCount];
        MaxSteps = limits.MaxSteps;
        MaxCollectionSize = limits.MaxCollectionSize;
        Trace = trace;
    }

    public object?[] Variables { get; private set; }

    /// <summary>The activation's context, for contextual functions.</summary>
    public object? Context { get; private set; }

    public object?[] Locals { get; }

    public long MaxSteps { get; private set; }

    public int MaxCollectionSize { get; private set; }

    public List<TracedValue>? Trace { get; }

    public long Steps { get; private set; }

    public bool OverBudget => Steps > MaxSteps;

    /// <summary>Readies a context without locals or trace for another evaluation (see <see cref="CelProgram.Evaluate"/>).</summary>
    public void Reuse(object?[] variables, EvaluationLimits limits, object? context)
    {
        Variables = variables;
        Context = context;
        MaxSteps = limits.MaxSteps;
        MaxCollectionSize = limits.MaxCollectionSize;
        Steps = 0;
    }

    /// <summary>Spends <paramref name="steps"/>; false once the budget is exhausted, so loops stop at once.</summary>
    public bool Spend(long steps)
    {
        Steps += steps;
        return Steps <= MaxSteps;
    }

    /// <summary>Spends a step per element of a built string or collection; false when it is over the size cap or the budget.</summary>
    public bool SpendOnSize(int size) => Spend(1 + (size >> 4)) && size <= MaxCollectionSize;
}

/// <summary>The value one sub-expression had during a traced evaluation.</summary>
internal sealed record TracedValue(Expr Expression, object Value);
