using System.Collections.Immutable;
using ContactRules.Diagnostics;

namespace ContactRules.RuleFiles;

/// <summary>
/// A loaded rule file: which channels exist, what makes a case a contact at all, and for each case
/// property its requirement per channel and its checks. Immutable; produced by <see cref="RuleFileLoader"/>.
/// </summary>
public sealed record RuleFile(
    string Path,
    string Name,
    string Description,
    ImmutableArray<ChannelDefinition> Channels,
    ImmutableArray<RuleCheck> ContactChecks,
    ImmutableArray<PropertyRule> Properties,
    ImmutableDictionary<string, ErrorDescription> Errors)
{
    public ChannelDefinition? Channel(string id) => Channels.FirstOrDefault(c => c.Id == id);
}

/// <summary>A channel (<c>sms</c>, <c>two_way_sms</c>, <c>email</c>); one that includes others needs everything they need.</summary>
public sealed record ChannelDefinition(string Id, string Title, ImmutableArray<string> Includes);

public enum Requirement
{
    Optional,
    Required,
}

/// <summary>What a sender takes from a property once it passes its checks.</summary>
public enum SenderField
{
    None,
    /// <summary>The phone number messages go to (as <c>+</c> and digits).</summary>
    Destination,
    /// <summary>The gateway named for the contact, overriding prefix routing.</summary>
    Gateway,
    /// <summary>The address email goes to.</summary>
    Email,
    /// <summary>The time zone send times are read in.</summary>
    TimeZone,
    /// <summary>The language messages are sent in.</summary>
    Language,
}

/// <summary>An expression as written in a rule file, with where it stands so errors point into the file.</summary>
public sealed record RuleExpression(string Source, SourceLocation Location, Func<int, SourceLocation>? MapOffset = null)
{
    /// <summary>The file position of character <paramref name="offset"/> of <see cref="Source"/>.</summary>
    public SourceLocation At(int offset) => MapOffset?.Invoke(offset) ?? Location;
}

/// <summary>
/// A check: a boolean rule, the code reported when it is false, its severity, and its message (fixed,
/// or computed by <see cref="MessageExpression"/>).
/// </summary>
public sealed record RuleCheck(
    RuleExpression Rule,
    string Code,
    Severity Severity,
    string? Message,
    RuleExpression? MessageExpression,
    ImmutableArray<string> Channels)
{
    /// <summary>
    /// The repaired value when the check fails (<c>suggest:</c>), or null when the check suggests none; it is
    /// offered only when the property's checks all pass on it.
    /// </summary>
    public RuleExpression? Suggest { get; init; }

    /// <summary>How sure the suggested repair is (<c>confidence:</c>; certain unless the file says otherwise).</summary>
    public Evaluation.SuggestionConfidence Confidence { get; init; }
}

/// <summary>The reason given when a required property is missing.</summary>
public sealed record MissingRule(string Code, string Message);

/// <summary>When a value counts as present (<c>present:</c> of a property).</summary>
public enum Presence
{
    /// <summary>The value, trimmed, is not empty (the default, as the documentation says).</summary>
    NonBlank,
    /// <summary>Any non-empty value, white space only included, as a non-empty Python string is true in CommCare HQ.</summary>
    NonEmpty,
}

/// <summary>A case property and what the rule file says of it; <c>Personal</c>: whether its values are personal data, which redaction masks wherever they appear.</summary>
public sealed record PropertyRule(
    string Name,
    string Description,
    ImmutableDictionary<string, Requirement> Channels,
    SenderField Provides,
    MissingRule? Missing,
    RuleExpression? Normalize,
    RuleExpression? Fallback,
    ImmutableArray<RuleCheck> Checks,
    SourceLocation Location,
    bool Personal = false)
{
    /// <summary>When the case's value counts as present; a value that does not is judged as missing.</summary>
    public Presence Presence { get; init; }

    /// <summary>Whether <paramref name="raw"/> (null when the case lacks the property) counts as present.</summary>
    public bool IsPresent(string? raw) => Presence == Presence.NonEmpty ? !string.IsNullOrEmpty(raw) : !string.IsNullOrWhiteSpace(raw);
}

/// <summary>An entry of the error-description catalogue, used by explanations and documentation.</summary>
public sealed record ErrorDescription(string Code, string Title, string Description, string Fix);
