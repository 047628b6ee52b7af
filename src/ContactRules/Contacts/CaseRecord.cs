using System.Collections.ObjectModel;
using NodaTime;

namespace ContactRules.Contacts;

/// <summary>
/// A time as a case export wrote it, and the instant it denotes when it could be read. Times without an
/// offset are UTC (CommCare's server times are); a date alone is midnight UTC.
/// </summary>
/// <remarks>
/// The text is read into an instant only when the instant is first asked for: most of a large export's
/// times are never needed, and reading them is a good part of reading a CSV row.
/// </remarks>
public sealed class CaseTimestamp : IEquatable<CaseTimestamp>
{
    private Instant? _instant;
    private volatile bool _read;

    public CaseTimestamp(string raw) => Raw = raw;

    /// <summary>A timestamp whose instant is already known.</summary>
    public CaseTimestamp(string raw, Instant? instant)
    {
        Raw = raw;
        _instant = instant;
        _read = true;
    }

    public string Raw { get; }

    /// <summary>The instant the text denotes, or null when it cannot be read as a time.</summary>
    public Instant? Instant
    {
        get
        {
            if (!_read)
            {
                // Two threads may both read it; they find the same instant.
                _instant = CaseTimestamps.TryParse(Raw);
                _read = true;
            }
            return _instant;
        }
    }

    public static CaseTimestamp Parse(string raw) => new(raw);

    public bool Equals(CaseTimestamp? other) => other is not null && other.Raw == Raw && other.Instant == Instant;

    public override bool Equals(object? obj) => Equals(obj as CaseTimestamp);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Raw);

    public override string ToString() => Raw;
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

    /// <summary>The owner's name, as a case export writes it (<c>owner_name</c>); empty when the input has none.</summary>
    public string OwnerName { get; init; } = "";

    /// <summary>The mobile worker who last changed the case, as a case export names them (<c>last_modified_by_user_username</c>); empty when the input has none.</summary>
    public string LastModifiedBy { get; init; } = "";

    /// <summary>The id the case has in another system (<c>external_id</c>); empty when none.</summary>
    public string ExternalId { get; init; } = "";

    public CaseTimestamp? DateOpened { get; init; }

    public CaseTimestamp? LastModified { get; init; }

    public CaseTimestamp? ServerLastModified { get; init; }

    /// <summary>When HQ last indexed the case (<c>indexed_on</c>, the Case API's sync cursor); null when the input has none.</summary>
    public CaseTimestamp? IndexedOn { get; init; }

    /// <summary>When the case was closed (<c>date_closed</c>, an export's <c>closed_date</c>); null while open.</summary>
    public CaseTimestamp? DateClosed { get; init; }

    public bool Closed { get; init; }

    public bool Deleted { get; init; }

    /// <summary>The case properties by name (compared ordinally, as CommCare does).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = NoProperties;

    /// <summary>The input the record was read from as diagnostics name it (<c>export.zip!Cases.csv</c>), or null.</summary>
    public string? Source { get; init; }

    /// <summary>The line of the input file the record starts on (one-based).</summary>
    public int SourceLine { get; init; }

    /// <summary>The record's position among all records of its input (zero-based, rejected ones counted).</summary>
    public int SourceIndex { get; init; }

    /// <summary>A property's value, or null when the case does not have it.</summary>
    public string? Property(string name) => Properties.TryGetValue(name, out var value) ? value : null;

    /// <summary>Not closed and not deleted: only such cases are messaging contacts.</summary>
    public bool IsActive => !Closed && !Deleted;
}
