using System.Collections.Immutable;

namespace ContactRules.Expressions.Parsing;

/// <summary>The lexical classes of CEL; the grammar matches on these, never on text.</summary>
internal enum TokenKind
{
    End,
    /// <summary>A character no token starts with; the grammar reports it as unexpected.</summary>
    Invalid,
    Identifier,
    /// <summary>A word CEL reserves (<c>if</c>, <c>for</c>, ...): never a name.</summary>
    Reserved,
    Int,
    Double,
    String,
    True,
    False,
    Null,
    In,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Dot,
    Comma,
    Colon,
    Question,
    OrOr,
    AndAnd,
    Not,
    Minus,
    Plus,
    Star,
    Slash,
    Percent,
    EqualEqual,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
}

/// <summary>
/// A token: its kind, where it is, and for literals and names its value (<see cref="long"/>, <see cref="double"/>,
/// <see cref="string"/>, or <see cref="Lexer.IntMinMagnitude"/>). A malformed literal still becomes a token of its
/// kind (so parsing goes on and finds further errors); its problems are in <see cref="Errors"/>.
/// </summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, object? Value, ImmutableArray<ExpressionDiagnostic> Errors)
{
    public int End => Start + Length;
}
