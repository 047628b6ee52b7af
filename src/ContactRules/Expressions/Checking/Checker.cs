using System.Collections.Immutable;
using ContactRules.Expressions.Ast;

namespace ContactRules.Expressions.Checking;

/// <summary>
/// What the checker learned: every problem, the static type of every node, and for each call the
/// function it resolved to (a namespaced call such as <c>phone.isValid(x)</c> resolves to the global
/// function <c>phone.isValid</c>). Node maps use reference identity (nodes are records with value equality).
/// </summary>
public sealed record CheckResult(
    ImmutableArray<ExpressionDiagnostic> Diagnostics,
    CelType ResultType,
    IReadOnlyDictionary<Expr, CelType> Types,
    IReadOnlyDictionary<CallExpr, FunctionDecl> Functions);

/// <summary>Checks an expression against an environment's declarations before it is compiled.</summary>
public static class Checker
{
    // STUB: replaced by the type checker.
    public static CheckResult Check(Expr expression, CelEnvironment environment) => throw new NotImplementedException();
}
