using System.Globalization;
using System.Text;
using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.Generation;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace ContactRules.Auditing;

/// <summary>One suggested change of one case property, as the review sheet lists it.</summary>
internal sealed record FixChange(string CaseId, string Property, string Code, string OldValue, string NewValue, SuggestionConfidence Confidence, string? DisplacedOwner)
{
    public string ConfidenceText => Confidence == SuggestionConfidence.Certain ? "certain" : "likely";
}

/// <summary>
/// The repairs an audit found, case by case, for the sheet CommCare's bulk case importer takes back: a
/// <c>case_id</c> column and one column per property that changes (corehq/apps/case_importer: every column
/// but the search column sets the property of its name), one row per case with at least one repair.
/// Certain repairs only, unless likely ones are asked for. Collected in input order.
/// </summary>
internal sealed class FixSheet(IReadOnlyList<string> repairable, bool includeLikely)
{
    private readonly List<FixChange> _changes = [];
    private readonly HashSet<string> _caseIds = new(StringComparer.Ordinal);

    // The values each case with a change has today in every property a repair may set: a row of the import
    // sheet carries them in the columns it does not change, since an empty cell would set the property blank.
    private readonly Dictionary<string, string?[]> _current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    public const string ImportSheetName = "fixes";
    public const string ReviewSheetName = "review";
    public static readonly string[] ReviewColumns = ["case_id", "property", "code", "old_value", "new_value", "confidence", "displaced_owner"];

    public IReadOnlyList<FixChange> Changes => _changes;

    /// <summary>How many cases have at least one change in the sheet.</summary>
    public int CaseCount => _caseIds.Count;

    /// <summary>Takes the suggestions of one judged case (one change per property, whichever channel or warning carries it).</summary>
    public void Add(CaseRecord record, ContactVerdict verdict)
    {
        foreach (var change in ChangesOf(record, verdict, includeLikely))
        {
            _changes.Add(change);
            if (_caseIds.Add(change.CaseId))
            {
                _current[change.CaseId] = [.. repairable.Select(record.Property)];
                _owners[change.CaseId] = OwnerOf(record);
            }
        }
    }

    /// <summary>The changes the suggestions of one case make, one per property.</summary>
    public static IEnumerable<FixChange> ChangesOf(CaseRecord record, ContactVerdict verdict, bool includeLikely)
    {
        HashSet<string>? seen = null;
        foreach (var reason in verdict.Channels.SelectMany(c => c.Reasons).Concat(verdict.Warnings))
        {
            if (reason is not { Suggestion: { } suggestion, Property: { } property }
                || (suggestion.Confidence != SuggestionConfidence.Certain && !includeLikely)
                || !(seen ??= new(StringComparer.Ordinal)).Add(property))
            {
                continue;
            }
            yield return new FixChange(record.Id, property, reason.Code, record.Property(property) ?? "", suggestion.Value, suggestion.Confidence, suggestion.DisplacedOwner);
        }
    }

    /// <summary>The record with its changes applied, as the importer would leave the case.</summary>
    public static CaseRecord Apply(CaseRecord record, IEnumerable<FixChange> changes)
    {
        Dictionary<string, string>? properties = null;
        foreach (var change in changes)
        {
            (properties ??= new(record.Properties, StringComparer.Ordinal))[change.Property] = change.NewValue;
        }
        return properties is null ? record : record with { Properties = properties };
    }

    /// <summary>The properties that change, in the order first met: the import sheet's columns after <c>case_id</c>.</summary>
    public IReadOnlyList<string> Properties() => [.. _changes.Select(c => c.Property).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Writes the workbook: the import sheet first (the importer reads the first), then the review sheet. Every
    /// cell is a text cell, so leading zeros and long digit strings reach CommCare as written.
    /// </summary>
    public void WriteXlsx(Stream output, Func<FixChange, bool>? filter = null)
    {
        var changes = filter is null ? _changes : [.. _changes.Where(filter)];
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [ImportSheetName] = ImportRows(changes),
            [ReviewSheetName] = changes.Select(ReviewRow).ToList(),
        };
        MiniExcel.SaveAs(output, sheets, excelType: MiniExcelLibs.ExcelType.XLSX);
    }

