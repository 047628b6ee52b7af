using ContactRules.Expressions;
using ContactRules.Expressions.Compilation;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Evaluation;

/// <summary>An expression of a rule file, compiled: evaluated on the fast path, traced only to explain a failure.</summary>
internal sealed class CompiledExpression
{
    private readonly CelProgram? _program;

    public CompiledExpression(CompileResult compiled) => _program = compiled.Program;

    private CompiledExpression() => _program = null;

    /// <summary>Stands in for an expression that did not compile; only used while reporting errors.</summary>
    public static CompiledExpression Failed { get; } = new();

    public object Evaluate(Activation activation) => _program?.Evaluate(activation) ?? new CelError("the expression did not compile");

    /// <summary>The expression drawn with the value of each of its parts, power-assert style.</summary>
    public string? Trace(Activation activation) => _program?.EvaluateTraced(activation).Render();
}
