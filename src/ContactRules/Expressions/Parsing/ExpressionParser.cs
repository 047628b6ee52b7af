using System.Collections.Immutable;
using ContactRules.Expressions.Ast;
using ContactRules.Text;
using Sprache;

namespace ContactRules.Expressions.Parsing;

/// <summary>The outcome of parsing: an expression when the text is well formed, and every syntax error found.</summary>
internal sealed record ParseResult(Expr? Expression, ImmutableArray<ExpressionDiagnostic> Diagnostics);

/// <summary>
/// Parses CEL source text into an <see cref="Expr"/> with Sprache: the <see cref="Lexer"/> turns the text into
/// tokens, the <see cref="Grammar"/> turns tokens into the tree. Never throws; every problem is a diagnostic,
/// and <see cref="ParseResult.Expression"/> is null when there is any.
/// </summary>
internal static class ExpressionParser
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
        var result = NestingBound(context.Tokens) <= InlineNesting ? Root(new TokenInput(context, 0)) : OnLargeStack(context);
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
    /// How deeply the grammar may recurse on the caller's stack. Each level of nesting takes a few kilobytes of
    /// stack through the combinators, so deeper input is parsed on a thread of its own with room for
    /// <see cref="Grammar.MaxDepth"/> levels, whatever thread the caller is on.
    /// </summary>
    private const int InlineNesting = 48;

    private const int LargeStackBytes = 16 * 1024 * 1024;

    /// <summary>An upper bound on the grammar's recursion: open brackets plus conditionals (each nests its else branch).</summary>
    private static int NestingBound(Token[] tokens)
    {
        int depth = 0, conditionals = 0, deepest = 0;
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.LeftBrace:
                    depth++;
                    deepest = Math.Max(deepest, depth + conditionals);
                    break;
                case TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace:
                    depth = Math.Max(0, depth - 1);
                    break;
                case TokenKind.Question:
                    conditionals++;
                    deepest = Math.Max(deepest, depth + conditionals);
                    break;
            }
        }
        return deepest;
    }

    private static IResult<Grammar.Parsed> OnLargeStack(ParseContext context)
    {
        IResult<Grammar.Parsed>? result = null;
        var thread = new Thread(() => result = Root(new TokenInput(context, 0)), LargeStackBytes);
        thread.Start();
        thread.Join();
        return result!;
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
            switch (node)
            {
                case ConstantExpr { Value: var value } when ReferenceEquals(value, Lexer.IntMinMagnitude):
                    context.Report(node.Span, Messages.IntegerOutOfRange);
                    break;
                case SelectExpr select:
                    pending.Push((select.Operand, depth + 1));
                    break;
                case CallExpr call:
                    if (call.Target is not null)
                    {
                        pending.Push((call.Target, depth + 1));
                    }
                    foreach (var arg in call.Args)
                    {
                        pending.Push((arg, depth + 1));
                    }
                    break;
                case ListExpr list:
                    foreach (var element in list.Elements)
                    {
                        pending.Push((element, depth + 1));
                    }
                    break;
                case MapExpr map:
                    foreach (var entry in map.Entries)
                    {
                        pending.Push((entry.Key, depth + 1));
                        pending.Push((entry.Value, depth + 1));
                    }
                    break;
                case MacroExpr macro:
                    pending.Push((macro.Range, depth + 1));
                    if (macro.Filter is not null)
                    {
                        pending.Push((macro.Filter, depth + 1));
                    }
                    pending.Push((macro.Step, depth + 1));
                    break;
            }
        }
    }

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
