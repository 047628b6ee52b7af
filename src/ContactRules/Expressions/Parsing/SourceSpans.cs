using ContactRules.Expressions.Ast;

namespace ContactRules.Expressions.Parsing;

/// <summary>
/// Where the parts of a node are in its source. Node spans cover whole expressions (<c>a + b</c>); a message
/// about the operator or the function itself can point at just that with <see cref="NameOf"/>.
/// </summary>
internal static class SourceSpans
{
    /// <summary>
    /// The operator or name of <paramref name="node"/> in <paramref name="source"/> (the text it was parsed from):
    /// <c>+</c> in <c>a + b</c>, <c>?</c> in <c>a ? b : c</c>, <c>[</c> in <c>a[i]</c>, <c>!</c> in <c>!a</c>, the
    /// function name of a call or macro, the field of a selection, <c>has</c> of <c>has(a.b)</c>. Other nodes
    /// (and a source that does not match the node) give the node's own span.
    /// </summary>
    public static TextSpan NameOf(string source, Expr node)
    {
        if (node.Span.End > source.Length)
        {
            return node.Span;
        }
        return node switch
        {
            SelectExpr { IsTest: true } => new TextSpan(node.Span.Start, "has".Length),
            SelectExpr select => FirstAfter(source, select.Operand.Span.End, node.Span.End, TokenKind.Identifier),
            CallExpr { Function: Operators.LogicalNot or Operators.Negate } => new TextSpan(node.Span.Start, 1),
            CallExpr { Function: Operators.Index, Args: [var operand, _] } => FirstAfter(source, operand.Span.End, node.Span.End, TokenKind.LeftBracket),
            CallExpr { IsOperator: true, Args: [var left, ..] } => FirstAfter(source, left.Span.End, node.Span.End, null),
            CallExpr { Target: { } target } => FirstAfter(source, target.Span.End, node.Span.End, TokenKind.Identifier),
            CallExpr call => new TextSpan(node.Span.Start, call.Function.Length),
            MacroExpr macro => FirstAfter(source, macro.Range.Span.End, node.Span.End, TokenKind.Identifier),
            _ => node.Span,
        } is { Length: > 0 } span ? span : node.Span;
    }

    /// <summary>The first token in [from, to) of <paramref name="kind"/>, or (null) the first that is not a closing parenthesis.</summary>
    private static TextSpan FirstAfter(string source, int from, int to, TokenKind? kind)
    {
        foreach (var token in Lexer.Tokenize(source.Substring(from, to - from)))
        {
            if (kind is null ? token.Kind != TokenKind.RightParen : token.Kind == kind)
            {
                return new TextSpan(from + token.Start, token.Length);
            }
        }
        return TextSpan.Empty(from);
    }
}
