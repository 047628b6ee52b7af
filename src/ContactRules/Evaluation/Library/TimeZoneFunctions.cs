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
        yield return new FunctionDecl("tz.findPytz",
            "The IANA id the value names as pytz.timezone reads it (CommCare HQ's lookup): ignoring case, _plus_ and _minus_ for + and - (Etc/GMT_plus_5 is Etc/GMT+5), ASCII only, no trimming; \"\" when it names none.",
            FunctionOverload.Global("tz_findPytz_string", CelType.String, CelType.String, v => FindPytz((string)v) ?? ""));
        yield return new FunctionDecl("tz.canonical",
            "The canonical IANA id of the zone the value names, written in another case (asia/kolkata), with spaces for underscores (America/New York), trimmed, or as a tzdb alias (US/Eastern, Asia/Calcutta): Asia/Kolkata, America/New_York; \"\" when it names no zone, or only a legacy id without an area (EST, CET), which people mean otherwise.",
            FunctionOverload.Global("tz_canonical_string", CelType.String, CelType.String, v => Canonical((string)v) ?? ""));
    }

    // Built on first use only: most runs never suggest a time zone.
    private static class Aliases
    {
        public static readonly FrozenDictionary<string, string> Canonical =
            NodaTime.TimeZones.TzdbDateTimeZoneSource.Default.CanonicalIdMap.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// The canonical id of the zone <paramref name="written"/> names: looked up ignoring case, after trimming and
    /// with runs of white space read as one underscore (what people type for "America/New_York"), then the
    /// tzdb alias mapped to its zone. Nothing else is guessed: an unknown name has no canonical id.
    /// </summary>
    internal static string? Canonical(string written)
    {
        if (written.Length > 64)
        {
            return null;
        }
        var spaced = string.Join('_', written.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        // Legacy ids without an area (EST, CET, EST5EDT) are not what people mean by them ("est" is New York's
        // time, but tzdb's EST is Panama's), so they are never a repair; UTC is.
        return Find(spaced, ignoreCase: true) is not { } id ? null
            : id == "UTC" ? id
            : id.Contains('/', StringComparison.Ordinal) ? Aliases.Canonical.GetValueOrDefault(id, id)
            : null;
    }

    /// <summary>
    /// pytz's <c>timezone(zone)</c>: <c>UTC</c> in any case, then a non-ASCII name is unknown, then
    /// <c>_plus_</c>/<c>_minus_</c> become <c>+</c>/<c>-</c> (<c>_unmunge_zone</c>) and the name is looked up
    /// ignoring case (<c>_case_insensitive_zone_lookup</c>). The ids are NodaTime's tzdb, which has pytz's
    /// zones and links.
    /// </summary>
    internal static string? FindPytz(string zone)
    {
        if (string.Equals(zone, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            return "UTC";
        }
        if (!System.Text.Ascii.IsValid(zone))
        {
            return null;
        }
        var unmunged = zone.Replace("_plus_", "+", StringComparison.Ordinal).Replace("_minus_", "-", StringComparison.Ordinal);
        return Find(unmunged, ignoreCase: true);
    }

    internal static bool IsKnown(string id) => Ids.Contains(id);

    internal static string? Find(string id, bool ignoreCase) =>
        Ids.Contains(id) ? id : ignoreCase && IdsIgnoringCase.TryGetValue(id, out var canonical) ? canonical : null;

    /// <summary>The tzdb version, for <c>--version</c>.</summary>
    internal static string TzdbVersion => DateTimeZoneProviders.Tzdb.VersionId;
}
