using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Contacts;

/// <summary>
/// What each column of a tabular export (CSV, a sheet) holds, from its header row, following CommCare's
/// conventions (<c>../shared/reference/commcare-data-formats.md</c>): a case field (<c>caseid</c>,
/// <c>name</c>, <c>closed</c>, <c>last_modified_date</c>, the Data Export Tool's <c>id</c> and
/// <c>properties.case_type</c>, ...), a case property (any other header, a <c>properties.</c> prefix
/// removed), or a column of the export's own that is not about the case (<c>number</c>, the usernames,
/// <c>case_link</c>, <c>indices.*</c>). Renamed headers are mapped by <see cref="CaseReadOptions.Columns"/>.
/// In a cell, <c>---</c> means the case does not have the property (HQ's <c>MISSING_VALUE</c>), while an
/// empty cell is a blank value.
/// </summary>
internal sealed class TabularLayout
{
    /// <summary>HQ's export writes this for a property the case does not have.</summary>
    public const string MissingValue = "---";

    private const string PropertiesPrefix = "properties.";

    private static readonly HashSet<string> ExportColumns = new(StringComparer.Ordinal)
    {
        "number",
        "case_link",
        "closed_by_username",
        "closed_by_user_id",
        "closed_by",
        "last_modified_by_user_id",
        "opened_by_username",
        "opened_by_user_id",
        "opened_by",
        "server_opened_on",
        "indexed_on",
        "domain",
        "user_id",
        "resource_uri",
        "xform_ids",
    };

    private readonly Column[] _columns;

    private TabularLayout(Column[] columns) => _columns = columns;

    private enum Role
    {
        Field,
        Property,
        Ignored,
    }

    private readonly record struct Column(string Name, Role Role);

    public int Count => _columns.Length;

    /// <summary>
    /// The layout of <paramref name="headers"/>, or null (with an error in <paramref name="diagnostics"/>) when
    /// no case can be read: no id column, or two. Other headers given twice get a warning naming both places.
    /// </summary>
    /// <remarks><c>position</c> says how a message names column <c>i</c>: <c>column 3</c>, <c>cell C1</c>.</remarks>
    public static TabularLayout? Create(
        IReadOnlyList<string> headers, CaseReadOptions options, SourceLocation at, Func<int, string> position, List<Diagnostic> diagnostics)
    {
        var renamed = options.Columns.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        var columns = new Column[headers.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int? idColumn = null;
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Trim();
            var name = renamed.TryGetValue(header, out var target) ? target : Unprefixed(header);
            var role = name.Length == 0 || ExportColumns.Contains(name) || name.StartsWith("indices.", StringComparison.Ordinal) ? Role.Ignored
                : CaseRecordBuilder.IsField(name) ? Role.Field
                : Role.Property;
            columns[i] = new Column(name, role);
            if (role == Role.Field && CaseRecordBuilder.IsIdField(name))
            {
                if (idColumn is { } first)
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MalformedInput, at, Messages.TableTwoIdColumns(headers[first], position(first), header, position(i))));
                    return null;
                }
                idColumn = i;
            }
            else if (role != Role.Ignored && name.Length > 0)
            {
                if (seen.TryGetValue(name, out var earlier))
                {
                    diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.DuplicateName, at, Messages.TableDuplicateColumn(name, position(earlier), position(i))));
                }
                seen[name] = i;
            }
        }
        if (idColumn is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MalformedInput, at, Messages.TableNoIdColumn(headers.Select(h => h.Trim()).Where(h => h.Length > 0))));
            return null;
        }
        return new TabularLayout(columns);
    }

    private static string Unprefixed(string header) =>
        header.StartsWith(PropertiesPrefix, StringComparison.Ordinal) ? header[PropertiesPrefix.Length..] : header;

    /// <summary>Whether column <paramref name="column"/>'s value, of <paramref name="length"/> characters, may go unread (<see cref="CaseRecordBuilder.Skips"/>).</summary>
    public bool Skips(CaseRecordBuilder builder, int column, int length) =>
        _columns[column] is var (name, role) && (role == Role.Ignored || (role == Role.Property && builder.Skips(name, length)));

    /// <summary>Sets column <paramref name="column"/>'s <paramref name="value"/> on the record being built.</summary>
    public void Set(CaseRecordBuilder builder, int column, string value)
    {
        var (name, role) = _columns[column];
        if (role == Role.Ignored || value == MissingValue)
        {
            return;
        }
        if (role == Role.Field)
        {
            builder.TrySetField(name, value);
        }
        else
        {
            builder.SetProperty(name, value);
        }
    }
}
