using System.IO.Compression;
using System.Text.Json;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Generation;
using ContactRules.Pipeline;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Auditing;

/// <summary>audit --fixes, --fixes-by-owner, --apply-fixes and --by: the sheet the bulk importer takes back, and who should fix what.</summary>
public sealed class FixSheetTests : IDisposable
{
    private static readonly CompiledRules Rules =
        RuleSetLoader.Load(null, CliRunner.InRepository("examples/project.yaml"), new DiagnosticBag())!;

    private readonly string _directory = Directory.CreateTempSubdirectory("fixsheet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Generated cases, by the README tour's generator: its 20,000 where the "done when" asks, fewer elsewhere to keep the suite quick.</summary>
    private string Generated(int count = 2_000)
    {
        var path = Path.Combine(_directory, "cases.csv");
        using var file = File.Create(path);
        CaseExportWriter.Write(new CaseGenerator(GeneratorOptions.Default).Generate(count).ToList(), CaseGenerator.PropertyNames, file, ExportFormat.Csv);
        return path;
    }

    [Fact]
    public void The_fix_sheet_read_back_follows_the_importers_rules_and_its_certain_fixes_open_what_they_blocked()
    {
        var input = Generated(20_000);
        var sheet = Path.Combine(_directory, "fixes.xlsx");
        var result = CliRunner.Run(null, "audit", input, "--project", "examples/project.yaml", "--fixes", sheet);
        Assert.Equal(0, result.ExitCode);

        // The importer's rules: an xlsx whose first sheet's first row is the headers, case_id the search
        // column, every other column a property the rules know (no export columns, no `---`), every cell text.
        using (var zip = ZipFile.OpenRead(sheet))
        {
            var first = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
            Assert.DoesNotContain("t=\"n\"", first, StringComparison.Ordinal);
            Assert.All(System.Text.RegularExpressions.Regex.Matches(first, "<x?:?c [^>]*>"), cell => Assert.Matches("t=\"(s|str|inlineStr)\"", cell.Value));
        }
        var rows = CaseSource.Open(sheet).ToList();
        Assert.All(rows, r => Assert.Equal(CaseReadKind.Accepted, r.Kind));
        var fixes = rows.Select(r => r.Record!).ToDictionary(r => r.Id);
        Assert.True(fixes.Count > 500, $"only {fixes.Count} repaired cases");
        var known = Rules.Rules.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(fixes.Values, f => Assert.All(f.Properties, p =>
        {
            Assert.Contains(p.Key, known);
            Assert.NotEqual("---", p.Value);
        }));

        // Imported: each case takes the sheet's values, and the whole is judged again as one population.
        var cases = CaseSource.Open(input).Select(r => r.Record!).ToList();
        var repaired = cases.Select(c => fixes.TryGetValue(c.Id, out var fix)
            ? c with { Properties = new Dictionary<string, string>(c.Properties.Concat(fix.Properties).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value), StringComparer.Ordinal) }
            : c).ToList();
        var before = Judge(cases);
        var after = Judge(repaired);
        foreach (var record in cases)
        {
            foreach (var channel in before[record.Id].Channels)
            {
                var then = after[record.Id].Channel(channel.Channel)!;
                Assert.False(channel.Eligible && !then.Eligible, $"{record.Id} lost {channel.Channel}");
                // A channel whose every reason had a certain repair is open once the sheet is imported.
                if (!channel.Eligible && channel.Reasons.All(r => r.Suggestion is { Confidence: SuggestionConfidence.Certain }))
                {
                    Assert.True(then.Eligible, $"{record.Id}: the certain fixes did not open {channel.Channel}");
                }
            }
        }
    }

