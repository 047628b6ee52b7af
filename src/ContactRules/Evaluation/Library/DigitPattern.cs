namespace ContactRules.Evaluation.Library;

/// <summary>
/// A regular expression of libphonenumber's metadata (digits, <c>[..]</c> classes, groups, <c>|</c>,
/// <c>?</c> <c>*</c> <c>+</c> <c>{n,m}</c>) read into a tree whose leaves are sets of ASCII digits. The
/// inputs it is matched against are digit strings only, so a leaf is a 10-bit mask: a literal that is not
/// a digit can never match and becomes the empty set, which keeps the language over digits exact.
/// Anything else (back-references, look-arounds, anchors where none are allowed) is refused with
/// <see cref="NotSupportedException"/>, and the caller falls back to <see cref="System.Text.RegularExpressions.Regex"/>.
/// </summary>
internal abstract class DigitPattern
{
    private const ushort AllDigits = 0x3FF;

    private DigitPattern()
    {
    }

    /// <summary>Whether the pattern matches the empty string (an end anchor counts as matching it).</summary>
    public abstract bool Nullable { get; }

    /// <summary>The digits a non-empty match can start with.</summary>
    public abstract ushort First { get; }

    /// <summary>Reads <paramref name="pattern"/>; <paramref name="allowEndAnchor"/> admits <c>$</c>, read as matching empty.</summary>
    public static DigitPattern Parse(string pattern, bool allowEndAnchor = false)
    {
        var reader = new Reader(pattern, allowEndAnchor);
        var tree = reader.Alternation();
        if (reader.Position != pattern.Length)
        {
            throw new NotSupportedException("unexpected ')' in " + pattern);
        }
        return tree;
    }

    /// <summary>Adds this pattern to <paramref name="nfa"/> between <paramref name="from"/> and a new state it returns.</summary>
    public abstract int Build(Nfa nfa, int from);

    private sealed class Set(ushort mask) : DigitPattern
    {
        public override bool Nullable => false;

        public override ushort First => mask;

        public override int Build(Nfa nfa, int from)
        {
            var to = nfa.AddState();
            nfa.AddMove(from, mask, to);
            return to;
        }
    }

    private sealed class Empty : DigitPattern
    {
        public static readonly Empty Instance = new();

        public override bool Nullable => true;

        public override ushort First => 0;

        public override int Build(Nfa nfa, int from) => from;
    }

    private sealed class Sequence(DigitPattern[] parts) : DigitPattern
    {
        public override bool Nullable => parts.All(p => p.Nullable);

        public override ushort First
        {
            get
            {
                ushort first = 0;
                foreach (var part in parts)
                {
                    first |= part.First;
                    if (!part.Nullable)
                    {
                        break;
                    }
                }
                return first;
            }
        }

        public override int Build(Nfa nfa, int from)
        {
            foreach (var part in parts)
            {
                from = part.Build(nfa, from);
            }
            return from;
        }
    }

    private sealed class Choice(DigitPattern[] options) : DigitPattern
    {
        public override bool Nullable => options.Any(o => o.Nullable);

        public override ushort First => (ushort)options.Aggregate(0, (m, o) => m | o.First);

        public override int Build(Nfa nfa, int from)
        {
            var to = nfa.AddState();
            foreach (var option in options)
            {
                var start = nfa.AddState();
                nfa.AddEpsilon(from, start);
                nfa.AddEpsilon(option.Build(nfa, start), to);
            }
            return to;
        }
    }

    private sealed class Repeat(DigitPattern body, int min, int max) : DigitPattern
    {
        public override bool Nullable => min == 0 || body.Nullable;

        public override ushort First => max == 0 ? (ushort)0 : body.First;

        public override int Build(Nfa nfa, int from)
        {
            for (var i = 0; i < min; i++)
            {
                from = Fresh(nfa, from);
            }
            if (max < 0)
            {
                // Kleene star: a loop state that may enter the body and comes back to itself.
                var loop = nfa.AddState();
                nfa.AddEpsilon(from, loop);
                nfa.AddEpsilon(Fresh(nfa, loop), loop);
                return loop;
            }
            var to = nfa.AddState();
            for (var i = min; i < max; i++)
            {
                nfa.AddEpsilon(from, to);
                from = Fresh(nfa, from);
            }
            nfa.AddEpsilon(from, to);
            return to;
        }

        // Each copy gets its own entry state, so a loop's epsilon edges never reach into another copy.
        private int Fresh(Nfa nfa, int from)
        {
            var start = nfa.AddState();
            nfa.AddEpsilon(from, start);
            return body.Build(nfa, start);
        }
    }

    private sealed class Reader(string pattern, bool allowEndAnchor)
    {
        public int Position { get; private set; }

