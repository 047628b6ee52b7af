using Sprache;

namespace ContactRules.Expressions.Parsing;

/// <summary>
/// Sprache input over characters. Sprache's own <see cref="Input"/> allocates a memo dictionary on every
/// character advanced; this one allocates it only if a parser asks (none of ours do).
/// </summary>
internal sealed class CharInput(string source, int position) : IInput
{
    private Dictionary<object, object>? _memos;

    public string Source => source;

    public char Current => source[position];

    public bool AtEnd => position >= source.Length;

    public int Position => position;

    public int Line => Ast.SourcePosition.At(source, position).Line;

    public int Column => Ast.SourcePosition.At(source, position).Column;

    public IDictionary<object, object> Memos => _memos ??= [];

    public IInput Advance() => new CharInput(source, position + 1);

    /// <summary>The input <paramref name="count"/> characters on, in one step.</summary>
    public CharInput Skip(int count) => new(source, position + count);

    public bool Equals(IInput? other) => other is not null && other.Position == position && ReferenceEquals(other.Source, source);

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => position;
}

/// <summary>
/// Sprache input over the lexer's tokens: <see cref="Current"/> is the token's kind as a char (Sprache
/// combinators only compare inputs and positions), <see cref="Position"/> the token's index, and
/// <see cref="Token"/> the token itself. It also carries the per-parse <see cref="ParseContext"/>.
/// </summary>
internal sealed class TokenInput(ParseContext context, int index) : IInput
{
    private Dictionary<object, object>? _memos;

    public ParseContext Context => context;

    public Token Token => context.Tokens[index];

    public string Source => context.Source;

    public char Current => (char)Token.Kind;

    public bool AtEnd => Token.Kind == TokenKind.End;

    public int Position => index;

    public int Line => Ast.SourcePosition.At(context.Source, Token.Start).Line;

    public int Column => Ast.SourcePosition.At(context.Source, Token.Start).Column;

    public IDictionary<object, object> Memos => _memos ??= [];

    public IInput Advance() => AtEnd ? this : new TokenInput(context, index + 1);

    public bool Equals(IInput? other) => other is TokenInput t && t.Position == index && ReferenceEquals(t.Context, context);

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => index;
}

/// <summary>The state of one parse: its tokens, the errors recorded so far, and how deep the grammar has recursed.</summary>
internal sealed class ParseContext(string source, Token[] tokens)
{
    public string Source => source;

    public Token[] Tokens => tokens;

    public List<ExpressionDiagnostic> Diagnostics { get; } = [];

    public int Depth { get; set; }

    /// <summary>Set when nesting went past the limit: the parse then stops rather than recovering.</summary>
    public bool TooDeep { get; set; }

    public void Report(Ast.TextSpan span, string message) =>
        Diagnostics.Add(new ExpressionDiagnostic(DiagnosticStage.Syntax, span, message));
}
