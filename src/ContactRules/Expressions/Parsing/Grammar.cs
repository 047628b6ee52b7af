using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Runtime;
using ContactRules.Text;
using Sprache;
using static ContactRules.Expressions.Parsing.Combinators;

namespace ContactRules.Expressions.Parsing;

/// <summary>
/// The syntax of CEL (langdef "syntax") as Sprache parsers over tokens. The grammar is LL(1): every choice is
/// made on the next token and never undone, so errors point at the first token that does not fit, nothing is
/// parsed twice, and lists, maps and argument lists can skip a broken element and go on to find more errors.
/// </summary>
internal static class Grammar
{
    /// <summary>How deeply expressions may nest; later stages recurse over the tree, so this also bounds them.</summary>
    public const int MaxDepth = 250;

    /// <summary>A parsed expression and the extent of its source text, including any parentheses around it.</summary>
    internal readonly record struct Parsed(Expr Expr, int Start, int End);

    /// <summary>Stands for an element that failed to parse (its error is recorded); never leaves the parser.</summary>
    internal sealed record ErrorExpr(TextSpan Span) : Expr(Span);

    private static readonly string[] NoExpectations = [];

    private static TextSpan Span(int start, int end) => new(start, end - start);

    private static ParseContext ContextOf(IInput input) => ((TokenInput)input).Context;

    // ---- Token primitives.

    private static Parser<Token> Tok(TokenKind kind, string expected)
    {
        string[] expectations = [expected];
        return i =>
        {
            var token = ((TokenInput)i).Token;
            return token.Kind == kind ? Result.Success(token, i.Advance()) : Result.Failure<Token>(i, expected, expectations);
        };
    }

    /// <summary>One of several operator tokens, as the function name CEL gives the operator.</summary>
    private static Parser<(Token Token, string Function)> Operator(params (TokenKind Kind, string Function)[] operators)
    {
        var map = operators.ToFrozenDictionary(o => o.Kind, o => o.Function);
        return i =>
        {
            var token = ((TokenInput)i).Token;
            return map.TryGetValue(token.Kind, out var function)
                ? Result.Success((token, function), i.Advance())
                : Result.Failure<(Token, string)>(i, "operator", NoExpectations);
        };
    }

    private static Func<T, IInput, bool> IsAt<T>(TokenKind kind) => (_, i) => ((TokenInput)i).Token.Kind == kind;

    // ---- Errors.

    /// <summary>The message for a parser that stopped at <paramref name="at"/> wanting one of <paramref name="expected"/>.</summary>
    public static ExpressionDiagnostic Unexpected(IInput at, IEnumerable<string> expected)
    {
        var input = (TokenInput)at;
        var context = input.Context;
        var token = input.Token;
        var span = new TextSpan(token.Start, token.Length);
        var wanted = expected.ToList();
        string message;
        if (token.Kind == TokenKind.Reserved && (wanted.Contains(Messages.ExpectedExpression) || wanted.Contains(Messages.ExpectedName)))
        {
            message = Messages.ReservedWord((string)token.Value!);
        }
        else if (token.Kind == TokenKind.LeftBrace && input.Position > 0 && context.Tokens[input.Position - 1].Kind == TokenKind.Identifier
                 && !wanted.Contains(Messages.ExpectedExpression))
        {
            message = Messages.MessageLiteralNotSupported;
        }
        else
        {
            message = Messages.Unexpected(Describe(token, context.Source), wanted);
        }
        return new ExpressionDiagnostic(DiagnosticStage.Syntax, span, message);
    }

    private static string Describe(Token token, string source)
    {
        const int MaxShown = 24;
        return token.Kind switch
        {
            TokenKind.End => Messages.EndOfExpression,
            TokenKind.Reserved => Messages.ReservedWordToken((string)token.Value!),
            _ => Messages.Quote(token.Length <= MaxShown ? source.Substring(token.Start, token.Length) : string.Concat(source.AsSpan(token.Start, MaxShown), "…")),
        };
    }

