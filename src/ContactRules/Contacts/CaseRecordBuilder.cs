using System.Collections.ObjectModel;
using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Contacts;

/// <summary>
/// Collects one record's fields, whatever the input format, and turns them into a <see cref="CaseRecord"/>
/// or a rejection. Field names follow CommCare's case API (v2 and v0.5), its case exports and the Data
/// Export Tool. A value longer than the stated limit rejects the record (it is not kept).
/// </summary>
internal sealed class CaseRecordBuilder(string path, int line, int index, int maxValueChars = InputLimits.DefaultMaxValueChars, IReadOnlySet<string>? kept = null)
{
    private enum Field
    {
        Id,
        Type,
        Name,
        OwnerId,
        OwnerName,
        ExternalId,
        DateOpened,
        LastModified,
        ServerLastModified,
        IndexedOn,
        DateClosed,
        Closed,
        Deleted,
        LastModifiedBy,
    }

    private const int FieldCount = (int)Field.LastModifiedBy + 1;

    private static readonly Dictionary<string, Field> Fields = new(StringComparer.Ordinal)
    {
        ["case_id"] = Field.Id,
        ["id"] = Field.Id,
        ["caseid"] = Field.Id,
        ["case_type"] = Field.Type,
        ["case_name"] = Field.Name,
        ["name"] = Field.Name,
        ["owner_id"] = Field.OwnerId,
        ["owner_name"] = Field.OwnerName,
        ["external_id"] = Field.ExternalId,
        ["date_opened"] = Field.DateOpened,
        ["opened_date"] = Field.DateOpened,
        ["last_modified"] = Field.LastModified,
        ["last_modified_date"] = Field.LastModified,
        ["date_modified"] = Field.LastModified,
        ["modified_on"] = Field.LastModified,
        ["server_last_modified"] = Field.ServerLastModified,
        ["server_last_modified_date"] = Field.ServerLastModified,
        ["server_date_modified"] = Field.ServerLastModified,
        ["server_modified_on"] = Field.ServerLastModified,
        ["indexed_on"] = Field.IndexedOn,
        ["date_closed"] = Field.DateClosed,
        ["closed_date"] = Field.DateClosed,
        ["closed"] = Field.Closed,
        ["deleted"] = Field.Deleted,
        ["last_modified_by_user_username"] = Field.LastModifiedBy,
    };

    // The case API v0.5 puts these in `properties`; they fill the record's fields when the top level lacks them.
    private static readonly (string Property, Field Field)[] PropertyFallbacks =
    [
        ("case_type", Field.Type),
        ("case_name", Field.Name),
        ("owner_id", Field.OwnerId),
        ("date_opened", Field.DateOpened),
        ("external_id", Field.ExternalId),
    ];

    private static readonly HashSet<string> FallbackProperties = new(PropertyFallbacks.Select(f => f.Property), StringComparer.Ordinal);

    // By field: a record has a dozen at most, so an array rather than a table.
    private readonly string?[] _fields = new string?[FieldCount];
    private readonly Dictionary<string, string> _properties = new(StringComparer.Ordinal);
    private Diagnostic? _rejection;
    private string? _caseListKey;

    public static bool IsField(string name) => Fields.ContainsKey(name);

    /// <summary>The names an id column may have.</summary>
    public static bool IsIdField(string name) => Fields.TryGetValue(name, out var field) && field == Field.Id;

    /// <summary>Sets a standard field; false when <paramref name="name"/> is not one.</summary>
    public bool TrySetField(string name, string? value)
    {
        if (!Fields.TryGetValue(name, out var field))
        {
            return false;
        }
        if (value is not null && WithinLimit(name, value))
        {
            _fields[(int)field] = value;
        }
        return true;
    }

    /// <summary>Whether the record keeps property <paramref name="name"/> (see <see cref="CaseReadOptions.KeptProperties"/>).</summary>
    public bool Keeps(string name) => kept is null || kept.Contains(name) || FallbackProperties.Contains(name);

    /// <summary>
    /// Whether a value of <paramref name="length"/> characters or fewer for property <paramref name="name"/>
    /// may go unread: the record does not keep the property, and the value is within the limit.
    /// </summary>
    public bool Skips(string name, int length) => length <= maxValueChars && !Keeps(name);

