using System.Globalization;
using System.Text;
using YamlDotNet.Core;

namespace ContactRules.Yaml;

/// <summary>
/// Maps each character of a scalar's value back to its offset in the YAML text. YamlDotNet gives only
/// the node's start and end, so the raw text is scanned again with YAML's rules for the style (quotes,
/// escapes, line folding, block indentation and chomping); the rescanned value must equal YamlDotNet's,
/// otherwise (a construct this scanner does not follow) offsets fall back to counting from the start.
/// </summary>
internal sealed class ScalarOffsetMap
{
    private readonly int[] _sourceOffsets;

    private ScalarOffsetMap(int[] sourceOffsets, bool isExact)
    {
        _sourceOffsets = sourceOffsets;
        IsExact = isExact;
    }

    /// <summary>False when the rescan did not reproduce the value and offsets are approximate.</summary>
    public bool IsExact { get; }

    /// <summary>The text offset of the value's character at <paramref name="valueOffset"/> (clamped).</summary>
    public int SourceOffsetOf(int valueOffset) =>
        _sourceOffsets[Math.Clamp(valueOffset, 0, _sourceOffsets.Length - 1)];

    public static ScalarOffsetMap Build(string text, int start, int end, string value, ScalarStyle style)
    {
        var scanned = style switch
        {
            ScalarStyle.Plain => ScanFlow(text, start, end, style),
            ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted when end - start >= 2 =>
                ScanFlow(text, start + 1, end - 1, style),
            ScalarStyle.Literal or ScalarStyle.Folded => ScanBlock(text, start, value, style),
            _ => null,
        };
        if (scanned is not null && scanned.Matches(value))
        {
            return new ScalarOffsetMap([.. scanned.Offsets], isExact: true);
        }
        var fallback = new int[value.Length + 1];
        for (var i = 0; i < fallback.Length; i++)
        {
            fallback[i] = Math.Min(start + i, Math.Max(start, end));
        }
        return new ScalarOffsetMap(fallback, isExact: false);
    }

    /// <summary>A value being rebuilt, with the text offset each of its characters came from.</summary>
    private sealed class Scan
    {
        private readonly StringBuilder _value = new();

        public List<int> Offsets { get; } = [];

        public void Add(char c, int offset)
        {
            _value.Append(c);
            Offsets.Add(offset);
        }

        public void Add(string s, int offset)
        {
            foreach (var c in s)
            {
                Add(c, offset);
            }
        }

        /// <summary>Records where "just past the last character" is, then compares with the expected value.</summary>
        public Scan Finish(int endOffset)
        {
            Offsets.Add(Offsets.Count > 0 ? Math.Max(endOffset, Offsets[^1]) : endOffset);
            return this;
        }

        public bool Matches(string value) => string.Equals(_value.ToString(), value, StringComparison.Ordinal);
    }

    private static bool IsBreak(char c) => c is '\n' or '\r';

    private static bool IsBlank(char c) => c is ' ' or '\t';

    private static int SkipBreak(string text, int i) =>
        text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;

    /// <summary>
    /// After a line break in a flow scalar: skips the next lines' leading blanks and counts the empty
    /// lines, which YAML keeps as newlines (a lone break folds to a space).
    /// </summary>
    private static int FoldBreaks(string text, int i, int to, Scan scan, int breakAt, bool lone)
    {
        var empty = 0;
        while (true)
        {
            while (i < to && IsBlank(text[i]))
            {
                i++;
            }
            if (i < to && IsBreak(text[i]))
            {
                scan.Add('\n', i);
                empty++;
                i = SkipBreak(text, i);
                continue;
            }
            break;
        }
        if (empty == 0 && lone)
        {
            scan.Add(' ', breakAt);
        }
        return i;
    }

