using System.Collections.Immutable;
using ContactRules.Expressions.Ast;

namespace ContactRules.Expressions.Parsing;

/// <summary>The outcome of parsing: an expression when the text is well formed, and every syntax error found.</summary>
public sealed record ParseResult(Expr? Expression, ImmutableArray<ExpressionDiagnostic> Diagnostics);

/// <summary>Parses CEL source text into an <see cref="Expr"/> (Sprache).</summary>
public static class ExpressionParser
{
    // STUB: replaced by the Sprache grammar.
    public static ParseResult Parse(string source) => throw new NotImplementedException();
}
