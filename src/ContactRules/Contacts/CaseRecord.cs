using System.Collections.ObjectModel;
using NodaTime;

namespace ContactRules.Contacts;

/// <summary>
/// A time as a case export wrote it, and the instant it denotes when it could be read. Times without an
/// offset are UTC (CommCare's server times are); a date alone is midnight UTC.
/// </summary>
public sealed record CaseTimestamp(string Raw, Instant? Instant)
{
    public static CaseTimestamp Parse(string raw) => new(raw, CaseTimestamps.TryParse(raw));
}

/// <summary>
/// One case from a case export: CommCare's standard fields and its properties, all as text (an export's
/// numbers and booleans become their text; see the readers).
/// </summary>
public sealed record CaseRecord
{
    private static readonly IReadOnlyDictionary<string, string> NoProperties =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(StringComparer.Ordinal));

    public required string Id { get; init; }

    public string Type { get; init; } = "";

    public string Name { get; init; } = "";

    public string OwnerId { get; init; } = "";

    public CaseTimestamp? DateOpened { get; init; }

    public CaseTimestamp? LastModified { get; init; }

    public CaseTimestamp? ServerLastModified { get; init; }

    public bool Closed { get; init; }

    public bool Deleted { get; init; }

    /// <summary>The case properties by name (compared ordinally, as CommCare does).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = NoProperties;

    /// <summary>The line of the input file the record starts on (one-based).</summary>
    public int SourceLine { get; init; }

    /// <summary>The record's position among all records of its input (zero-based, rejected ones counted).</summary>
    public int SourceIndex { get; init; }

    /// <summary>A property's value, or null when the case does not have it.</summary>
    public string? Property(string name) => Properties.TryGetValue(name, out var value) ? value : null;

    /// <summary>Not closed and not deleted: only such cases are messaging contacts.</summary>
    public bool IsActive => !Closed && !Deleted;
}