    /// <summary>Plain and quoted scalars: the text between the quotes (or the whole plain scalar).</summary>
    private static Scan? ScanFlow(string text, int from, int to, ScalarStyle style)
    {
        var scan = new Scan();
        var pending = new List<int>();
        var i = from;
        while (i < to)
        {
            var c = text[i];
            if (IsBreak(c))
            {
                // Blanks before a line break are not content; the break folds.
                pending.Clear();
                i = FoldBreaks(text, SkipBreak(text, i), to, scan, i, lone: true);
                continue;
            }
            if (IsBlank(c))
            {
                pending.Add(i);
                i++;
                continue;
            }
            foreach (var p in pending)
            {
                scan.Add(text[p], p);
            }
            pending.Clear();
            if (style == ScalarStyle.SingleQuoted && c == '\'')
            {
                if (i + 1 >= to || text[i + 1] != '\'')
                {
                    return null;
                }
                scan.Add('\'', i);
                i += 2;
            }
            else if (style == ScalarStyle.DoubleQuoted && c == '\\')
            {
                var next = ScanEscape(text, i, to, scan);
                if (next < 0)
                {
                    return null;
                }
                i = next;
            }
            else
            {
                scan.Add(c, i);
                i++;
            }
        }
        foreach (var p in pending)
        {
            scan.Add(text[p], p);
        }
        return scan.Finish(to);
    }

