using System.Text;
using ContactRules.Expressions.Checking;
using ContactRules.Text;
using static ContactRules.Expressions.Checking.FunctionOverload;

namespace ContactRules.Expressions.Runtime;

/// <summary>
/// CEL's string extension library (cel-go <c>ext.Strings</c>): <c>charAt</c>, <c>indexOf</c>, <c>lastIndexOf</c>,
/// <c>lowerAscii</c>, <c>upperAscii</c>, <c>replace</c>, <c>split</c>, <c>substring</c>, <c>trim</c>, <c>join</c>,
/// <c>reverse</c>, <c>strings.quote</c> and <c>format</c>. Indices and lengths count code points, as <c>size</c> does.
/// </summary>
internal static class StringExtensions
{
    /// <summary>
    /// No single call may build a string longer than this, whatever the evaluation's limits: the compiler checks
    /// results against the limits afterwards, and this keeps "afterwards" from needing gigabytes first.
    /// </summary>
    private const long HardSizeCap = 1 << 24;

    private static readonly CelType S = CelType.String;
    private static readonly CelType I = CelType.Int;
    private static readonly CelType ListOfStrings = CelType.List(CelType.String);

    public static IEnumerable<FunctionDecl> Functions()
    {
        yield return new FunctionDecl("charAt", "`s.charAt(i)`: the code point at index i, as a string (\"\" at the end).",
            Receiver("string_char_at_int", S, I, S, (s, i) => CharAt((string)s, (long)i)));
        yield return new FunctionDecl("indexOf", "`s.indexOf(t)` or `s.indexOf(t, from)`: the first index of t in s, or -1.",
            Receiver("string_index_of_string", S, S, I, (s, t) => IndexOf((string)s, (string)t, 0)),
            Receiver("string_index_of_string_int", [S, S, I], I, a => IndexOf((string)a[0], (string)a[1], (long)a[2])));
        yield return new FunctionDecl("lastIndexOf", "`s.lastIndexOf(t)` or `s.lastIndexOf(t, from)`: the last index of t in s at or before from, or -1.",
            Receiver("string_last_index_of_string", S, S, I, (s, t) => LastIndexOf((string)s, (string)t, null)),
            Receiver("string_last_index_of_string_int", [S, S, I], I, a => LastIndexOf((string)a[0], (string)a[1], (long)a[2])));
        yield return new FunctionDecl("lowerAscii", "`s.lowerAscii()`: s with ASCII letters in lower case.",
            Receiver("string_lower_ascii", S, S, s => MapAscii((string)s, 'A', 'Z', 'a' - 'A')));
        yield return new FunctionDecl("upperAscii", "`s.upperAscii()`: s with ASCII letters in upper case.",
            Receiver("string_upper_ascii", S, S, s => MapAscii((string)s, 'a', 'z', 'A' - 'a')));
        yield return new FunctionDecl("replace", "`s.replace(old, new)` or `s.replace(old, new, n)`: s with (the first n) occurrences of old replaced.",
            Receiver("string_replace_string_string", [S, S, S], S, a => Replace((string)a[0], (string)a[1], (string)a[2], -1)),
            Receiver("string_replace_string_string_int", [S, S, S, I], S, a => Replace((string)a[0], (string)a[1], (string)a[2], (long)a[3])));
        yield return new FunctionDecl("split", "`s.split(sep)` or `s.split(sep, n)`: the parts of s between separators (at most n).",
            Receiver("string_split_string", S, S, ListOfStrings, (s, sep) => Split((string)s, (string)sep, -1)),
            Receiver("string_split_string_int", [S, S, I], ListOfStrings, a => Split((string)a[0], (string)a[1], (long)a[2])));
        yield return new FunctionDecl("substring", "`s.substring(start)` or `s.substring(start, end)`: the code points from start (to end).",
            Receiver("string_substring_int", S, I, S, (s, start) => Substring((string)s, (long)start, null)),
            Receiver("string_substring_int_int", [S, I, I], S, a => Substring((string)a[0], (long)a[1], (long)a[2])));
        yield return new FunctionDecl("trim", "`s.trim()`: s without leading and trailing white space.",
            Receiver("string_trim", S, S, s => ((string)s).Trim()));
        yield return new FunctionDecl("join", "`l.join()` or `l.join(sep)`: the strings of l joined (by sep).",
            Receiver("list_join", ListOfStrings, S, l => Join((IReadOnlyList<object>)l, "")),
            Receiver("list_join_string", ListOfStrings, S, S, (l, sep) => Join((IReadOnlyList<object>)l, (string)sep)));
        yield return new FunctionDecl("reverse", "`s.reverse()`: the code points of s in reverse order.",
            Receiver("string_reverse", S, S, s => Reverse((string)s)));
        yield return new FunctionDecl("strings.quote", "`strings.quote(s)`: s as a double-quoted CEL string literal.",
            Global("strings_quote", S, S, s => Quote((string)s)));
        yield return new FunctionDecl("format", "`fmt.format(args)`: fmt with its %s, %d, %f, %e, %x, %X, %o, %b clauses filled from the list args.",
            Receiver("string_format", S, CelType.List(CelType.Dyn), S, (f, args) => StringFormat.Format((string)f, (IReadOnlyList<object>)args)));
    }

    /// <summary>Whether a function builds strings or lists whose size the compiler must cap.</summary>
    public static bool ProducesLargeResults(string function) => function is "replace" or "join" or "format" or "split";

    private static int[] CodePoints(string s)
    {
        var result = new List<int>(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            result.Add(rune.Value);
        }
        return [.. result];
    }

