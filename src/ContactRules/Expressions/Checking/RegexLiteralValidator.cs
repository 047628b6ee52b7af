using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ContactRules.Text;

namespace ContactRules.Expressions.Checking;

/// <summary>
/// Validates the literal pattern of a <c>matches</c> call as the linear-time engine will see it, so a broken
/// pattern is reported when the rule is loaded rather than as an error value on every evaluation.
/// </summary>
internal static class RegexLiteralValidator
{
    private const int CacheLimit = 1024;

    // Rule files repeat the same few patterns; building a NonBacktracking regex costs far more than a lookup.
    // The value is the problem, or "" for a valid pattern.
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="pattern"/> is valid, otherwise why not (without the pattern itself).</summary>
    public static string? Problem(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached.Length == 0 ? null : cached;
        }
        var problem = Validate(pattern);
        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd(pattern, problem ?? "");
        }
        return problem;
    }

    private static string? Validate(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return null;
        }
        catch (RegexParseException e)
        {
            return Messages.RegexSyntax(e.Error, e.Offset);
        }
        catch (NotSupportedException)
        {
            return Messages.RegexNotLinear(UnsupportedConstruct(pattern));
        }
        catch (ArgumentException)
        {
            return Messages.RegexInvalid;
        }
    }

    /// <summary>Names the construct the linear-time engine refused, for the message.</summary>
    private static RegexConstruct UnsupportedConstruct(string pattern)
    {
        for (var i = 0; i + 1 < pattern.Length; i++)
        {
            var c = pattern[i];
            var next = pattern[i + 1];
            if (c == '\\')
            {
                if (next is >= '1' and <= '9' || next == 'k')
                {
                    return RegexConstruct.Backreference;
                }
                i++; // an escaped character is never the start of a construct
                continue;
            }
            if (c != '(' || next != '?' || i + 2 >= pattern.Length)
            {
                continue;
            }
            var kind = pattern[i + 2];
            var after = i + 3 < pattern.Length ? pattern[i + 3] : '\0';
            if (kind is '=' or '!' || (kind == '<' && after is '=' or '!'))
            {
                return RegexConstruct.Lookaround;
            }
            if (kind == '>')
            {
                return RegexConstruct.AtomicGroup;
            }
            if (kind == '(')
            {
                return RegexConstruct.Conditional;
            }
        }
        return RegexConstruct.Other;
    }
}

/// <summary>Constructs a backtracking engine has and the linear-time engine deliberately lacks.</summary>
internal enum RegexConstruct
{
    Backreference,
    Lookaround,
    AtomicGroup,
    Conditional,
    Other,
}
