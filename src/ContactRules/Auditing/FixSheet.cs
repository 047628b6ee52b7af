using System.Collections.Immutable;
using System.Data;
using System.Text;
using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.Generation;
using MiniExcelLibs;

namespace ContactRules.Auditing;

/// <summary>One suggested repair of one case: the property, why, its value now and the repaired one.</summary>
internal sealed record FixChange(string CaseId, string Property, string Code, string OldValue, string NewValue, SuggestionConfidence Confidence, string? DisplacedOwner);

/// <summary>
/// The sheet CommCare's bulk case importer takes back (<c>../shared/reference/commcare-data-formats.md</c>):
/// a first sheet with <c>case_id</c> and one column per property that changes, one row per repaired case,
/// every value a text cell; and a second sheet listing each change for review. The importer sets every
/// column of the first sheet as a property, so nothing else is in it, and a case that changes only some of
/// the properties gets its current value in the others (imported, it stays as it is).
/// </summary>
internal sealed class FixSheet
{
    public const string ImportSheetName = "fixes";
    public const string ReviewSheetName = "changes";

    private static readonly string[] ReviewColumns = ["case_id", "property", "code", "old_value", "new_value", "confidence", "displaced_owner"];

    private readonly SuggestionConfidence _include;
    private readonly List<(CaseRecord Record, ImmutableArray<FixChange> Changes)> _cases = [];

    /// <param name="include">The least sure repairs taken: <see cref="SuggestionConfidence.Certain"/> (the default) or also the likely ones.</param>
    public FixSheet(SuggestionConfidence include = SuggestionConfidence.Certain) => _include = include;

    /// <summary>The cases with at least one repair, in the order added.</summary>
    public IReadOnlyList<(CaseRecord Record, ImmutableArray<FixChange> Changes)> Cases => _cases;

    /// <summary>The repairs of a case up to <paramref name="include"/> in doubt, one per property (the surest first), in the rule file's order.</summary>
    public static ImmutableArray<FixChange> Changes(CaseRecord record, ContactVerdict verdict, SuggestionConfidence include)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(verdict);
        var changes = ImmutableArray.CreateBuilder<FixChange>();
        foreach (var reason in verdict.Channels.SelectMany(c => c.Reasons).Concat(verdict.Warnings)
            .Where(r => r is { Property: not null, Suggestion: { } s } && s.Confidence <= include)
            .OrderBy(r => r.Suggestion!.Confidence))
        {
            if (changes.Any(c => c.Property == reason.Property))
            {
                continue;
            }
            var suggestion = reason.Suggestion!;
            changes.Add(new FixChange(record.Id, reason.Property!, reason.Code, record.Property(reason.Property!) ?? "", suggestion.Value, suggestion.Confidence, suggestion.DisplacedOwner));
        }
        return changes.ToImmutable();
    }

    /// <summary>Adds the repairs of a judged case (none is fine).</summary>
    public void Add(CaseRecord record, ContactVerdict verdict)
    {
        var changes = Changes(record, verdict, _include);
        if (!changes.IsEmpty)
        {
            _cases.Add((record, changes));
        }
    }

    /// <summary>The properties that change, in the order first met: the import sheet's columns after <c>case_id</c>.</summary>
    public static IReadOnlyList<string> Properties(IEnumerable<(CaseRecord Record, ImmutableArray<FixChange> Changes)> cases) =>
        [.. cases.SelectMany(c => c.Changes).Select(c => c.Property).Distinct(StringComparer.Ordinal)];

    /// <summary>The record with its repairs applied, as the importer would leave it.</summary>
    public static CaseRecord Apply(CaseRecord record, IEnumerable<FixChange> changes)
    {
        ArgumentNullException.ThrowIfNull(record);
        var properties = new Dictionary<string, string>(record.Properties, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            properties[change.Property] = change.NewValue;
        }
        return record with { Properties = properties };
    }

    /// <summary>Groups the repaired cases by owner (<c>owner_id</c>), for one sheet per owner.</summary>
    public IEnumerable<(string Owner, FixSheet Sheet)> ByOwner() =>
        _cases.GroupBy(c => c.Record.OwnerId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var sheet = new FixSheet(_include);
            sheet._cases.AddRange(g);
            return (g.Key, sheet);
        });

    /// <summary>A file name for an owner's sheet: letters, digits, <c>-</c> and <c>_</c> only, never empty, never a path.</summary>
    public static string SafeFileName(string owner, string extension)
    {
        var name = new StringBuilder();
        foreach (var c in owner)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }
        var stem = name.Length == 0 ? "no_owner" : name.ToString();
        // Two owners whose ids differ only in replaced characters keep apart by a hash of the id.
        if (owner.Length > 0 && stem != owner)
        {
            stem += "-" + StableHash(owner);
        }
        return "fixes-" + (stem.Length > 80 ? stem[..80] : stem) + extension;
    }

    private static string StableHash(string text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash)[..8];
    }

    /// <summary>The import sheet's rows: the header, then one row per repaired case.</summary>
    public IEnumerable<string[]> ImportRows()
    {
        var properties = Properties(_cases);
        yield return ["case_id", .. properties];
        foreach (var (record, changes) in _cases)
        {
            var row = new string[properties.Count + 1];
            row[0] = record.Id;
            for (var i = 0; i < properties.Count; i++)
            {
                var change = changes.FirstOrDefault(c => c.Property == properties[i]);
                row[i + 1] = change?.NewValue ?? record.Property(properties[i]) ?? "";
            }
            yield return row;
        }
    }

    /// <summary>The review sheet's rows: the header, then one row per change.</summary>
    public IEnumerable<string[]> ReviewRows()
    {
        yield return ReviewColumns;
        foreach (var change in _cases.SelectMany(c => c.Changes))
        {
            yield return [change.CaseId, change.Property, change.Code, change.OldValue, change.NewValue,
                change.Confidence.Name(), change.DisplacedOwner ?? ""];
        }
    }

    /// <summary>Writes the workbook: the import sheet first (the one the importer reads), then the review sheet; every cell text.</summary>
    public void WriteXlsx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [ImportSheetName] = Table(ImportRows()),
            [ReviewSheetName] = Table(ReviewRows()),
        };
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
    }

    /// <summary>Writes one sheet as CSV (the import sheet, or the review sheet), cells quoted and made safe for a spreadsheet.</summary>
    public static void WriteCsv(Stream stream, IEnumerable<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(',', row.Select(cell => CaseExportWriter.Quote(SpreadsheetCell.Neutralize(cell)))));
        }
    }

    // A DataTable of string columns: MiniExcel writes its header even with no rows, and every cell as text.
    private static DataTable Table(IEnumerable<string[]> rows)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        using var each = rows.GetEnumerator();
        each.MoveNext();
        foreach (var header in each.Current)
        {
            table.Columns.Add(header, typeof(string));
        }
        while (each.MoveNext())
        {
            table.Rows.Add(each.Current);
        }
        return table;
    }
}