    private static string FromCodePoints(ReadOnlySpan<int> codePoints)
    {
        var sb = new StringBuilder(codePoints.Length);
        foreach (var cp in codePoints)
        {
            sb.Append(char.ConvertFromUtf32(cp));
        }
        return sb.ToString();
    }

    private static CelError OutOfRange(long index, int size) => new(Messages.StringIndexOutOfRange(index, size));

    private static object CharAt(string s, long index)
    {
        var cps = CodePoints(s);
        if (index < 0 || index > cps.Length)
        {
            return OutOfRange(index, cps.Length);
        }
        return index == cps.Length ? "" : char.ConvertFromUtf32(cps[index]);
    }

    private static object IndexOf(string s, string t, long from)
    {
        if (t.Length == 0)
        {
            return CelValues.Int(from);
        }
        var cps = CodePoints(s);
        var sub = CodePoints(t);
        if (from < 0 || from >= cps.Length)
        {
            return OutOfRange(from, cps.Length);
        }
        for (var i = (int)from; i <= cps.Length - sub.Length; i++)
        {
            if (cps.AsSpan(i, sub.Length).SequenceEqual(sub))
            {
                return CelValues.Int(i);
            }
        }
        return CelValues.Int(-1);
    }

    private static object LastIndexOf(string s, string t, long? from)
    {
        var cps = CodePoints(s);
        if (t.Length == 0)
        {
            return CelValues.Int(from ?? cps.Length);
        }
        var start = from ?? cps.Length - 1;
        var sub = CodePoints(t);
        if (start < 0 || start >= cps.Length)
        {
            return from is null ? CelValues.Int(-1) : OutOfRange(start, cps.Length);
        }
        for (var i = (int)Math.Min(start, cps.Length - sub.Length); i >= 0; i--)
        {
            if (cps.AsSpan(i, sub.Length).SequenceEqual(sub))
            {
                return CelValues.Int(i);
            }
        }
        return CelValues.Int(-1);
    }

    private static string MapAscii(string s, char first, char last, int shift) =>
        string.Create(s.Length, s, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c >= first && c <= last ? (char)(c + shift) : c;
            }
        });

    /// <summary>Go's <c>strings.Replace</c>: n &lt; 0 replaces all; an empty old matches before every code point and at the end.</summary>
    private static object Replace(string s, string old, string replacement, long n)
    {
        var matches = new List<int>();
        if (old.Length == 0)
        {
            for (var i = 0; i <= s.Length; i++)
            {
                if (i == s.Length || !char.IsLowSurrogate(s[i]))
                {
                    matches.Add(i);
                }
            }
        }
        else
        {
            for (var i = s.IndexOf(old, StringComparison.Ordinal); i >= 0; i = s.IndexOf(old, i + old.Length, StringComparison.Ordinal))
            {
                matches.Add(i);
            }
        }
        var count = n < 0 ? matches.Count : (int)Math.Min(n, matches.Count);
        if (s.Length + (long)count * (replacement.Length - old.Length) > HardSizeCap)
        {
            return new CelError(Messages.BudgetExceeded);
        }
        var sb = new StringBuilder();
        var last = 0;
        for (var k = 0; k < count; k++)
        {
            sb.Append(s, last, matches[k] - last).Append(replacement);
            last = matches[k] + old.Length;
        }
        return sb.Append(s, last, s.Length - last).ToString();
    }

    /// <summary>Go's <c>strings.SplitN</c>: n == 0 gives no parts, n &lt; 0 all; an empty separator splits code points.</summary>
    private static object[] Split(string s, string separator, long n)
    {
        if (n == 0)
        {
            return [];
        }
        var parts = new List<object>();
        if (separator.Length == 0)
        {
            var cps = CodePoints(s);
            for (var i = 0; i < cps.Length; i++)
            {
                if (n > 0 && parts.Count == n - 1)
                {
                    parts.Add(FromCodePoints(cps.AsSpan(i)));
                    return parts.ToArray();
                }
                parts.Add(char.ConvertFromUtf32(cps[i]));
            }
            return parts.ToArray();
        }
        var start = 0;
        while (n < 0 || parts.Count < n - 1)
        {
            var at = s.IndexOf(separator, start, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }
            parts.Add(s[start..at]);
            start = at + separator.Length;
        }
        parts.Add(s[start..]);
        return parts.ToArray();
    }

    private static object Substring(string s, long start, long? end)
    {
        var cps = CodePoints(s);
        var stop = end ?? cps.Length;
        if (start > stop)
        {
            return new CelError(Messages.InvalidSubstringRange(start, stop));
        }
        if (start < 0 || start > cps.Length)
        {
            return OutOfRange(start, cps.Length);
        }
        if (stop > cps.Length)
        {
            return OutOfRange(stop, cps.Length);
        }
        return FromCodePoints(cps.AsSpan((int)start, (int)(stop - start)));
    }

    private static object Join(IReadOnlyList<object> list, string separator)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not string s)
            {
                return new CelError(Messages.NoSuchOverload("join", ["list(" + CelValues.TypeName(list[i]) + ")"]));
            }
            if (i > 0)
            {
                sb.Append(separator);
            }
            sb.Append(s);
            if (sb.Length > HardSizeCap)
            {
                return new CelError(Messages.BudgetExceeded);
            }
        }
        return sb.ToString();
    }

    private static string Reverse(string s)
    {
        var cps = CodePoints(s);
        Array.Reverse(cps);
        return FromCodePoints(cps);
    }

    /// <summary><c>strings.quote</c>: escapes as cel-go does, and replaces unpaired surrogates with U+FFFD.</summary>
    private static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                default: sb.Append(rune.ToString()); break;
            }
        }
        return sb.Append('"').ToString();
    }
}
