using ContactRules.Text;

namespace ContactRules.Yaml;

/// <summary>
/// Forwards to the shared <see cref="Suggestions"/>: the input side's own edit distance is gone, and this
/// name stays only until the rule-file loader calls <see cref="Suggestions.Best"/> directly.
/// </summary>
internal static class NameSuggestions
{
    public static string? Closest(string name, IEnumerable<string> candidates) => Suggestions.Best(name, candidates);
}
