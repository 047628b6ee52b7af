using System.Collections.Immutable;
using ContactRules.Expressions.Ast;
using ContactRules.Text;
using Sprache;

namespace ContactRules.Expressions.Parsing;

/// <summary>The outcome of parsing: an expression when the text is well formed, and every syntax error found.</summary>
public sealed record ParseResult(Expr? Expression, ImmutableArray<ExpressionDiagnostic> Diagnostics);

/// <summary>
/// Parses CEL source text into an <see cref="Expr"/> with Sprache: the <see cref="Lexer"/> turns the text into
/// tokens, the <see cref="Grammar"/> turns tokens into the tree. Never throws; every problem is a diagnostic,
/// and <see cref="ParseResult.Expression"/> is null when there is any.
/// </summary>
public static class ExpressionParser
{
    private static readonly Parser<Grammar.Parsed> Root =
        from expression in Grammar.Expression
        from end in Tok.End
        select expression;

    public static ParseResult Parse(string source)
    {
        source ??= "";
        var context = new ParseContext(source, Lexer.Tokenize(source));
        foreach (var token in context.Tokens)
        {
            context.Diagnostics.AddRange(token.Errors);
        }
        var result = Root(new TokenInput(context, 0));
        Expr? expression = null;
        if (result.WasSuccessful)
        {
            expression = result.Value.Expr;
            CheckTree(expression, context);
        }
        else if (!context.TooDeep)
        {
            context.Diagnostics.Add(Grammar.Unexpected(result.Remainder, result.Expectations));
        }
        if (context.Diagnostics.Count == 0)
        {
            return new ParseResult(expression, []);
        }
        var diagnostics = context.Diagnostics
            .Distinct()
            .OrderBy(d => d.Span.Start)
            .ToImmutableArray();
        return new ParseResult(null, diagnostics);
    }

    /// <summary>
    /// What the grammar cannot see locally: a tree deeper than <see cref="Grammar.MaxDepth"/> (long operator chains
    /// nest without recursion in the parser, but the stages after it recurse), and the literal
    /// 9223372036854775808 where no minus made it the smallest int.
    /// </summary>
    private static void CheckTree(Expr root, ParseContext context)
    {
        var pending = new Stack<(Expr Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > Grammar.MaxDepth)
            {
                context.Report(node.Span, Messages.NestedTooDeeply(Grammar.MaxDepth));
                return;
            }
            foreach (var child in Children(node))
            {
                pending.Push((child, depth + 1));
            }
            if (node is ConstantExpr { Value: var value } && ReferenceEquals(value, Lexer.IntMinMagnitude))
            {
                context.Report(node.Span, Messages.IntegerOutOfRange);
            }
        }
    }

    private static IEnumerable<Expr> Children(Expr node) => node switch
    {
        SelectExpr select => [select.Operand],
        CallExpr call => call.Target is null ? call.Args : call.Args.Prepend(call.Target),
        ListExpr list => list.Elements,
        MapExpr map => map.Entries.SelectMany(e => new[] { e.Key, e.Value }),
        MacroExpr macro => macro.Filter is null ? [macro.Range, macro.Step] : [macro.Range, macro.Filter, macro.Step],
        _ => [],
    };

    private static class Tok
    {
        public static readonly Parser<Token> End = i =>
        {
            var token = ((TokenInput)i).Token;
            return token.Kind == TokenKind.End
                ? Result.Success(token, i)
                : Result.Failure<Token>(i, Messages.EndOfExpression, [Messages.EndOfExpression]);
        };
    }
}
