using System.Collections.Immutable;
using ContactRules.Expressions.Ast;

namespace ContactRules.Expressions.Checking;

/// <summary>
/// What the checker learned: every problem, the static type of every node, and for each call the
/// function it resolved to (a namespaced call such as <c>phone.isValid(x)</c> resolves to the global
/// function <c>phone.isValid</c>). Node maps use reference identity (nodes are records with value equality).
/// </summary>
internal sealed record CheckResult(
    ImmutableArray<ExpressionDiagnostic> Diagnostics,
    CelType ResultType,
    IReadOnlyDictionary<Expr, CelType> Types,
    IReadOnlyDictionary<CallExpr, FunctionDecl> Functions)
{
    /// <summary>
    /// For each call whose overload is known statically (exactly one matched the argument types), that overload,
    /// so the compiler can bind it directly instead of choosing at run time.
    /// </summary>
    public IReadOnlyDictionary<CallExpr, FunctionOverload> Overloads { get; init; } =
        ImmutableDictionary<CallExpr, FunctionOverload>.Empty;

    /// <summary>True when the expression passed the check.</summary>
    public bool Success => Diagnostics.IsDefaultOrEmpty;
}

/// <summary>Checks an expression against an environment's declarations before it is compiled.</summary>
internal static class Checker
{
    /// <summary>
    /// Infers the type of every node of <paramref name="expression"/> and reports every problem, each with its
    /// span: unknown names and functions (with "did you mean"), wrong argument counts, statically known type
    /// mismatches and invalid regular-expression literals. Given the <paramref name="source"/> the expression was
    /// parsed from, a problem with an operator, function or field points at just its name. Never throws.
    /// </summary>
    public static CheckResult Check(Expr expression, CelEnvironment environment, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var inference = new TypeInference(environment, source);
        var type = inference.Infer(expression);
        return new CheckResult(inference.Diagnostics, type, inference.Types, inference.Functions)
        {
            Overloads = inference.Overloads,
        };
    }
}
