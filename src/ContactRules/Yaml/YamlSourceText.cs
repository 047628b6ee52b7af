using ContactRules.Diagnostics;

namespace ContactRules.Yaml;

/// <summary>
/// The text of a YAML file with its path, turning character offsets into one-based lines and columns
/// (columns count UTF-16 units, as editors do).
/// </summary>
internal sealed class YamlSourceText
{
    private readonly int[] _lineStarts;

    public YamlSourceText(string path, string text)
    {
        Path = path;
        // A byte order mark is not part of the document; editors do not count it as a column.
        Text = text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < Text.Length; i++)
        {
            if (Text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        _lineStarts = [.. starts];
    }

    public string Path { get; }

    public string Text { get; }

    public SourceLocation LocationOf(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return new SourceLocation(Path, line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The offset of a one-based line and column, as YamlDotNet's marks give them.</summary>
    public int OffsetOf(long line, long column)
    {
        var index = (int)Math.Clamp(line - 1, 0, _lineStarts.Length - 1);
        return (int)Math.Clamp(_lineStarts[index] + column - 1, 0, Text.Length);
    }
}