        public DigitPattern Alternation()
        {
            var options = new List<DigitPattern> { Concatenation() };
            while (Peek() == '|')
            {
                Position++;
                options.Add(Concatenation());
            }
            return options.Count == 1 ? options[0] : new Choice([.. options]);
        }

        private DigitPattern Concatenation()
        {
            var parts = new List<DigitPattern>();
            while (Peek() is not ('\0' or '|' or ')'))
            {
                parts.Add(Quantified(Atom()));
            }
            return parts.Count switch
            {
                0 => Empty.Instance,
                1 => parts[0],
                _ => new Sequence([.. parts]),
            };
        }

        private DigitPattern Quantified(DigitPattern atom)
        {
            while (true)
            {
                int min, max;
                switch (Peek())
                {
                    case '?': Position++; (min, max) = (0, 1); break;
                    case '*': Position++; (min, max) = (0, -1); break;
                    case '+': Position++; (min, max) = (1, -1); break;
                    case '{':
                        Position++;
                        min = Number();
                        max = min;
                        if (Peek() == ',')
                        {
                            Position++;
                            max = Peek() == '}' ? -1 : Number();
                        }
                        Expect('}');
                        if (max >= 0 && max < min)
                        {
                            throw new NotSupportedException("bad bounds in " + pattern);
                        }
                        break;
                    default:
                        return atom;
                }
                if (Peek() == '?')
                {
                    Position++; // a lazy quantifier matches the same language
                }
                atom = new Repeat(atom, min, max);
            }
        }

        private DigitPattern Atom()
        {
            var c = pattern[Position++];
            switch (c)
            {
                case '(':
                    if (Peek() == '?')
                    {
                        Position++;
                        Expect(':'); // only non-capturing groups; look-arounds and named groups are refused
                    }
                    var inner = Alternation();
                    Expect(')');
                    return inner;
                case '[':
                    return new Set(Class());
                case '\\':
                    return new Set(Escape());
                case '.':
                    return new Set(AllDigits);
                case '$' when allowEndAnchor:
                    return Empty.Instance;
                case '^' or '$' or '{' or '}' or '*' or '+' or '?':
                    throw new NotSupportedException($"'{c}' in {pattern}");
                default:
                    return new Set(Digit(c));
            }
        }

        private ushort Class()
        {
            var negate = Peek() == '^';
            if (negate)
            {
                Position++;
            }
            ushort mask = 0;
            var firstItem = true;
            while (Position < pattern.Length && (pattern[Position] != ']' || firstItem))
            {
                firstItem = false;
                var c = pattern[Position++];
                if (c == '\\')
                {
                    mask |= Escape();
                    continue;
                }
                if (Peek() == '-' && Position + 1 < pattern.Length && pattern[Position + 1] != ']')
                {
                    Position++;
                    var end = pattern[Position++];
                    if (end == '\\' || end < c)
                    {
                        throw new NotSupportedException("range in " + pattern);
                    }
                    for (var d = '0'; d <= '9'; d++)
                    {
                        if (d >= c && d <= end)
                        {
                            mask |= (ushort)(1 << (d - '0'));
                        }
                    }
                    continue;
                }
                mask |= Digit(c);
            }
            Expect(']');
            return negate ? (ushort)(~mask & AllDigits) : mask;
        }

        private ushort Escape()
        {
            var c = Position < pattern.Length ? pattern[Position++] : '\0';
            return c switch
            {
                'd' => AllDigits,
                'D' or 's' or 'S' or 'w' or 'W' or 'b' or 'B' => throw new NotSupportedException("\\" + c + " in " + pattern),
                _ when char.IsAsciiLetterOrDigit(c) => throw new NotSupportedException("\\" + c + " in " + pattern),
                _ => 0, // an escaped punctuation character is a literal, never a digit
            };
        }

        private static ushort Digit(char c) => char.IsAsciiDigit(c) ? (ushort)(1 << (c - '0')) : (ushort)0;

        private int Number()
        {
            var start = Position;
            while (char.IsAsciiDigit(Peek()))
            {
                Position++;
            }
            if (Position == start || Position - start > 4)
            {
                throw new NotSupportedException("bad count in " + pattern);
            }
            return int.Parse(pattern.AsSpan(start, Position - start), System.Globalization.CultureInfo.InvariantCulture);
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw new NotSupportedException($"expected '{c}' at {Position} in {pattern}");
            }
            Position++;
        }

        private char Peek() => Position < pattern.Length ? pattern[Position] : '\0';
    }
}

/// <summary>A nondeterministic automaton over the ten digits, with epsilon moves and tagged accepting states.</summary>
internal sealed class Nfa
{
    private readonly List<List<int>?> _epsilon = [];
    private readonly List<List<(ushort Mask, int To)>?> _moves = [];
    private readonly List<uint> _tags = [];

    public int Count => _tags.Count;

    public int AddState()
    {
        _epsilon.Add(null);
        _moves.Add(null);
        _tags.Add(0);
        return _tags.Count - 1;
    }