    /// <summary>
    /// After a failed element of a bracketed list: records the error and finds where to go on, the next `,` (when
    /// <paramref name="atComma"/>) or the closing token at the same bracket depth. False when there is no such
    /// place (or nesting is too deep).
    /// </summary>
    private static bool Recover(IInput failedAt, IEnumerable<string> expected, TokenKind close, bool atComma, out TokenInput resume)
    {
        var at = (TokenInput)failedAt;
        resume = at;
        var context = at.Context;
        if (context.TooDeep)
        {
            return false;
        }
        var depth = 0;
        for (var index = at.Position; index < context.Tokens.Length; index++)
        {
            var kind = context.Tokens[index].Kind;
            switch (kind)
            {
                case TokenKind.End:
                    return false;
                case TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.LeftBrace:
                    depth++;
                    break;
                case TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace when depth > 0:
                    depth--;
                    break;
                case TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace:
                    if (kind != close)
                    {
                        return false;
                    }
                    context.Diagnostics.Add(Unexpected(at, expected));
                    resume = new TokenInput(context, index);
                    return true;
                case TokenKind.Comma when depth == 0 && atComma:
                    context.Diagnostics.Add(Unexpected(at, expected));
                    resume = new TokenInput(context, index);
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The elements of a bracketed list after its opening token: <c>item, item, ... close</c>, with an optional
    /// trailing comma. A broken element is recorded, skipped and stood in for by <paramref name="placeholder"/>.
    /// </summary>
    private static Parser<(List<T> Items, Token Close)> Delimited<T>(
        Parser<T> item, TokenKind close, string closeText, bool trailingComma, Func<TextSpan, T> placeholder)
    {
        string[] separatorOrClose = [Messages.Quote(","), Messages.Quote(closeText)];
        return input =>
        {
            var i = (TokenInput)input;
            var items = new List<T>();
            if (i.Token.Kind == close)
            {
                return Result.Success((items, i.Token), i.Advance());
            }
            while (true)
            {
                var start = i.Token.Start;
                var r = item(i);
                if (r.WasSuccessful)
                {
                    items.Add(r.Value);
                    i = (TokenInput)r.Remainder;
                }
                else if (Recover(r.Remainder, r.Expectations, close, atComma: true, out var resume))
                {
                    items.Add(placeholder(Span(start, Math.Max(start, resume.Token.Start))));
                    i = resume;
                }
                else
                {
                    return Result.Failure<(List<T>, Token)>(r.Remainder, r.Message, r.Expectations);
                }

                var next = i.Token;
                if (next.Kind == close)
                {
                    return Result.Success((items, next), i.Advance());
                }
                if (next.Kind != TokenKind.Comma)
                {
                    if (!Recover(i, separatorOrClose, close, atComma: true, out var resume))
                    {
                        return Result.Failure<(List<T>, Token)>(i, "", separatorOrClose);
                    }
                    i = resume;
                    if (i.Token.Kind == close)
                    {
                        return Result.Success((items, i.Token), i.Advance());
                    }
                }
                i = (TokenInput)i.Advance();
                if (trailingComma && i.Token.Kind == close)
                {
                    return Result.Success((items, i.Token), i.Advance());
                }
            }
        };
    }

    /// <summary>
    /// <c>open inner close</c> (after <paramref name="open"/>): a broken inside, or something else before the
    /// closing token, is recorded and skipped up to the closing token, so the parse goes on after it.
    /// </summary>
    private static Parser<TResult> Enclosed<TResult>(
        TokenKind open, string openText, TokenKind close, string closeText, Func<Token, Parsed, Token, TResult> build)
    {
        var openToken = Tok(open, Messages.Quote(openText));
        var closeToken = Tok(close, Messages.Quote(closeText));
        return input =>
        {
            var o = openToken(input);
            if (!o.WasSuccessful)
            {
                return Fail<TResult, Token>(o);
            }
            var inner = Expression(o.Remainder);
            Parsed value;
            IInput at;
            if (inner.WasSuccessful)
            {
                value = inner.Value;
                at = inner.Remainder;
                var c = closeToken(at);
                if (c.WasSuccessful)
                {
                    return Result.Success(build(o.Value, value, c.Value), c.Remainder);
                }
                if (!Recover(c.Remainder, c.Expectations, close, atComma: false, out var resume))
                {
                    return Fail<TResult, Token>(c);
                }
                at = resume;
            }
            else
            {
                if (!Recover(inner.Remainder, inner.Expectations, close, atComma: false, out var resume))
                {
                    return Fail<TResult, Parsed>(inner);
                }
                var start = ((TokenInput)o.Remainder).Token.Start;
                var span = Span(start, Math.Max(start, resume.Token.Start));
                value = new Parsed(new ErrorExpr(span), span.Start, span.End);
                at = resume;
            }
            var closing = ((TokenInput)at).Token;
            return Result.Success(build(o.Value, value, closing), at.Advance());
        };
    }

    // ---- Expressions, from the loosest binding to the tightest.

    public static readonly Parser<Parsed> Expression = Guarded(Defer(() => Conditional));

    /// <summary>Recursion goes through here: past <see cref="MaxDepth"/> (or a nearly full stack) the parse stops.</summary>
    private static Parser<Parsed> Guarded(Parser<Parsed> inner) => i =>
    {
        var context = ContextOf(i);
        if (context.TooDeep)
        {
            return Result.Failure<Parsed>(i, "", NoExpectations);
        }
        if (context.Depth >= MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            context.TooDeep = true;
            var token = ((TokenInput)i).Token;
            context.Report(new TextSpan(token.Start, token.Length), Messages.NestedTooDeeply(MaxDepth));
            return Result.Failure<Parsed>(i, "", NoExpectations);
        }
        context.Depth++;
        try
        {
            return inner(i);
        }
        finally
        {
            context.Depth--;
        }
    };

    private static readonly Parser<Token> Colon = Tok(TokenKind.Colon, Messages.Quote(":"));

    private static readonly Parser<Parsed> LogicalOrRef = Defer(() => LogicalOr);

    /// <summary><c>a ? b : c</c>, right-associative; the middle is a logical-or, as in CEL's grammar.</summary>
    private static readonly Parser<Parsed> Conditional = LogicalOrRef.WithOptionalTail(
        IsAt<Parsed>(TokenKind.Question),
        Tok(TokenKind.Question, Messages.Quote("?"))
            .Then(LogicalOrRef, (_, then) => then)
            .Then(Colon, Expression, (then, _, otherwise) => (then, otherwise)),
        (condition, branches, _) => new Parsed(
            new CallExpr(Span(condition.Start, branches.otherwise.End), null, Operators.Conditional,
                [condition.Expr, branches.then.Expr, branches.otherwise.Expr]),
            condition.Start,
            branches.otherwise.End));

    /// <summary>Left-associative binary operators, each a call to the operator's function.</summary>
    private static Parser<Parsed> Binary(Parser<Parsed> operand, params (TokenKind Kind, string Function)[] operators)
    {
        var kinds = operators.Select(o => o.Kind).ToFrozenSet();
        return operand.ChainLeft(Operator(operators), i => kinds.Contains(((TokenInput)i).Token.Kind), (left, op, right) => new Parsed(
            new CallExpr(Span(left.Start, right.End), null, op.Function, [left.Expr, right.Expr]), left.Start, right.End));
    }

    private static readonly Parser<Parsed> Multiplicative = Binary(
        Defer(() => Unary),
        (TokenKind.Star, Operators.Multiply), (TokenKind.Slash, Operators.Divide), (TokenKind.Percent, Operators.Modulo));

    private static readonly Parser<Parsed> Additive = Binary(
        Multiplicative, (TokenKind.Plus, Operators.Add), (TokenKind.Minus, Operators.Subtract));

    private static readonly Parser<Parsed> Relation = Binary(
        Additive,
        (TokenKind.EqualEqual, Operators.Equal), (TokenKind.NotEqual, Operators.NotEquals),
        (TokenKind.Less, Operators.Less), (TokenKind.LessEqual, Operators.LessOrEqual),
        (TokenKind.Greater, Operators.Greater), (TokenKind.GreaterEqual, Operators.GreaterOrEqual),
        (TokenKind.In, Operators.In));

    private static readonly Parser<Parsed> LogicalAnd = Binary(Relation, (TokenKind.AndAnd, Operators.LogicalAnd));

    private static readonly Parser<Parsed> LogicalOr = Binary(LogicalAnd, (TokenKind.OrOr, Operators.LogicalOr));

    /// <summary>
    /// <c>!</c> and <c>-</c>, any number, innermost first. A minus directly before a number literal is folded into a
    /// negative constant, as CEL does: that is how <c>-9223372036854775808</c> is the smallest int. (CEL's grammar
    /// allows a run of one operator only; a mix such as <c>!-x</c> is accepted here, its meaning being plain.)
    /// </summary>
    private static readonly Parser<Parsed> Unary =
        Operator((TokenKind.Not, Operators.LogicalNot), (TokenKind.Minus, Operators.Negate)).Prefixed(Defer(() => Member), FoldUnary);

    private static Parsed FoldUnary(List<(Token Token, string Function)> ops, Parsed operand)
    {
        var result = operand;
        for (var k = ops.Count - 1; k >= 0; k--)
        {
            var (token, function) = ops[k];
            var span = Span(token.Start, result.End);
            var negated = k == ops.Count - 1 && function == Operators.Negate
                && operand.Expr is ConstantExpr constant && constant.Span.Start == operand.Start
                ? Negate(constant.Value)
                : null;
            result = new Parsed(
                negated is not null ? new ConstantExpr(span, negated) : new CallExpr(span, null, function, [result.Expr]),
                token.Start,
                result.End);
        }
        return result;
    }

    private static object? Negate(object value) => value switch
    {
        long l => CelValues.Int(-l),
        double d => CelValues.Double(-d),
        _ when ReferenceEquals(value, Lexer.IntMinMagnitude) => CelValues.Int(long.MinValue),
        _ => null,
    };

    // ---- Member access, indexing and calls.

    private abstract record Postfix(int End);

    private sealed record FieldPostfix(int End, Token Name, List<Parsed>? Args) : Postfix(End);

    private sealed record IndexPostfix(int End, Parsed Index) : Postfix(End);

    private static readonly Parser<Token> Name = Tok(TokenKind.Identifier, Messages.ExpectedName);

    private static readonly Parser<(List<Parsed> Items, Token Close)> Arguments =
        Tok(TokenKind.LeftParen, Messages.Quote("(")).Then(
            Delimited(Expression, TokenKind.RightParen, ")", trailingComma: false, span => new Parsed(new ErrorExpr(span), span.Start, span.End)),
            (_, args) => args);

    private static readonly Parser<Postfix> FieldOrMethod =
        Tok(TokenKind.Dot, Messages.Quote(".")).Then(Name, (_, name) => new FieldPostfix(name.End, name, null))
            .WithOptionalTail(IsAt<FieldPostfix>(TokenKind.LeftParen), Arguments, (field, args, _) => field with { End = args.Close.End, Args = args.Items })
            .Map(field => (Postfix)field);

    private static readonly Parser<Postfix> Index =
        Enclosed(TokenKind.LeftBracket, "[", TokenKind.RightBracket, "]", (_, index, close) => (Postfix)new IndexPostfix(close.End, index));

    private static readonly Parser<Postfix> PostfixOp = i => ((TokenInput)i).Token.Kind switch
    {
        TokenKind.Dot => FieldOrMethod(i),
        TokenKind.LeftBracket => Index(i),
        _ => Result.Failure<Postfix>(i, "", NoExpectations),
    };

    private static readonly Parser<Parsed> Member = Defer(() => Primary).Postfixed(PostfixOp, (operand, op, at) => op switch
    {
        FieldPostfix { Args: null } field => new Parsed(
            new SelectExpr(Span(operand.Start, field.End), operand.Expr, (string)field.Name.Value!), operand.Start, field.End),
        FieldPostfix field => new Parsed(
            Macros.Call(ContextOf(at), Span(operand.Start, field.End), operand, field.Name, field.Args), operand.Start, field.End),
        IndexPostfix index => new Parsed(
            new CallExpr(Span(operand.Start, index.End), null, Operators.Index, [operand.Expr, index.Index.Expr]), operand.Start, index.End),
        _ => throw new InvalidOperationException("unknown postfix"),
    });

    // ---- Primary expressions.

    private static Parsed Constant(Token token, object value) =>
        new(new ConstantExpr(new TextSpan(token.Start, token.Length), value), token.Start, token.End);

    private static readonly Parser<Parsed> Literal = i =>
    {
        var token = ((TokenInput)i).Token;
        var parsed = token.Kind switch
        {
            TokenKind.True => Constant(token, CelValues.True),
            TokenKind.False => Constant(token, CelValues.False),
            TokenKind.Null => Constant(token, CelNull.Value),
            _ => Constant(token, token.Value!),
        };
        return Result.Success(parsed, i.Advance());
    };

    private static readonly Parser<Parsed> IdentOrCall =
        Name.Map(name => new Parsed(new IdentExpr(new TextSpan(name.Start, name.Length), (string)name.Value!), name.Start, name.End))
            .WithOptionalTail(IsAt<Parsed>(TokenKind.LeftParen), Arguments, (ident, args, at) => new Parsed(
                Macros.GlobalCall(ContextOf(at), Span(ident.Start, args.Close.End), (IdentExpr)ident.Expr, args.Items), ident.Start, args.Close.End));

    /// <summary><c>.name</c> names the root scope in CEL; with no packages here it is reported, then parsed as <c>name</c>.</summary>
    private static readonly Parser<Parsed> LeadingDot = Tok(TokenKind.Dot, Messages.Quote(".")).Then(IdentOrCall, (dot, rest) => (dot, rest))
        .Map((parsed, at) =>
        {
            ContextOf(at).Report(new TextSpan(parsed.dot.Start, parsed.dot.Length), Messages.LeadingDotNotSupported);
            return parsed.rest;
        });

    private static readonly Parser<Parsed> Parenthesized =
        Enclosed(TokenKind.LeftParen, "(", TokenKind.RightParen, ")", (open, inner, close) => new Parsed(inner.Expr, open.Start, close.End));

    private static readonly Parser<Parsed> List =
        Tok(TokenKind.LeftBracket, Messages.Quote("[")).Then(
            Delimited(Expression, TokenKind.RightBracket, "]", trailingComma: true, span => new Parsed(new ErrorExpr(span), span.Start, span.End)),
            (open, elements) => new Parsed(
                new ListExpr(Span(open.Start, elements.Close.End), [.. elements.Items.Select(e => e.Expr)]), open.Start, elements.Close.End));

    private static readonly Parser<MapEntry> Entry =
        Expression.Then(Colon, Expression, (key, _, value) => new MapEntry(Span(key.Start, value.End), key.Expr, value.Expr));

    private static readonly Parser<Parsed> Map =
        Tok(TokenKind.LeftBrace, Messages.Quote("{")).Then(
            Delimited(Entry, TokenKind.RightBrace, "}", trailingComma: true, span => new MapEntry(span, new ErrorExpr(span), new ErrorExpr(span))),
            (open, entries) => new Parsed(new MapExpr(Span(open.Start, entries.Close.End), [.. entries.Items]), open.Start, entries.Close.End));

    private static readonly string[] ExpressionExpected = [Messages.ExpectedExpression];

    /// <summary>Chooses the alternative by the next token, so a failure never hides a better one.</summary>
    private static readonly Parser<Parsed> Primary = i => ((TokenInput)i).Token.Kind switch
    {
        TokenKind.Int or TokenKind.Double or TokenKind.String or TokenKind.True or TokenKind.False or TokenKind.Null => Literal(i),
        TokenKind.Identifier => IdentOrCall(i),
        TokenKind.Dot => LeadingDot(i),
        TokenKind.LeftParen => Parenthesized(i),
        TokenKind.LeftBracket => List(i),
        TokenKind.LeftBrace => Map(i),
        _ => Result.Failure<Parsed>(i, Messages.ExpectedExpression, ExpressionExpected),
    };
}
