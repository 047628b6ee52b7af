using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Runtime;
using ContactRules.Text;

namespace ContactRules.Expressions.Compilation;

/// <summary>A compiled expression. Thread-safe; evaluation never throws and never runs past its budget.</summary>
internal sealed class CelProgram
{
    private readonly EvaluationLimits _limits;
    private readonly Node _root;
    private readonly int _localCount;
    private readonly Lazy<(Node Root, int LocalCount)> _traced;

    internal CelProgram(string source, Expr expression, EvaluationLimits limits, Node root, int localCount, Func<(Node, int)> compileTraced)
    {
        Source = source;
        Expression = expression;
        _limits = limits;
        _root = root;
        _localCount = localCount;
        // The traced closure tree is built only when first asked for, so the plain path pays nothing.
        _traced = new Lazy<(Node, int)>(compileTraced, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Source { get; }

    public Expr Expression { get; }

    // Most rules have no comprehension variables: their evaluations on one thread take turns with one
    // context instead of allocating one each. A nested evaluation finds none spare and makes its own.
    [ThreadStatic]
    private static EvaluationContext? t_spare;

    /// <summary>The value of the expression (a <see cref="CelError"/> when evaluation fails).</summary>
    public object Evaluate(Activation activation)
    {
        if (_localCount != 0)
        {
            return Run(_root, new EvaluationContext(activation.Slots, _localCount, _limits, trace: null, activation.Context));
        }
        var context = t_spare ?? new EvaluationContext([], 0, _limits, trace: null);
        t_spare = null;
        context.Reuse(activation.Slots, _limits, activation.Context);
        var value = Run(_root, context);
        context.Reuse([], _limits, null);
        t_spare = context;
        return value;
    }

    /// <summary>Evaluates while recording the value of every sub-expression, in evaluation order.</summary>
    public CelTrace EvaluateTraced(Activation activation)
    {
        var (root, localCount) = _traced.Value;
        var trace = new List<TracedValue>();
        var value = Run(root, new EvaluationContext(activation.Slots, localCount, _limits, trace, activation.Context));
        return new CelTrace(Source, Expression, value, trace);
    }

    private static object Run(Node root, EvaluationContext context)
    {
        object value;
        try
        {
            value = root(context);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
        {
            // A defect, not the expression's fault; evaluation still answers with a value rather than throw.
            return new CelError(Messages.InternalError(e.Message));
        }
        // An error absorbed by && or || must not hide that the budget ran out.
        return context.OverBudget ? new CelError(Messages.BudgetExceeded) : value;
    }
}

/// <summary>The result of a traced evaluation: the value, and the value of every sub-expression evaluated.</summary>
internal sealed class CelTrace(string source, Expr expression, object value, IReadOnlyList<TracedValue> values)
{
    public string Source { get; } = source;

    public Expr Expression { get; } = expression;

    public object Value { get; } = value;

    /// <summary>Every sub-expression evaluated (literals excepted), in evaluation order; macro bodies once per iteration.</summary>
    public IReadOnlyList<TracedValue> Values { get; } = values;

    /// <summary>The last value each node had, by node identity.</summary>
    public IReadOnlyDictionary<Expr, object> LastValues()
    {
        var result = new Dictionary<Expr, object>(ReferenceEqualityComparer.Instance);
        foreach (var (expr, value) in Values)
        {
            result[expr] = value;
        }
        return result;
    }

    /// <summary>The expression with each sub-expression's value printed under it (see <see cref="PowerAssert"/>).</summary>
    public string Render() => PowerAssert.Render(this);
}