    public void AddEpsilon(int from, int to) => (_epsilon[from] ??= []).Add(to);

    public void AddMove(int from, ushort mask, int to)
    {
        if (mask != 0)
        {
            (_moves[from] ??= []).Add((mask, to));
        }
    }

    public void Tag(int state, uint tag) => _tags[state] |= tag;

    /// <summary>
    /// The equivalent deterministic automaton by subset construction, or null past
    /// <paramref name="maxStates"/> states (the caller then matches otherwise).
    /// </summary>
    public DigitDfa? Determinize(int start, int maxStates)
    {
        var ids = new Dictionary<int[], int>(IntArrayComparer.Instance);
        var sets = new List<int[]> { Array.Empty<int>() }; // state 0: dead
        ids[sets[0]] = 0;
        var next = new List<int>();
        var tags = new List<uint> { 0 };
        var startSet = Closure([start]);
        ids[startSet] = 1;
        sets.Add(startSet);
        tags.Add(TagsOf(startSet));
        next.AddRange(Enumerable.Repeat(0, 10)); // dead loops to itself
        var buckets = new HashSet<int>[10];
        for (var d = 0; d < 10; d++)
        {
            buckets[d] = [];
        }
        for (var s = 1; s < sets.Count; s++)
        {
            foreach (var bucket in buckets)
            {
                bucket.Clear();
            }
            foreach (var state in sets[s])
            {
                if (_moves[state] is { } moves)
                {
                    foreach (var (mask, to) in moves)
                    {
                        for (var d = 0; d < 10; d++)
                        {
                            if ((mask & (1 << d)) != 0)
                            {
                                buckets[d].Add(to);
                            }
                        }
                    }
                }
            }
            for (var d = 0; d < 10; d++)
            {
                if (buckets[d].Count == 0)
                {
                    next.Add(0);
                    continue;
                }
                var target = Closure(buckets[d]);
                if (!ids.TryGetValue(target, out var id))
                {
                    if (sets.Count >= maxStates)
                    {
                        return null;
                    }
                    id = sets.Count;
                    ids[target] = id;
                    sets.Add(target);
                    tags.Add(TagsOf(target));
                }
                next.Add(id);
            }
        }
        return new DigitDfa([.. next], [.. tags]);
    }

    private uint TagsOf(int[] set)
    {
        uint tags = 0;
        foreach (var state in set)
        {
            tags |= _tags[state];
        }
        return tags;
    }

    private int[] Closure(IEnumerable<int> states)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>(states);
        while (stack.Count > 0)
        {
            var state = stack.Pop();
            if (seen.Add(state) && _epsilon[state] is { } targets)
            {
                foreach (var target in targets)
                {
                    stack.Push(target);
                }
            }
        }
        var set = seen.ToArray();
        Array.Sort(set);
        return set;
    }

    private sealed class IntArrayComparer : IEqualityComparer<int[]>
    {
        public static readonly IntArrayComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(obj.AsSpan()));
            return hash.ToHashCode();
        }
    }
}

/// <summary>
/// A deterministic automaton over digits: one table look-up per digit, so matching is linear in the
/// number's length with no backtracking. State 0 is dead, state 1 the start; each state carries the
/// tags (bit per pattern) of the patterns that accept the input read so far.
/// </summary>
internal sealed class DigitDfa(int[] next, uint[] tags)
{
    public int StateCount => tags.Length;

    /// <summary>The tags of the patterns that match all of <paramref name="digits"/> (ASCII digits only).</summary>
    public uint MatchAll(ReadOnlySpan<char> digits)
    {
        var state = 1;
        foreach (var c in digits)
        {
            state = next[(state * 10) + (c - '0')];
            if (state == 0)
            {
                return 0;
            }
        }
        return tags[state];
    }

    /// <summary>Whether some prefix of <paramref name="digits"/> (the empty one included) matches.</summary>
    public bool MatchesPrefix(ReadOnlySpan<char> digits)
    {
        var state = 1;
        if (tags[state] != 0)
        {
            return true;
        }
        foreach (var c in digits)
        {
            state = next[(state * 10) + (c - '0')];
            if (state == 0)
            {
                return false;
            }
            if (tags[state] != 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The automaton of <paramref name="patterns"/> at once, pattern i tagged with bit i; null past the size limit.</summary>
    public static DigitDfa? Compile(IReadOnlyList<DigitPattern> patterns, int maxStates)
    {
        var nfa = new Nfa();
        var start = nfa.AddState();
        for (var i = 0; i < patterns.Count; i++)
        {
            var entry = nfa.AddState();
            nfa.AddEpsilon(start, entry);
            nfa.Tag(patterns[i].Build(nfa, entry), 1u << i);
        }
        return nfa.Determinize(start, maxStates);
    }
}
