namespace ContactRules.Projects;

/// <summary>
/// A gateway and the number prefixes it serves (digits, country code first); <c>*</c> is the catch-all
/// used when no prefix matches.
/// </summary>
public sealed record Gateway(string Name, IReadOnlyList<string> Prefixes)
{
    public const string CatchAll = "*";

    public bool IsCatchAll => Prefixes.Contains(CatchAll, StringComparer.Ordinal);
}

/// <summary>The settings of a CommCare project that the rules read as <c>project</c>.</summary>
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
    /// <c>columns:</c>, renamed export headers: the header (value) that holds each case field or property (key),
    /// e.g. <c>caseid: ID</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Routing is checked only when the project defines gateways.</summary>
    public bool HasGateways => Gateways.Count > 0;
}
