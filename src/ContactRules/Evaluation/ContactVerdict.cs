using System.Collections.Immutable;
using ContactRules.Diagnostics;
using ContactRules.RuleFiles;

namespace ContactRules.Evaluation;

/// <summary>Why a channel is closed to a contact, or what a warning says.</summary>
/// <param name="Code">The error code, a key of the rule file's catalogue.</param>
/// <param name="Property">The case property concerned, or null for a contact-level check.</param>
/// <param name="Severity">Error (blocks) or warning (informs).</param>
/// <param name="Message">The message, complete: names the property and its value where there is one.</param>
/// <param name="Explanation">For a failed rule, the rule with the value of each of its parts, as data.</param>
/// <param name="Suggestion">For a failed check that declares <c>suggest:</c>, the repaired value of <paramref name="Property"/>, offered only when it passes the rules.</param>
public sealed record Reason(string Code, string? Property, Severity Severity, string Message, Explanation? Explanation = null, Suggestion? Suggestion = null)
{
    /// <summary>The failed rule drawn with the value of each of its parts (power-assert style), or null.</summary>
    public string? Trace => Explanation?.Draw();
}

/// <summary>How sure a suggested repair is.</summary>
public enum SuggestionConfidence
{
    /// <summary>One repair, safe to import without review.</summary>
    Certain,

    /// <summary>A probable repair, for review (it may also move two-way ownership).</summary>
    Likely,
}

/// <summary>The names rule files, test files and every output give a <see cref="SuggestionConfidence"/>.</summary>
internal static class SuggestionConfidenceNames
{
    public static readonly string[] All = ["certain", "likely"];

    public static string Name(this SuggestionConfidence confidence) => confidence == SuggestionConfidence.Certain ? "certain" : "likely";

    public static SuggestionConfidence? Parse(string name) => name switch
    {
        "certain" => SuggestionConfidence.Certain,
        "likely" => SuggestionConfidence.Likely,
        _ => null,
    };
}

/// <summary>A repaired value for the property of a failed check, judged again with the same rules before it is offered.</summary>
/// <param name="Value">The repaired value.</param>
/// <param name="Confidence">How sure the repair is; a repair that would displace a current two-way owner is never certain.</param>
/// <param name="DisplacedOwner">The case that owns the repaired number for two-way SMS today and would lose it, or null.</param>
public sealed record Suggestion(string Value, SuggestionConfidence Confidence, string? DisplacedOwner = null);

/// <summary>Where a resolved setting came from.</summary>
public enum ValueSource
{
    Case,
    Project,
}

/// <summary>A resolved setting (time zone, language) and where it came from.</summary>
public sealed record ResolvedSetting(string Value, ValueSource Source);

/// <summary>One channel's verdict, and what a sender on that channel needs.</summary>
public sealed record ChannelVerdict(
    string Channel,
    bool Eligible,
    ImmutableArray<Reason> Reasons,
    string? Destination = null,
    GatewayRoute? Gateway = null,
    string? Email = null);

/// <summary>Everything ContactRules decided about one case.</summary>
public sealed record ContactVerdict(
    string CaseId,
    bool Contact,
    ImmutableArray<ChannelVerdict> Channels,
    ResolvedSetting? TimeZone,
    ResolvedSetting? Language,
    ImmutableArray<Reason> Warnings)
{
    public ChannelVerdict? Channel(string id) => Channels.FirstOrDefault(c => c.Channel == id);
}
