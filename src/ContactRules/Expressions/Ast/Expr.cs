using System.Collections.Immutable;

namespace ContactRules.Expressions.Ast;

/// <summary>
/// A node of a parsed expression. Nodes are immutable and carry their source span; operators are
/// represented as calls to named functions (see <see cref="Operators"/>), as CEL does.
/// </summary>
internal abstract record Expr(TextSpan Span);

/// <summary>A literal: null, bool, int (long), double or string, in its runtime representation.</summary>
internal sealed record ConstantExpr(TextSpan Span, object Value) : Expr(Span);

/// <summary>A simple name: a variable, or the first part of a namespaced function.</summary>
internal sealed record IdentExpr(TextSpan Span, string Name) : Expr(Span);

/// <summary><c>operand.field</c>; with <see cref="IsTest"/>, the macro <c>has(operand.field)</c>.</summary>
internal sealed record SelectExpr(TextSpan Span, Expr Operand, string Field, bool IsTest = false) : Expr(Span);

/// <summary>
/// A call: a global function (<c>size(x)</c>), a receiver call (<c>x.startsWith(y)</c>, <see cref="Target"/> set)
/// or an operator (<c>_+_</c>, <c>_&amp;&amp;_</c>, <c>_[_]</c>, ...).
/// </summary>
internal sealed record CallExpr(TextSpan Span, Expr? Target, string Function, ImmutableArray<Expr> Args) : Expr(Span)
{
    public bool IsOperator => Operators.IsOperator(Function);
}

/// <summary><c>[a, b, c]</c>.</summary>
internal sealed record ListExpr(TextSpan Span, ImmutableArray<Expr> Elements) : Expr(Span);

/// <summary><c>{k: v, ...}</c>.</summary>
internal sealed record MapExpr(TextSpan Span, ImmutableArray<MapEntry> Entries) : Expr(Span);

internal sealed record MapEntry(TextSpan Span, Expr Key, Expr Value);

/// <summary>The comprehension macros, kept as their own node so that traces and messages can name them.</summary>
internal enum MacroKind
{
    /// <summary><c>r.all(x, p)</c>; with two variables <c>r.all(i, v, p)</c>.</summary>
    All,
    /// <summary><c>r.exists(x, p)</c>.</summary>
    Exists,
    /// <summary><c>r.exists_one(x, p)</c> (also spelled <c>existsOne</c>).</summary>
    ExistsOne,
    /// <summary><c>r.map(x, t)</c> or <c>r.map(x, p, t)</c>.</summary>
    Map,
    /// <summary><c>r.filter(x, p)</c>.</summary>
    Filter,
    /// <summary><c>r.transformList(i, v, t)</c> or <c>r.transformList(i, v, p, t)</c>.</summary>
    TransformList,
    /// <summary><c>r.transformMap(k, v, t)</c> or <c>r.transformMap(k, v, p, t)</c>.</summary>
    TransformMap,
}

/// <summary>
/// A comprehension macro over <see cref="Range"/>. <see cref="IterVar2"/> is set for the two-variable
/// forms (index or key first, then value). <see cref="Filter"/> is the optional predicate of
/// <c>map(x, p, t)</c> and <c>transformList/Map(…, p, t)</c>; <see cref="Step"/> is the predicate or
/// the transform.
/// </summary>
internal sealed record MacroExpr(
    TextSpan Span,
    MacroKind Kind,
    Expr Range,
    string IterVar,
    string? IterVar2,
    Expr? Filter,
    Expr Step) : Expr(Span);
