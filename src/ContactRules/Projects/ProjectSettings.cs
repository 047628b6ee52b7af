namespace ContactRules.Projects;

/// <summary>
/// A gateway and the number prefixes it serves (digits, country code first); <c>*</c> is the catch-all
/// used when no prefix matches. A gateway with no prefixes is reached only by name (<c>contact_backend_id</c>),
/// as a gateway shared with a project but not in its map is in CommCare HQ.
/// </summary>
public sealed record Gateway(string Name, IReadOnlyList<string> Prefixes)
{
    public const string CatchAll = "*";

    public bool IsCatchAll => Prefixes.Contains(CatchAll, StringComparer.Ordinal);
}

/// <summary>
/// The settings of a CommCare project that the rules read as <c>project</c>. Gateways come in two tiers, as
/// CommCare HQ keeps them: the project's own map (<see cref="Gateways"/>) and the server-wide map
/// (<see cref="GlobalGateways"/>), consulted only when the project's map, catch-all included, gives nothing.
/// </summary>
public sealed record ProjectSettings(
    string Name,
    string TimeZone,
    string DefaultLanguage,
    IReadOnlyList<string> Languages,
    IReadOnlyList<Gateway> Gateways)
{
    public const string DefaultName = "default";
    public const string DefaultTimeZone = "UTC";
    public const string DefaultLanguageCode = "en";

    /// <summary>Used when no project file is given: UTC, English only, no gateways (so routing is not checked).</summary>
    public static ProjectSettings Default { get; } = new(DefaultName, DefaultTimeZone, DefaultLanguageCode, [DefaultLanguageCode], []);

    /// <summary>
    /// <c>country:</c> the ISO 3166 region most contacts' numbers are dialled in (IN, KE, US), read as
    /// <c>project.country</c>; "" when the project does not say. Suggested repairs use it to put a country code on
    /// a national number, which is why such a repair is only likely.
    /// </summary>
    public string Country { get; init; } = "";

    /// <summary>The server-wide gateways: names found after the project's, and a map consulted only when the project's gives nothing.</summary>
    public IReadOnlyList<Gateway> GlobalGateways { get; init; } = [];

    /// <summary>
    /// <c>columns:</c>, renamed export headers: the header (value) that holds each case field or property (key),
    /// e.g. <c>caseid: ID</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Routing is checked only when the project defines gateways, in either tier.</summary>
    public bool HasGateways => Gateways.Count > 0 || GlobalGateways.Count > 0;
}
