namespace ContactRules.Text;

/// <summary>
/// "Did you mean" help: ranks candidate names by how few edits turn the misspelt name into them
/// (optimal-string-alignment Damerau-Levenshtein, so a swapped pair of letters is one edit), ignoring case.
/// Used for unknown names and functions in expressions and for unknown keys in rule files.
/// </summary>
internal static class Suggestions
{
    /// <summary>The closest candidate within a sensible distance, or null.</summary>
    public static string? Best(string input, IEnumerable<string> candidates)
    {
        var closest = Closest(input, candidates, 1);
        return closest.Count == 0 ? null : closest[0];
    }

    /// <summary>
    /// Up to <paramref name="max"/> candidates within a sensible distance of <paramref name="input"/>, closest first
    /// (ties in ordinal order, so the answer does not depend on how the candidates were stored). A dotted candidate (<c>phone.isValid</c>) also matches on its last part, so
    /// <c>isValid</c> finds it.
    /// </summary>
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> candidates, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        var limit = Threshold(input.Length);
        var ranked = new List<(int Distance, string Name)>();
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrEmpty(candidate) || string.Equals(candidate, input, StringComparison.Ordinal))
            {
                continue;
            }
            var distance = Distance(input, candidate);
            var dot = candidate.LastIndexOf('.');
            if (dot >= 0 && !input.Contains('.', StringComparison.Ordinal))
            {
                distance = Math.Min(distance, Distance(input, candidate[(dot + 1)..]));
            }
            if (distance <= limit)
            {
                ranked.Add((distance, candidate));
            }
        }
        ranked.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Name, b.Name));
        var result = new List<string>(Math.Min(max, ranked.Count));
        foreach (var (_, name) in ranked)
        {
            if (result.Count == max)
            {
                break;
            }
            if (!result.Contains(name, StringComparer.Ordinal))
            {
                result.Add(name);
            }
        }
        return result;
    }

    /// <summary>
    /// The number of single-letter insertions, deletions, substitutions and adjacent swaps between the two
    /// strings, comparing letters without regard to case (a difference of case alone costs nothing).
    /// </summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // Three rolling rows suffice for the adjacent-swap rule.
        var width = b.Length + 1;
        var previous2 = new int[width];
        var previous = new int[width];
        var current = new int[width];
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = SameLetter(a[i - 1], b[j - 1]) ? 0 : 1;
                var best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && SameLetter(a[i - 1], b[j - 2]) && SameLetter(a[i - 2], b[j - 1]))
                {
                    best = Math.Min(best, previous2[j - 2] + 1);
                }
                current[j] = best;
            }
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }

    // Short names tolerate one slip; longer ones roughly one per three letters, so unrelated words are not offered.
    private static int Threshold(int length) => length switch
    {
        <= 1 => 0,
        <= 4 => 1,
        <= 8 => 2,
        _ => 3,
    };

    private static bool SameLetter(char x, char y) => x == y || char.ToLowerInvariant(x) == char.ToLowerInvariant(y);
}