    /// <summary>
    /// Writes the import sheet as CSV and the review list as a second CSV. Cells are made safe for a spreadsheet
    /// (a value starting with <c>=</c> would be a formula), which the xlsx sheet needs not: use it for import.
    /// </summary>
    public void WriteCsv(Stream import, Stream review)
    {
        using (var writer = new StreamWriter(import, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" })
        {
            var rows = ImportRows(_changes);
            writer.WriteLine(string.Join(',', Properties().Prepend("case_id").Select(CaseExportWriter.Quote)));
            foreach (var row in rows)
            {
                writer.WriteLine(string.Join(',', row.Values.Select(v => CaseExportWriter.Quote(SpreadsheetCell.Neutralize((string)v)))));
            }
        }
        using (var writer = new StreamWriter(review, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" })
        {
            writer.WriteLine(string.Join(',', ReviewColumns));
            foreach (var row in _changes.Select(ReviewRow))
            {
                writer.WriteLine(string.Join(',', row.Values.Select(v => CaseExportWriter.Quote(SpreadsheetCell.Neutralize((string)v)))));
            }
        }
    }

    /// <summary>The owners of the cases with changes, in the order first met.</summary>
    public IEnumerable<string> Owners() => _changes.Select(c => _owners[c.CaseId]).Distinct(StringComparer.Ordinal);

    public string OwnerOfCase(string caseId) => _owners[caseId];

    /// <summary>
    /// Reach per channel with the sheet's changes applied: the cases read again from <paramref name="open"/>,
    /// repaired, and judged as one population (so repaired numbers compete for two-way ownership).
    /// </summary>
    public IReadOnlyDictionary<string, long> Reach(Evaluation.CompiledRules rules, Pipeline.RunOptions options, Func<IEnumerable<CaseReadResult>> open)
    {
        var byCase = _changes.GroupBy(c => c.CaseId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        IEnumerable<CaseReadResult> Repaired() => open().Select(r => r is { Kind: CaseReadKind.Accepted, Record: { } record } && byCase.TryGetValue(record.Id, out var changes)
            ? CaseReadResult.Accepted(Apply(record, changes))
            : r);
        var reach = rules.Rules.Channels.ToDictionary(c => c.Id, _ => 0L, StringComparer.Ordinal);
        foreach (var item in new Pipeline.JudgingRun(rules, options).Run(Repaired))
        {
            foreach (var channel in item.Verdict?.Channels ?? [])
            {
                if (channel.Eligible)
                {
                    reach[channel.Channel]++;
                }
            }
        }
        return reach;
    }

    /// <summary>The owners (<c>owner_id</c>, or "unowned") of the cases with changes, for one sheet each.</summary>
    public static string OwnerOf(CaseRecord record) => string.IsNullOrWhiteSpace(record.OwnerId) ? "unowned" : record.OwnerId;

    /// <summary>A file name made of <paramref name="owner"/>: letters, digits, '-', '_' and '.', nothing that climbs out of the directory.</summary>
    public static string FileNameFor(string owner)
    {
        var name = new StringBuilder();
        foreach (var c in owner)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }
        var text = name.Length == 0 ? "owner" : name.ToString();
        // Distinct owners whose names read alike keep distinct files.
        var hash = (uint)StableHash(owner);
        return string.Create(CultureInfo.InvariantCulture, $"fixes-{text[..Math.Min(text.Length, 60)]}-{hash:x8}.xlsx");
    }

    private static int StableHash(string text)
    {
        var hash = unchecked((int)2166136261);
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }
        return hash;
    }

    private List<Dictionary<string, object>> ImportRows(IReadOnlyList<FixChange> changes)
    {
        var properties = changes.Select(c => c.Property).Distinct(StringComparer.Ordinal).ToList();
        var index = properties.Select(p => repairable.ToList().IndexOf(p)).ToList();
        // The keys of each row are the header (MiniExcel writes them as the first row).
        var rows = new List<Dictionary<string, object>>();
        foreach (var group in changes.GroupBy(c => c.CaseId, StringComparer.Ordinal))
        {
            // A column the case does not change keeps the value it has (a property it lacks stays blank, which
            // the rules read as missing too).
            var row = new Dictionary<string, object>(StringComparer.Ordinal) { ["case_id"] = group.Key };
            var current = _current[group.Key];
            for (var i = 0; i < properties.Count; i++)
            {
                row[properties[i]] = group.FirstOrDefault(c => c.Property == properties[i])?.NewValue
                    ?? (index[i] >= 0 ? current[index[i]] : null) ?? "";
            }
            rows.Add(row);
        }
        return rows;
    }

    private static Dictionary<string, object> ReviewRow(FixChange change) => new(StringComparer.Ordinal)
    {
        ["case_id"] = change.CaseId,
        ["property"] = change.Property,
        ["code"] = change.Code,
        ["old_value"] = change.OldValue,
        ["new_value"] = change.NewValue,
        ["confidence"] = change.ConfidenceText,
        ["displaced_owner"] = change.DisplacedOwner ?? "",
    };
}
