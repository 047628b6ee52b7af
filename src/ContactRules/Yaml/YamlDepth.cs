namespace ContactRules.Yaml;

/// <summary>
/// Finds where a YAML text nests deeper than <see cref="Limit"/> levels, before YamlDotNet sees it: its
/// scanner and our node builder recurse per level, so 30,000 `[` overflow the stack and end the process.
/// The scan is a small tokenizer that knows just enough YAML to count levels: flow brackets, block
/// indentation (and compact `- - x` indicators), quoted and block scalars and comments, whose brackets do
/// not count. It may count a level or two more than YAML does on odd layouts; it never counts fewer for
/// brackets YamlDotNet would see as brackets, which is what keeps the stack safe.
/// </summary>
internal static class YamlDepth
{
    /// <summary>The deepest nesting accepted; real rule and project files use fewer than 10 levels.</summary>
    public const int Limit = 100;

    /// <summary>The character offset where nesting first passes <see cref="Limit"/>, or -1 when it never does.</summary>
    public static int FindTooDeep(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Scan(text).Run();
    }

    private sealed class Scan(string text)
    {
        private readonly List<int> _indents = [];
        private int _flow;
        private int _position;

        private int Depth => _indents.Count + _flow;

        public int Run()
        {
            while (_position < text.Length)
            {
                var found = Line();
                if (found >= 0)
                {
                    return found;
                }
            }
            return -1;
        }

        /// <summary>Scans from the start of a line to the start of the next; the offset where the limit is passed, or -1.</summary>
        private int Line()
        {
            var lineStart = _position;
            var indentEnd = SkipWhile(_position, c => c == ' ');
            _position = indentEnd;
            if (AtLineEnd(indentEnd) || text[indentEnd] == '#')
            {
                SkipLine();
                return -1;
            }
            if (_flow == 0)
            {
                if (IsDocumentMarker(indentEnd))
                {
                    _indents.Clear();
                    SkipLine();
                    return -1;
                }
                var indent = indentEnd - lineStart;
                while (_indents.Count > 0 && _indents[^1] > indent)
                {
                    _indents.RemoveAt(_indents.Count - 1);
                }
                if (Push(indent, indentEnd) is var tooDeep and >= 0)
                {
                    return tooDeep;
                }
            }
            return Rest(lineStart, indentEnd - lineStart);
        }

        /// <summary>Adds a block level at <paramref name="indent"/> unless the innermost one is already there.</summary>
        private int Push(int indent, int at)
        {
            if (_indents.Count == 0 || _indents[^1] < indent)
            {
                _indents.Add(indent);
            }
            return Depth > Limit ? at : -1;
        }

        /// <summary>The rest of a line after its indentation.</summary>
        private int Rest(int lineStart, int indent)
        {
            var valueStart = true;
            while (!AtLineEnd(_position))
            {
                var c = text[_position];
                if (c is ' ' or '\t')
                {
                    _position++;
                    continue;
                }
                if (c == '#' && (_position == 0 || text[_position - 1] is ' ' or '\t'))
                {
                    SkipLine();
                    return -1;
                }
                if (c is '[' or '{' && (_flow > 0 || valueStart))
                {
                    _flow++;
                    if (Depth > Limit)
                    {
                        return _position;
                    }
                    _position++;
                    valueStart = true;
                    continue;
                }
                if (c is ']' or '}' && _flow > 0)
                {
                    _flow--;
                    _position++;
                    valueStart = false;
                    continue;
                }
                if (c == ',' && _flow > 0)
                {
                    _position++;
                    valueStart = true;
                    continue;
                }
                if (c is '"' or '\'' && (valueStart || _flow > 0 && StartsToken(_position)))
                {
                    SkipQuoted(c);
                    valueStart = false;
                    continue;
                }
                if (c is '-' or '?' or ':' && valueStart && IsIndicator(_position))
                {
                    // The node after the indicator starts a level at its own column (`- - x` nests twice); when
                    // it starts on the next line, that line's indentation is its level.
                    var content = SkipWhile(_position + 1, c => c == ' ');
                    if (_flow == 0 && !AtLineEnd(content) && Push(content - lineStart, _position) is var tooDeep and >= 0)
                    {
                        return tooDeep;
                    }
                    _position = content;
                    continue;
                }
                if (c == ':' && IsIndicator(_position))
                {
                    _position++;
                    valueStart = true;
                    continue;
                }
                if (c is '|' or '>' && valueStart && _flow == 0)
                {
                    SkipLine();
                    SkipBlockScalar(indent);
                    return -1;
                }
                _position++;
                valueStart = false;
            }
            SkipLine();
            return -1;
        }

        /// <summary>A `-`, `?` or `:` followed by a space or the line's end is an indicator, not part of a scalar.</summary>
        private bool IsIndicator(int at) => at + 1 >= text.Length || text[at + 1] is ' ' or '\t' or '\r' or '\n'
            || text[at] == ':' && _flow > 0 && text[at + 1] is ',' or '[' or ']' or '{' or '}';

        /// <summary>In flow context a quote opens a scalar only where a token starts (`[it's]` is a plain scalar).</summary>
        private bool StartsToken(int at) => at == 0 || text[at - 1] is ' ' or '\t' or '[' or '{' or ',' or ':' or '\n';

        private void SkipQuoted(char quote)
        {
            _position++;
            while (_position < text.Length)
            {
                var c = text[_position];
                if (quote == '"' && c == '\\')
                {
                    _position += 2;
                    continue;
                }
                _position++;
                if (c == quote)
                {
                    if (quote == '\'' && _position < text.Length && text[_position] == '\'')
                    {
                        _position++;
                        continue;
                    }
                    return;
                }
            }
        }

        /// <summary>Skips the lines of a literal or folded scalar: those blank or indented more than its parent line.</summary>
        private void SkipBlockScalar(int parentIndent)
        {
            while (_position < text.Length)
            {
                var contentStart = SkipWhile(_position, c => c == ' ');
                if (!AtLineEnd(contentStart) && contentStart - _position <= parentIndent)
                {
                    return;
                }
                _position = contentStart;
                SkipLine();
            }
        }

        private bool IsDocumentMarker(int at) =>
            at + 3 <= text.Length
            && (string.CompareOrdinal(text, at, "---", 0, 3) == 0 || string.CompareOrdinal(text, at, "...", 0, 3) == 0)
            && (at + 3 == text.Length || text[at + 3] is ' ' or '\t' or '\r' or '\n');

        private bool AtLineEnd(int at) => at >= text.Length || text[at] is '\n' or '\r';

        private void SkipLine()
        {
            // A quoted scalar's escape at the very end can leave the position one past the text.
            if (_position >= text.Length)
            {
                _position = text.Length;
                return;
            }
            var end = text.IndexOf('\n', _position);
            _position = end < 0 ? text.Length : end + 1;
        }

        private int SkipWhile(int at, Func<char, bool> predicate)
        {
            while (at < text.Length && predicate(text[at]))
            {
                at++;
            }
            return at;
        }
    }
}