    [Fact]
    public void The_review_sheet_lists_each_change_and_csv_keeps_values_text()
    {
        var input = Generated();
        var csv = Path.Combine(_directory, "fixes.csv");
        var result = CliRunner.Run(null, "audit", input, "--project", "examples/project.yaml", "--fixes", csv, "--include", "likely");
        Assert.Equal(0, result.ExitCode);
        var import = File.ReadAllLines(csv);
        Assert.StartsWith("case_id,", import[0], StringComparison.Ordinal);
        var changes = File.ReadAllLines(Path.Combine(_directory, "fixes.changes.csv"));
        Assert.Equal("case_id,property,code,old_value,new_value,confidence,displaced_owner", changes[0]);
        Assert.Contains(changes, line => line.Contains(",likely,", StringComparison.Ordinal));
        Assert.True(changes.Length >= import.Length);
    }

    [Fact]
    public void Apply_fixes_prints_before_and_after_reach_and_the_breakdown_names_owners()
    {
        var input = Generated();
        var result = CliRunner.Run(null, "audit", input, "--project", "examples/project.yaml", "--apply-fixes", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        var sms = root.GetProperty("after_repairs").GetProperty("sms");
        Assert.True(sms.GetProperty("after").GetInt32() > sms.GetProperty("before").GetInt32());
        Assert.Equal(root.GetProperty("channels").GetProperty("sms").GetProperty("eligible").GetInt32(), sms.GetProperty("before").GetInt32());
        // The predicted "+K contacts" of a reason is what re-judging finds when that reason alone closes the channel.
        Assert.Equal("owner", root.GetProperty("by").GetString());
        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(2_000, groups.Sum(g => g.GetProperty("cases").GetInt32()));
        Assert.Contains(groups, g => g.GetProperty("reasons").EnumerateArray().Any(r => r.GetProperty("fixable").GetInt32() > 0));

        var text = CliRunner.Run(null, "audit", input, "--project", "examples/project.yaml", "--by", "case_type", "--apply-fixes");
        Assert.Contains("Who should fix what (by case_type", text.Out, StringComparison.Ordinal);
        Assert.Contains("fixable: +", text.Out, StringComparison.Ordinal);
        Assert.Contains("After the repairs", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void One_sheet_per_owner_with_safe_names()
    {
        var input = Generated();
        var directory = Path.Combine(_directory, "owners");
        var result = CliRunner.Run(null, "audit", input, "--project", "examples/project.yaml", "--fixes-by-owner", directory);
        Assert.Equal(0, result.ExitCode);
        var files = Directory.GetFiles(directory, "fixes-*.xlsx");
        Assert.NotEmpty(files);
        Assert.Equal("fixes-no_owner.xlsx", ContactRules.Auditing.FixSheet.SafeFileName("", ".xlsx"));
        Assert.DoesNotContain('/', ContactRules.Auditing.FixSheet.SafeFileName("../../etc/passwd", ".xlsx"));
        Assert.NotEqual(ContactRules.Auditing.FixSheet.SafeFileName("a/b", ".xlsx"), ContactRules.Auditing.FixSheet.SafeFileName("a\\b", ".xlsx"));
    }

    [Theory]
    [InlineData("--by", "nobody")]
    [InlineData("--include", "maybe")]
    [InlineData("--redact", "--fixes")]
    public void Usage_errors_exit_2(string option, string value)
    {
        string[] arguments = option == "--redact"
            ? ["audit", "examples/cases.csv", "--redact", "--fixes", Path.Combine(_directory, "f.xlsx")]
            : ["audit", "examples/cases.csv", option, value];
        var result = CliRunner.Run(null, arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(_directory, "f.xlsx")));
    }

    [Fact]
    public void A_fix_sheet_that_is_the_input_is_refused()
    {
        var input = Generated();
        var result = CliRunner.Run(null, "audit", input, "--fixes", input);
        Assert.Equal(2, result.ExitCode);
    }

    private static Dictionary<string, ContactVerdict> Judge(IEnumerable<CaseRecord> cases) =>
        new JudgingRun(Rules).Run(() => cases.Select(CaseReadResult.Accepted)).ToDictionary(i => i.Verdict!.CaseId, i => i.Verdict!);
}
