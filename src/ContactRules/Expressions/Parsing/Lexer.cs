using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using ContactRules.Expressions.Ast;
using ContactRules.Text;
using Sprache;
using static ContactRules.Expressions.Parsing.Combinators;

namespace ContactRules.Expressions.Parsing;

/// <summary>
/// The lexis of CEL (langdef "lexis") as Sprache parsers over characters. The whole text is tokenized before
/// parsing, so every lexical error (bad escapes, unterminated strings, out-of-range numbers) is found, not only
/// the first. Malformed literals still become tokens of their kind, carrying their errors.
/// </summary>
internal static class Lexer
{
    /// <summary>The value of the literal 9223372036854775808, which is an int only when negated.</summary>
    public static readonly object IntMinMagnitude = new();

    private static readonly FrozenDictionary<string, TokenKind> Keywords = new Dictionary<string, TokenKind>(StringComparer.Ordinal)
    {
        ["true"] = TokenKind.True,
        ["false"] = TokenKind.False,
        ["null"] = TokenKind.Null,
        ["in"] = TokenKind.In,
        ["as"] = TokenKind.Reserved,
        ["break"] = TokenKind.Reserved,
        ["const"] = TokenKind.Reserved,
        ["continue"] = TokenKind.Reserved,
        ["else"] = TokenKind.Reserved,
        ["for"] = TokenKind.Reserved,
        ["function"] = TokenKind.Reserved,
        ["if"] = TokenKind.Reserved,
        ["import"] = TokenKind.Reserved,
        ["let"] = TokenKind.Reserved,
        ["loop"] = TokenKind.Reserved,
        ["package"] = TokenKind.Reserved,
        ["namespace"] = TokenKind.Reserved,
        ["return"] = TokenKind.Reserved,
        ["var"] = TokenKind.Reserved,
        ["void"] = TokenKind.Reserved,
        ["while"] = TokenKind.Reserved,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every token of <paramref name="source"/>, ending with one <see cref="TokenKind.End"/>.</summary>
    public static Token[] Tokenize(string source)
    {
        var tokens = new List<Token>(Math.Min(source.Length, 1024) / 2 + 2);
        IInput input = new CharInput(source, 0);
        while (true)
        {
            // NextToken always succeeds and, before the end, always consumes.
            var result = NextToken(input);
            tokens.Add(result.Value);
            if (result.Value.Kind == TokenKind.End)
            {
                return [.. tokens];
            }
            input = result.Remainder;
        }
    }

    // ---- Primitives. Sprache's Parse.Char formats a message on every failure; the lexer fails on almost every
    // ---- character it looks at, so these report a fixed expectation instead.

    private static Parser<char> Match(Func<char, bool> predicate, string expected)
    {
        string[] expectations = [expected];
        return i => !i.AtEnd && predicate(i.Current)
            ? Result.Success(i.Current, i.Advance())
            : Result.Failure<char>(i, expected, expectations);
    }

    /// <summary>Runs <paramref name="parser"/> and builds a token from its value and the span it consumed.</summary>
    private static Parser<Token> Make<T>(Parser<T> parser, Func<T, TextSpan, Token> build) => i =>
    {
        var r = parser(i);
        return r.WasSuccessful
            ? Result.Success(build(r.Value, new TextSpan(i.Position, r.Remainder.Position - i.Position)), r.Remainder)
            : Fail<Token, T>(r);
    };

    private static Token Simple(TokenKind kind, TextSpan span, object? value = null) => new(kind, span.Start, span.Length, value, []);

    private static Token Faulty(TokenKind kind, TextSpan span, object? value, string message) =>
        new(kind, span.Start, span.Length, value, [new ExpressionDiagnostic(DiagnosticStage.Syntax, span, message)]);

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsHexDigit(char c) => char.IsAsciiHexDigit(c);

    private static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // ---- Whitespace and comments.

    private static readonly Parser<int> Whitespace = Skip(c => c is ' ' or '\t' or '\n' or '\r' or '\f', "whitespace");

    private static readonly Parser<int> Comment = Literal("//").Then(Skip(c => c is not ('\n' or '\r'), "comment", min: 0), (_, n) => n);

    private static readonly Parser<int> Trivia = SkipMany<int>(i => !i.AtEnd && i.Current == '/' ? Comment(i) : Whitespace(i));

    private static bool StartsTrivia(IInput i) => !i.AtEnd && i.Current is ' ' or '\t' or '\n' or '\r' or '\f' or '/';

    // ---- Names and keywords.

    private static readonly Parser<Token> Word = Make(
        // The first character is known to be a letter or `_`: TokenHere dispatched on it.
        Run(IsIdentPart, Messages.ExpectedName),
        (text, span) => Simple(Keywords.TryGetValue(text, out var kind) ? kind : TokenKind.Identifier, span, text));

    // ---- Numbers.

    private static readonly Parser<string> Digits = Run(IsDigit, "digit");

    private static readonly Parser<string> Exponent = Match(c => c is 'e' or 'E', "exponent")
        .Then(Run(c => c is '+' or '-', "sign", min: 0).Where(sign => sign.Length <= 1), Digits, (_, sign, digits) => "e" + sign + digits);

    private static readonly Parser<string> Fraction = Match(c => c == '.', "`.`").Then(Digits, (_, digits) => "." + digits);

    private readonly record struct NumberText(string Text, bool IsDouble, bool Unsigned);

    /// <summary>An int's <c>u</c> suffix: read so that it can be reported (uint is not supported).</summary>
    private static readonly Parser<char> UnsignedSuffix = Match(c => c is 'u' or 'U', "`u`");

    private static readonly Func<NumberText, IInput, bool> IntFollowedByU = (n, i) => !n.IsDouble && !i.AtEnd && i.Current is 'u' or 'U';

    private static readonly Parser<Token> HexInt = Make(
        Literal("0x").Or(Literal("0X")).Then(Run(IsHexDigit, "hexadecimal digit"), (_, digits) => new NumberText(digits, false, false))
            .WithOptionalTail(IntFollowedByU, UnsignedSuffix, (n, _, _) => n with { Unsigned = true }),
        (n, span) => IntToken(n.Text, NumberStyles.AllowHexSpecifier, n.Unsigned, span));

    private static readonly Parser<Token> DecimalNumber = Make(
        Digits.Then(Fraction.Optional(""), Exponent.Optional(""), (whole, fraction, exponent) =>
                new NumberText(whole + fraction + exponent, fraction.Length + exponent.Length > 0, false))
            .WithOptionalTail(IntFollowedByU, UnsignedSuffix, (n, _, _) => n with { Unsigned = true }),
        (n, span) => n.IsDouble
            ? DoubleToken(n.Text, span)
            : IntToken(n.Text, NumberStyles.None, n.Unsigned, span));

    /// <summary><c>.5</c>, <c>.5e3</c>.</summary>
    private static readonly Parser<Token> FractionNumber = Make(
        Fraction.Then(Exponent.Optional(""), (fraction, exponent) => "0" + fraction + exponent),
        (text, span) => DoubleToken(text, span));

    /// <summary>A number: hexadecimal after <c>0x</c>, else decimal (an int, or a double with a fraction or exponent).</summary>
    private static readonly Parser<Token> Number = i =>
        i.Current == '0' && i.Position + 2 < i.Source.Length && i.Source[i.Position + 1] is 'x' or 'X' && IsHexDigit(i.Source[i.Position + 2])
            ? HexInt(i)
            : DecimalNumber(i);

    private static Token IntToken(string digits, NumberStyles style, bool unsigned, TextSpan span)
    {
        if (unsigned)
        {
            return Faulty(TokenKind.Int, span, 0L, Messages.UintNotSupported);
        }
        if (!ulong.TryParse(digits, style, CultureInfo.InvariantCulture, out var value) || value > 1UL << 63)
        {
            return Faulty(TokenKind.Int, span, 0L, Messages.IntegerOutOfRange);
        }
        return Simple(TokenKind.Int, span, value == 1UL << 63 ? IntMinMagnitude : (long)value);
    }

    private static Token DoubleToken(string text, TextSpan span)
    {
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsInfinity(value)
            ? Faulty(TokenKind.Double, span, 0.0, Messages.DoubleOutOfRange)
            : Simple(TokenKind.Double, span, value);
    }

    // ---- Strings.

    /// <summary>A piece of a string literal's body: text, or an error for a malformed escape.</summary>
    private readonly record struct Piece(string? Text, ExpressionDiagnostic? Error);

    private static Parser<Piece> Spanned(Parser<Func<TextSpan, Piece>> parser) => i =>
    {
        var r = parser(i);
        return r.WasSuccessful
            ? Result.Success(r.Value(new TextSpan(i.Position, r.Remainder.Position - i.Position)), r.Remainder)
            : Fail<Piece, Func<TextSpan, Piece>>(r);
    };

    private static Func<TextSpan, Piece> TextPiece(string text) => _ => new Piece(text, null);

    private static Func<TextSpan, Piece> ErrorPiece(Func<string> message) =>
        span => new Piece(null, new ExpressionDiagnostic(DiagnosticStage.Syntax, span, message()));

    private static Func<TextSpan, Piece> CodePoint(string hex) => span =>
    {
        var value = int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return value is > 0x10FFFF or < 0 || (value >= 0xD800 && value <= 0xDFFF)
            ? new Piece(null, new ExpressionDiagnostic(DiagnosticStage.Syntax, span, Messages.InvalidCodePoint(hex)))
            : new Piece(char.ConvertFromUtf32(value), null);
    };

    private static readonly Parser<char> HexDigit = Match(IsHexDigit, "hexadecimal digit");

    private static readonly Parser<char> OctalDigit = Match(c => c is >= '0' and <= '7', "octal digit");

    private static Parser<Func<TextSpan, Piece>> HexEscape(Func<char, bool> letter, int count) =>
        Match(letter, "escape").Then(_ => HexDigit.Repeat(count).Text()).Select(CodePoint);

    private static readonly Parser<Func<TextSpan, Piece>> EscapeBody =
        Match(c => "abfnrtv\\'\"?`".Contains(c, StringComparison.Ordinal), "escape").Select(c => TextPiece(c switch
        {
            'a' => "\a",
            'b' => "\b",
            'f' => "\f",
            'n' => "\n",
            'r' => "\r",
            't' => "\t",
            'v' => "\v",
            _ => c.ToString(),
        }))
        .Or(HexEscape(c => c is 'x' or 'X', 2))
        .Or(HexEscape(c => c == 'u', 4))
        .Or(HexEscape(c => c == 'U', 8))
        .Or(from first in Match(c => c is >= '0' and <= '3', "octal digit")
            from rest in OctalDigit.Repeat(2).Text()
            select TextPiece(((char)Convert.ToInt32(first + rest, 8)).ToString()))
        // Malformed escapes: consume the escape letter (not a line break) and report it.
        .Or(Match(c => c is 'x' or 'X', "escape").Select(c => ErrorPiece(() => Messages.IncompleteHexEscape(c, 2))))
        .Or(Match(c => c == 'u', "escape").Select(c => ErrorPiece(() => Messages.IncompleteHexEscape(c, 4))))
        .Or(Match(c => c == 'U', "escape").Select(c => ErrorPiece(() => Messages.IncompleteHexEscape(c, 8))))
        .Or(Match(c => c is >= '0' and <= '7', "escape").Select(_ => ErrorPiece(() => Messages.IncompleteOctalEscape)))
        .Or(Match(c => c is not ('\n' or '\r'), "escape").Select(c => ErrorPiece(() => Messages.InvalidEscape(c))))
        .Or(Parse.Return(ErrorPiece(() => Messages.InvalidEscape(null))));

    private static readonly Parser<Piece> Escape = Spanned(Match(c => c == '\\', "`\\`").Then(_ => EscapeBody));

    private static Parser<Piece> PieceOf(string delimiter, bool raw)
    {
        var quote = delimiter[0];
        var multiline = delimiter.Length == 3;
        var plain = Run(c => c != quote && (raw || c != '\\') && (multiline || c is not ('\n' or '\r')), "character")
            .Map(text => new Piece(text, null));
        if (multiline)
        {
            // A single quote character inside a triple-quoted string, when it does not close it.
            plain = plain.Or(Parse.Not(Literal(delimiter)).Then(_ => Parse.Char(quote)).Select(c => new Piece(c.ToString(), null)));
        }
        return raw ? plain : i => !i.AtEnd && i.Current == '\\' ? Escape(i) : plain(i);
    }

    private readonly record struct Body(List<Piece> Pieces, bool Closed, string Delimiter);

    private static Parser<Body> BodyOf(string delimiter, bool raw) =>
        Literal(delimiter).Then(PieceOf(delimiter, raw).Repeated(), Literal(delimiter).Map(_ => true).Optional(false),
            (_, pieces, closed) => new Body(pieces, closed, delimiter));

    /// <summary>The quoted part of a string literal, chosen by its opening quotes.</summary>
    private static Parser<Body> Quoted(bool raw)
    {
        Parser<Body>[] bodies = [BodyOf("\"\"\"", raw), BodyOf("'''", raw), BodyOf("\"", raw), BodyOf("'", raw)];
        return i =>
        {
            var source = i.Source;
            var at = i.Position;
            var triple = at + 2 < source.Length && source[at + 1] == source[at] && source[at + 2] == source[at];
            return (i.AtEnd ? '\0' : source[at], triple) switch
            {
                ('"', true) => bodies[0](i),
                ('\'', true) => bodies[1](i),
                ('"', false) => bodies[2](i),
                _ => bodies[3](i),
            };
        };
    }

    private static readonly Parser<Body> Cooked = Quoted(raw: false);

    private static readonly Parser<Body> Raw = Quoted(raw: true);

    /// <summary>
    /// <c>[b][r]</c> then quotes, the body read raw or cooked as the prefix says. Without quotes after the prefix it
    /// fails, and <c>r</c> or <c>b</c> is read as a name.
    /// </summary>
    private static readonly Parser<Token> StringLiteral = i =>
    {
        var source = i.Source;
        var at = i.Position;
        var bytes = source[at] is 'b' or 'B';
        var raw = at + (bytes ? 1 : 0) < source.Length && source[at + (bytes ? 1 : 0)] is 'r' or 'R';
        var prefix = (bytes ? 1 : 0) + (raw ? 1 : 0);
        var body = (raw ? Raw : Cooked)(((CharInput)i).Skip(prefix));
        return body.WasSuccessful
            ? Result.Success(StringToken(bytes, body.Value, new TextSpan(at, body.Remainder.Position - at)), body.Remainder)
            : Fail<Token, Body>(body);
    };

    private static Token StringToken(bool bytes, Body body, TextSpan span)
    {
        var (pieces, closed, delimiter) = body;
        var errors = ImmutableArray<ExpressionDiagnostic>.Empty;
        if (bytes)
        {
            errors = errors.Add(new ExpressionDiagnostic(DiagnosticStage.Syntax, span, Messages.BytesNotSupported));
        }
        foreach (var piece in pieces)
        {
            if (piece.Error is { } error)
            {
                errors = errors.Add(error);
            }
        }
        if (!closed)
        {
            errors = errors.Add(new ExpressionDiagnostic(DiagnosticStage.Syntax, span, Messages.UnterminatedString(delimiter)));
        }
        var text = pieces.Count == 1 ? pieces[0].Text ?? "" : string.Concat(pieces.Select(p => p.Text));
        return new Token(TokenKind.String, span.Start, span.Length, text, errors);
    }

    // ---- Punctuation and operators.

    private static Parser<Token> Symbol(string text, TokenKind kind) => Make(Literal(text), (_, span) => Simple(kind, span));

    /// <summary>One character no token starts with (a whole surrogate pair, so a message never splits one).</summary>
    private static readonly Parser<Token> Invalid = Make(
        from c in Parse.AnyChar
        from low in char.IsHighSurrogate(c) ? Match(char.IsLowSurrogate, "low surrogate").Optional().Return(0) : Parse.Return(0)
        select c,
        (_, span) => Simple(TokenKind.Invalid, span));

    private static readonly FrozenDictionary<char, Parser<Token>> Punctuation = new Dictionary<char, Parser<Token>>
    {
        ['('] = Symbol("(", TokenKind.LeftParen),
        [')'] = Symbol(")", TokenKind.RightParen),
        ['['] = Symbol("[", TokenKind.LeftBracket),
        [']'] = Symbol("]", TokenKind.RightBracket),
        ['{'] = Symbol("{", TokenKind.LeftBrace),
        ['}'] = Symbol("}", TokenKind.RightBrace),
        [','] = Symbol(",", TokenKind.Comma),
        [':'] = Symbol(":", TokenKind.Colon),
        ['?'] = Symbol("?", TokenKind.Question),
        ['+'] = Symbol("+", TokenKind.Plus),
        ['-'] = Symbol("-", TokenKind.Minus),
        ['*'] = Symbol("*", TokenKind.Star),
        ['/'] = Symbol("/", TokenKind.Slash),
        ['%'] = Symbol("%", TokenKind.Percent),
        ['.'] = FractionNumber.Or(Symbol(".", TokenKind.Dot)),
        ['!'] = Symbol("!=", TokenKind.NotEqual).Or(Symbol("!", TokenKind.Not)),
        ['='] = Symbol("==", TokenKind.EqualEqual).Or(Invalid),
        ['<'] = Symbol("<=", TokenKind.LessEqual).Or(Symbol("<", TokenKind.Less)),
        ['>'] = Symbol(">=", TokenKind.GreaterEqual).Or(Symbol(">", TokenKind.Greater)),
        ['&'] = Symbol("&&", TokenKind.AndAnd).Or(Invalid),
        ['|'] = Symbol("||", TokenKind.OrOr).Or(Invalid),
        ['"'] = StringLiteral,
        ['\''] = StringLiteral,
    }.ToFrozenDictionary();

    private static readonly Parser<Token> PrefixedStringOrWord = StringLiteral.Or(Word);

    /// <summary>The token at the input, chosen by its first character (so no alternative is tried in vain).</summary>
    private static readonly Parser<Token> TokenHere = i =>
    {
        if (i.AtEnd)
        {
            return Result.Success(Simple(TokenKind.End, TextSpan.Empty(i.Position)), i);
        }
        var c = i.Current;
        var parser = c switch
        {
            'r' or 'R' or 'b' or 'B' => PrefixedStringOrWord,
            _ when IsIdentStart(c) => Word,
            _ when IsDigit(c) => Number,
            _ => Punctuation.GetValueOrDefault(c, Invalid),
        };
        return parser(i);
    };

    private static readonly Parser<Token> TokenAfterTrivia = TokenHere.After(Trivia);

    /// <summary>The next token, skipping whitespace and comments first only when there are any.</summary>
    private static readonly Parser<Token> NextToken = i => StartsTrivia(i) ? TokenAfterTrivia(i) : TokenHere(i);
}
