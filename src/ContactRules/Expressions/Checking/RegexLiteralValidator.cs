using System.Text.RegularExpressions;
using ContactRules.Expressions.Runtime;
using ContactRules.Text;

namespace ContactRules.Expressions.Checking;

/// <summary>
/// Validates the literal pattern of a <c>matches</c> call as the linear-time engine will see it, so a broken
/// pattern is reported when the rule is loaded rather than as an error value on every evaluation.
/// </summary>
internal static class RegexLiteralValidator
{
    /// <summary>Null when <paramref name="pattern"/> is valid, otherwise why not (without the pattern itself).</summary>
    public static string? Problem(string pattern) =>
        // The runtime's cache compiles each pattern once, so the compiler then finds this literal ready.
        CelRegex.Compile(pattern) is Regex ? null : Describe(pattern);

    /// <summary>Words the failure of an invalid pattern (rare, so it may compile it again for the details).</summary>
    private static string Describe(string pattern)
    {
        try
        {
            // As CelRegex does: RE2 spells named groups (?P<name>…), .NET (?<name>…).
            _ = new Regex(pattern.Replace("(?P<", "(?<", StringComparison.Ordinal), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return Messages.RegexInvalid;
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
