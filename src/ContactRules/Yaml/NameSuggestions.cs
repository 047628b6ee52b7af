namespace ContactRules.Yaml;

/// <summary>
/// "Did you mean" for misspelt keys and names in input files. A stand-in, private to the input side,
/// until the shared <c>Text/Suggestions.cs</c> (expression checker) is merged; then this goes.
/// </summary>
internal static class NameSuggestions
{
    /// <summary>The candidate closest to <paramref name="name"/>, if close enough to be a likely typo.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // A difference of case only is the likeliest slip of all.
            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)
                ? 0
                : InputEditDistance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best is not null && bestDistance <= Math.Max(1, name.Length / 3) ? best : null;
    }

    /// <summary>Levenshtein distance (insert, delete, substitute), two rows at a time.</summary>
    private static int InputEditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
