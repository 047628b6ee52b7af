using System.Collections.Immutable;
using ContactRules.Expressions;
using ContactRules.Expressions.Compilation;
using ContactRules.Expressions.Runtime;
using ContactRules.Text;

namespace ContactRules.Evaluation;

/// <summary>An expression of a rule file, compiled: evaluated on the fast path, traced only to explain a failure.</summary>
internal sealed class CompiledExpression
{
    private readonly CelProgram? _program;
    private readonly ImmutableHashSet<string> _overloads;

    public CompiledExpression(CompileResult compiled)
    {
        _program = compiled.Program;
        // Every overload a call may run: the checker's choice where it made one, else all of the function's.
        _overloads = compiled.Check is { } check
            ? [.. check.Functions.SelectMany(f => check.Overloads.TryGetValue(f.Key, out var chosen) ? [chosen] : f.Value.Overloads).Select(o => o.Id)]
            : [];
    }

    private CompiledExpression()
    {
        _program = null;
        _overloads = [];
    }

    /// <summary>Whether evaluating the expression may call the overload <paramref name="overloadId"/>.</summary>
    public bool Calls(string overloadId) => _overloads.Contains(overloadId);

    /// <summary>Stands in for an expression that did not compile; only used while reporting errors.</summary>
    public static CompiledExpression Failed { get; } = new();

    public object Evaluate(Activation activation) => _program?.Evaluate(activation) ?? new CelError(Messages.ExpressionDidNotCompile);

    /// <summary>The parts of the expression that hold personal data (see <see cref="PersonalParts"/>).</summary>
    public IReadOnlySet<Expressions.Ast.Expr> PersonalParts(bool valueIsPersonal, IReadOnlySet<string> personalProperties) =>
        _program is null ? ImmutableHashSet<Expressions.Ast.Expr>.Empty : Evaluation.PersonalParts.Of(_program.Expression, valueIsPersonal, personalProperties);

    /// <summary>The value of each of the expression's parts, as data, each marked personal or not by <paramref name="personal"/>.</summary>
    public Explanation? Explain(Activation activation, IReadOnlySet<Expressions.Ast.Expr> personal) =>
        _program is null ? null : Explanation.Of(_program.EvaluateTraced(activation), personal.Contains);
}
