using ContactRules.Auditing;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Generation;
using ContactRules.Pipeline;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Auditing;

/// <summary>
/// <c>audit --fixes</c>: the sheet CommCare's bulk case importer takes back (corehq/apps/case_importer: first
/// sheet, first row headers, a case_id search column, every other column sets the property of its name,
/// values read as text), read back with the tool's own xlsx reader and applied to the cases it came from.
/// </summary>
public sealed class FixSheetTests
{
    private static readonly CompiledRules Rules =
        RuleSetLoader.Load(null, Path.Combine(CliRunner.RepositoryRoot, "examples", "project.yaml"), new DiagnosticBag())!;

    private static readonly string[] Repairable =
        [.. Rules.Rules.Properties.Where(p => p.Checks.Any(c => c.Suggest is not null)).Select(p => p.Name)];

    [Fact]
    public void The_sheet_is_what_the_importer_takes_and_importing_it_opens_the_blocked_channels_and_closes_none()
    {
        var cases = new CaseGenerator(GeneratorOptions.Default with { Seed = 11 }).Generate(4_000).ToList();
        var before = Judge(cases);
        var sheet = new FixSheet(Repairable, includeLikely: false);
        foreach (var record in cases)
        {
            sheet.Add(record, before[record.Id]);
        }
        Assert.True(sheet.CaseCount > 50, $"only {sheet.CaseCount} cases with certain repairs");

        using var workbook = new MemoryStream();
        sheet.WriteXlsx(workbook);
        workbook.Position = 0;
        var rows = CaseSource.Read(workbook, "fixes.xlsx").ToList();

        // Every row a case of the input, once; no rejected rows, no column but case_id and properties that change.
        Assert.All(rows, r => Assert.Equal(CaseReadKind.Accepted, r.Kind));
        var imported = rows.Select(r => r.Record!).ToList();
        Assert.Equal(sheet.CaseCount, imported.Count);
        Assert.Equal(imported.Count, imported.Select(r => r.Id).Distinct().Count());
        var byId = cases.ToDictionary(c => c.Id);
        Assert.All(imported, r => Assert.True(byId.ContainsKey(r.Id)));
        Assert.All(imported, r => Assert.Subset(Repairable.ToHashSet(), r.Properties.Keys.ToHashSet()));
        Assert.Equal(sheet.Properties().ToHashSet(), imported.SelectMany(r => r.Properties.Keys).ToHashSet());
        // Values survive as text: what the sheet says is exactly the suggested value.
        foreach (var change in sheet.Changes)
        {
            Assert.Equal(change.NewValue, imported.Single(r => r.Id == change.CaseId).Properties[change.Property]);
        }

        // Imported: each row's columns set the case's properties, as the importer does.
        var importedById = imported.ToDictionary(r => r.Id);
        var repaired = cases.Select(c => importedById.TryGetValue(c.Id, out var row)
            ? c with { Properties = new Dictionary<string, string>(c.Properties.Concat(row.Properties).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value), StringComparer.Ordinal) }
            : c).ToList();
        var after = Judge(repaired);

        foreach (var record in cases)
        {
            foreach (var channel in before[record.Id].Channels)
            {
                var now = after[record.Id].Channels.Single(c => c.Channel == channel.Channel);
                if (channel.Eligible)
                {
                    Assert.True(now.Eligible, $"{record.Id} lost {channel.Channel} to the repairs");
                }
                // The reasons a certain repair answered are gone.
                foreach (var change in sheet.Changes.Where(c => c.CaseId == record.Id))
                {
                    Assert.DoesNotContain(now.Reasons, r => r.Property == change.Property && r.Code == change.Code);
                }
                // A channel blocked only by repaired properties is open now.
                if (!channel.Eligible && channel.Reasons.All(r => r.Suggestion?.Confidence == SuggestionConfidence.Certain))
                {
                    Assert.True(now.Eligible, $"{record.Id}: the certain repairs did not open {channel.Channel}");
                }
            }
        }
    }

    [Fact]
    public void A_row_keeps_the_current_value_of_a_column_it_does_not_change()
    {
        var a = Case("a", ("time_zone", "America/New York"), ("commcare_email_address", "a@example.org"));
        var b = Case("b", ("time_zone", "Asia/Kolkata"), ("commcare_email_address", "B <b@example.org>"));
        var sheet = new FixSheet(Repairable, includeLikely: false);
        foreach (var record in new[] { a, b })
        {
            sheet.Add(record, Rules.Evaluate(record));
        }
        using var workbook = new MemoryStream();
        sheet.WriteXlsx(workbook);
        workbook.Position = 0;
        var rows = CaseSource.Read(workbook, "fixes.xlsx").Select(r => r.Record!).ToDictionary(r => r.Id);

        Assert.Equal("America/New_York", rows["a"].Properties["time_zone"]);
        Assert.Equal("a@example.org", rows["a"].Properties["commcare_email_address"]);
        Assert.Equal("Asia/Kolkata", rows["b"].Properties["time_zone"]);
        Assert.Equal("b@example.org", rows["b"].Properties["commcare_email_address"]);
    }

    [Fact]
    public void Audit_writes_the_sheets_and_says_what_the_repairs_would_reach()
    {
        var directory = Directory.CreateTempSubdirectory("contactrules-fixes-");
        try
        {
            var cases = Path.Combine(directory.FullName, "cases.csv");
            Assert.Equal(0, CliRunner.Run(null, "generate", "1000", "--seed", "5", "--format", "csv", "--out", cases).ExitCode);
            var fixes = Path.Combine(directory.FullName, "fixes.csv");
            var owners = Path.Combine(directory.FullName, "owners");
            var result = CliRunner.Run(null, "audit", cases, "--project", "examples/project.yaml", "--fixes", fixes, "--fixes-by-owner", owners, "--apply-fixes", "--by", "owner");

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("fixable by a certain repair", result.Out, StringComparison.Ordinal);
            Assert.Contains("Who should fix what, by owner", result.Out, StringComparison.Ordinal);
            Assert.Matches(@"One-way SMS\s+[\d,]+ → [\d,]+ \(\+[\d,]+\)", result.Out);
            Assert.StartsWith("case_id,", File.ReadAllLines(fixes)[0], StringComparison.Ordinal);
            Assert.Equal(string.Join(',', FixSheet.ReviewColumns), File.ReadAllLines(Path.Combine(directory.FullName, "fixes.review.csv"))[0]);
            Assert.NotEmpty(Directory.GetFiles(owners, "fixes-*.xlsx"));

            var refused = CliRunner.Run(null, "audit", cases, "--fixes", Path.Combine(directory.FullName, "f.xlsx"), "--redact");
            Assert.Equal(2, refused.ExitCode);
            Assert.Equal(2, CliRunner.Run(null, "audit", cases, "--by", "colour").ExitCode);
            Assert.Equal(2, CliRunner.Run(null, "audit", cases, "--fixes", cases).ExitCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Dictionary<string, ContactVerdict> Judge(IEnumerable<CaseRecord> cases) =>
        new JudgingRun(Rules).Run(() => cases.Select(CaseReadResult.Accepted)).ToDictionary(i => i.Verdict!.CaseId, i => i.Verdict!);

    private static CaseRecord Case(string id, params (string Name, string Value)[] properties) => new()
    {
        Id = id,
        Name = id,
        Properties = properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
    };
}
