using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ContactRules.Text;

namespace ContactRules.Expressions.Runtime;

/// <summary>
/// CEL's <c>matches</c>: RE2 syntax run by .NET's linear-time engine (<see cref="RegexOptions.NonBacktracking"/>),
/// with unanchored search semantics. Compiled patterns are cached, so a pattern computed at run time is
/// compiled once too; literal patterns are compiled by the compiler before the first evaluation.
/// </summary>
internal static class CelRegex
{
    private const int MaxCached = 512;

    private static readonly ConcurrentDictionary<string, object> Cache = new(StringComparer.Ordinal);

    /// <summary>The compiled pattern, or a <see cref="CelError"/> when it is not a valid (RE2-compatible) expression.</summary>
    public static object Compile(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }
        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }
        return Cache.GetOrAdd(pattern, Create);
    }

    /// <summary>Whether <paramref name="pattern"/> compiles; the reason otherwise (the checker reports invalid literals).</summary>
    public static bool TryValidate(string pattern, out string reason)
    {
        var compiled = Compile(pattern);
        reason = compiled is CelError e ? e.Message : "";
        return compiled is Regex;
    }

    public static object Matches(string input, string pattern) =>
        Compile(pattern) is Regex regex ? CelValues.Bool(regex.IsMatch(input)) : Compile(pattern);

    private static object Create(string pattern)
    {
        try
        {
            // RE2 spells named groups (?P<name>…); .NET knows them as (?<name>…).
            var dotnet = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
            return new Regex(dotnet, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            return new CelError(Messages.InvalidRegex(pattern, e.Message));
        }
        catch (NotSupportedException e)
        {
            return new CelError(Messages.InvalidRegex(pattern, e.Message));
        }
    }
}