    /// <summary>One escape sequence of a double-quoted scalar at <paramref name="i"/>; -1 when invalid.</summary>
    private static int ScanEscape(string text, int i, int to, Scan scan)
    {
        if (i + 1 >= to)
        {
            return -1;
        }
        var e = text[i + 1];
        if (IsBreak(e))
        {
            // An escaped line break joins the lines with nothing between them.
            return FoldBreaks(text, SkipBreak(text, i + 1), to, scan, i, lone: false);
        }
        var hexDigits = e switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
        if (hexDigits > 0)
        {
            if (i + 2 + hexDigits > to
                || !int.TryParse(text.AsSpan(i + 2, hexDigits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                || code is < 0 or > 0x10FFFF)
            {
                return -1;
            }
            scan.Add(char.ConvertFromUtf32(code), i);
            return i + 2 + hexDigits;
        }
        char? simple = e switch
        {
            '0' => '\0',
            'a' => '\a',
            'b' => '\b',
            't' or '\t' => '\t',
            'n' => '\n',
            'v' => '\v',
            'f' => '\f',
            'r' => '\r',
            'e' => '\u001b',
            ' ' => ' ',
            '"' => '"',
            '/' => '/',
            '\\' => '\\',
            'N' => '\u0085',
            '_' => '\u00a0',
            'L' => '\u2028',
            'P' => '\u2029',
            _ => null,
        };
        if (simple is null)
        {
            return -1;
        }
        scan.Add(simple.Value, i);
        return i + 2;
    }

    private readonly record struct BlockLine(bool IsEmpty, int ContentStart, int ContentEnd, int BreakAt, bool MoreIndented);

    /// <summary>
    /// Literal (<c>|</c>) and folded (<c>&gt;</c>) scalars. The content indentation depends on the parent's
    /// indentation when an indentation indicator is given, which the node does not record; so every
    /// indentation up to one past the first content line's is tried and the one reproducing the value wins.
    /// </summary>
    private static Scan? ScanBlock(string text, int start, string value, ScalarStyle style)
    {
        if (start >= text.Length || text[start] is not ('|' or '>'))
        {
            return null;
        }
        var i = start + 1;
        var chomping = ' ';
        while (i < text.Length && (text[i] is '+' or '-' || char.IsAsciiDigit(text[i])))
        {
            if (text[i] is '+' or '-')
            {
                chomping = text[i];
            }
            i++;
        }
        while (i < text.Length && !IsBreak(text[i]))
        {
            i++;
        }
        var contentStart = i < text.Length ? SkipBreak(text, i) : i;
        var firstIndent = FirstContentIndent(text, contentStart);
        // One deeper than the first content line first: a block whose lines are all too shallow for it (its
        // parent is as deep) holds only its empty lines, and that is how its value is made.
        for (var indent = firstIndent + 1; indent >= 0; indent--)
        {
            var scan = ScanBlockLines(text, contentStart, indent, style == ScalarStyle.Folded, chomping);
            if (scan.Matches(value))
            {
                return scan;
            }
        }
        return null;
    }

    private static int FirstContentIndent(string text, int i)
    {
        while (i < text.Length)
        {
            var spaces = 0;
            while (i + spaces < text.Length && text[i + spaces] == ' ')
            {
                spaces++;
            }
            var j = i + spaces;
            if (j < text.Length && !IsBreak(text[j]))
            {
                return spaces;
            }
            if (j >= text.Length)
            {
                return spaces;
            }
            i = SkipBreak(text, j);
        }
        return 0;
    }

    private static List<BlockLine> BlockLines(string text, int i, int indent)
    {
        var lines = new List<BlockLine>();
        while (i < text.Length)
        {
            var lineEnd = i;
            while (lineEnd < text.Length && !IsBreak(text[lineEnd]))
            {
                lineEnd++;
            }
            var spaces = 0;
            while (i + spaces < lineEnd && text[i + spaces] == ' ')
            {
                spaces++;
            }
            var breakAt = lineEnd < text.Length ? lineEnd : -1;
            if (i + spaces == lineEnd && spaces <= indent)
            {
                lines.Add(new BlockLine(true, lineEnd, lineEnd, breakAt, false));
            }
            else if (spaces >= indent && !(indent == 0 && IsDocumentMarker(text, i)))
            {
                var content = i + indent;
                lines.Add(new BlockLine(false, content, lineEnd, breakAt, content < lineEnd && IsBlank(text[content])));
            }
            else
            {
                break;
            }
            if (breakAt < 0)
            {
                break;
            }
            i = SkipBreak(text, lineEnd);
        }
        return lines;
    }

    private static bool IsDocumentMarker(string text, int i) =>
        text.AsSpan(i).StartsWith("---", StringComparison.Ordinal) || text.AsSpan(i).StartsWith("...", StringComparison.Ordinal);

    private static Scan ScanBlockLines(string text, int contentStart, int indent, bool folded, char chomping)
    {
        var lines = BlockLines(text, contentStart, indent);
        var last = lines.FindLastIndex(l => !l.IsEmpty);
        var scan = new Scan();
        var previous = -1;
        for (var k = 0; k <= last; k++)
        {
            var line = lines[k];
            if (line.IsEmpty)
            {
                continue;
            }
            if (previous >= 0)
            {
                var before = lines[previous];
                var empties = k - previous - 1;
                var foldsToSpace = folded && !before.MoreIndented && !line.MoreIndented;
                if (!foldsToSpace)
                {
                    scan.Add('\n', before.BreakAt);
                }
                else if (empties == 0)
                {
                    scan.Add(' ', before.BreakAt);
                }
                for (var e = previous + 1; e < k; e++)
                {
                    scan.Add('\n', lines[e].ContentStart);
                }
            }
            else
            {
                for (var e = 0; e < k; e++)
                {
                    scan.Add('\n', lines[e].ContentStart);
                }
            }
            for (var c = line.ContentStart; c < line.ContentEnd; c++)
            {
                scan.Add(text[c], c);
            }
            previous = k;
        }
        var end = last >= 0 ? (lines[last].BreakAt >= 0 ? lines[last].BreakAt : lines[last].ContentEnd) : contentStart;
        if (chomping != '-' && last >= 0 && lines[last].BreakAt >= 0)
        {
            scan.Add('\n', lines[last].BreakAt);
        }
        if (chomping == '+')
        {
            for (var e = last + 1; e < lines.Count; e++)
            {
                if (lines[e].BreakAt >= 0)
                {
                    scan.Add('\n', lines[e].ContentStart);
                }
            }
        }
        return scan.Finish(end);
    }
}
