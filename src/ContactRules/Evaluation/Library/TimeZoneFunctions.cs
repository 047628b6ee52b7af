using System.Collections.Frozen;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;
using NodaTime;

namespace ContactRules.Evaluation.Library;

/// <summary><c>tz.*</c>: IANA time zone ids, from NodaTime's built-in tzdb.</summary>
internal static class TimeZoneFunctions
{
    private static readonly FrozenSet<string> Ids = DateTimeZoneProviders.Tzdb.Ids.ToFrozenSet(StringComparer.Ordinal);

    // For lookups ignoring case, as CommCare HQ's pytz does ("america/new_york").
    private static readonly FrozenDictionary<string, string> IdsIgnoringCase = DateTimeZoneProviders.Tzdb.Ids
        .ToFrozenDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<FunctionDecl> Declarations()
    {
        yield return new FunctionDecl("tz.isKnown",
            "Whether the value is an IANA time zone id, spelled exactly (America/New_York).",
            FunctionOverload.Global("tz_isKnown_string", CelType.String, CelType.Bool, v => CelValues.Bool(IsKnown((string)v))));
        yield return new FunctionDecl("tz.find",
            "The IANA id the value names, ignoring case when the second argument is true; \"\" when it names none.",
            FunctionOverload.Global("tz_find_string_bool", CelType.String, CelType.Bool, CelType.String,
                (v, ignoreCase) => Find((string)v, (bool)ignoreCase) ?? ""));
    }

    internal static bool IsKnown(string id) => Ids.Contains(id);

    internal static string? Find(string id, bool ignoreCase) =>
        Ids.Contains(id) ? id : ignoreCase && IdsIgnoringCase.TryGetValue(id, out var canonical) ? canonical : null;

    /// <summary>The tzdb version, for <c>--version</c>.</summary>
    internal static string TzdbVersion => DateTimeZoneProviders.Tzdb.VersionId;
}
