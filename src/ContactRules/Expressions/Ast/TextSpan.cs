namespace ContactRules.Expressions.Ast;

/// <summary>A range of characters in an expression's source text, by offset.</summary>
internal readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan Empty(int at) => new(at, 0);

    /// <summary>The smallest span covering both.</summary>
    public TextSpan Union(TextSpan other)
    {
        var start = Math.Min(Start, other.Start);
        return new TextSpan(start, Math.Max(End, other.End) - start);
    }
}

/// <summary>A one-based line and column in a source text (column counts UTF-16 units, as editors do).</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>The position of <paramref name="offset"/> in <paramref name="text"/>.</summary>
    public static SourcePosition At(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        int line = 1, lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePosition(line, offset - lineStart + 1);
    }
}