    /// <summary>Sets a case property; a null value means the case does not have it.</summary>
    public void SetProperty(string name, string? value)
    {
        if (!Keeps(name))
        {
            // Not kept, but a value over the limit still rejects the record.
            if (value is not null)
            {
                WithinLimit(name, value);
            }
        }
        else if (value is null)
        {
            _properties.Remove(name);
        }
        else if (WithinLimit(name, value))
        {
            _properties[name] = value;
        }
    }

    /// <summary>Forgets a standard field, so that a later <c>null</c> for a key given twice wins over its first value.</summary>
    public void ClearField(string name)
    {
        if (Fields.TryGetValue(name, out var field))
        {
            _fields[(int)field] = null;
        }
    }

    /// <summary>Forgets every case property read so far (a later <c>properties</c> object replaces the first).</summary>
    public void ClearProperties() => _properties.Clear();

    /// <summary>Rejects the record (the first reason is kept), e.g. a field of the wrong JSON kind.</summary>
    public void Reject(string message, int column = 0) => RejectAt(line, column, message);

    /// <summary>Rejects the record at a line of its own (a record spanning several lines); the first reason is kept.</summary>
    public void RejectAt(int atLine, int column, string message) =>
        _rejection ??= Diagnostic.Error(DiagnosticCodes.MalformedRecord, new SourceLocation(path, atLine, column), message);

    public bool IsRejected => _rejection is not null;

    /// <summary>Notes a top-level list of cases (<c>cases</c>, <c>objects</c>): a page read as one record, said so if it has no id.</summary>
    public void SawCaseList(string key) => _caseListKey ??= key;

    private bool WithinLimit(string name, string value)
    {
        if (value.Length <= maxValueChars)
        {
            return true;
        }
        Reject(Messages.ValueTooLong(name, value.Length, maxValueChars));
        return false;
    }

    public CaseReadResult Build()
    {
        foreach (var (property, field) in PropertyFallbacks)
        {
            if (_fields[(int)field] is null && _properties.TryGetValue(property, out var value))
            {
                _fields[(int)field] = value;
            }
        }
        var id = Get(Field.Id)?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            Reject(_caseListKey is { } key ? Messages.CaseListWithoutId(key) : Messages.CaseWithoutId);
        }
        var closed = Flag(Field.Closed, "closed");
        var deleted = Flag(Field.Deleted, "deleted");
        if (_rejection is not null)
        {
            return CaseReadResult.Rejected(_rejection);
        }
        return CaseReadResult.Accepted(new CaseRecord
        {
            Id = id!,
            Type = Get(Field.Type) ?? "",
            Name = Get(Field.Name) ?? "",
            OwnerId = Get(Field.OwnerId) ?? "",
            OwnerName = Get(Field.OwnerName) ?? "",
            ExternalId = Get(Field.ExternalId) ?? "",
            LastModifiedBy = Get(Field.LastModifiedBy) ?? "",
            DateOpened = Time(Field.DateOpened),
            LastModified = Time(Field.LastModified),
            ServerLastModified = Time(Field.ServerLastModified),
            IndexedOn = Time(Field.IndexedOn),
            DateClosed = Time(Field.DateClosed),
            Closed = closed,
            Deleted = deleted,
            Properties = new ReadOnlyDictionary<string, string>(_properties),
            Source = path,
            SourceLine = line,
            SourceIndex = index,
        });
    }

    private string? Get(Field field) => _fields[(int)field];

    private CaseTimestamp? Time(Field field) =>
        Get(field) is { } raw && !string.IsNullOrWhiteSpace(raw) ? CaseTimestamp.Parse(raw) : null;

    /// <summary>Exports write flags as JSON booleans, <c>True</c>/<c>False</c>, or 1/0; blank means false.</summary>
    private bool Flag(Field field, string name)
    {
        var raw = Get(field)?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return false;
        }
        if (raw.Equals("true", StringComparison.OrdinalIgnoreCase) || raw is "1")
        {
            return true;
        }
        if (raw.Equals("false", StringComparison.OrdinalIgnoreCase) || raw is "0")
        {
            return false;
        }
        Reject(Messages.CaseBadFlag(name, raw));
        return false;
    }
}
