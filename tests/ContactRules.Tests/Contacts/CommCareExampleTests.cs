using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Contacts;

/// <summary>
/// examples/commcare/ (made by scripts/make-commcare-examples.py from one list of cases): every form HQ hands
/// out reads with no rejected record and gives, case for case, the verdicts of the Case API v2 pages.
/// </summary>
public sealed class CommCareExampleTests
{
    private static readonly string Directory = CliRunner.InRepository(Path.Combine("examples", "commcare"));

    private static readonly string[] ApiV2 = ["api-v2-page-1.json", "api-v2-page-2.json"];

    public static TheoryData<string, string> Forms()
    {
        var data = new TheoryData<string, string>();
        foreach (var rules in new[] { "commcare-case-contact.yaml", "commcare-hq-compatible.yaml" })
        {
            foreach (var form in new[] { "api-v0.5.json", "case-export.xlsx", "case-export.zip", "det-export.zip", "cases.jsonl.gz" })
            {
                data.Add(form, rules);
            }
        }
        return data;
    }

    private static (List<string> Verdicts, CaseReadSummary Summary, List<string> Diagnostics) Judge(string rulesFile, params string[] files)
    {
        var diagnostics = new DiagnosticBag();
        var rules = RuleSetLoader.Load(CliRunner.InRepository(Path.Combine("rules", rulesFile)), CliRunner.InRepository(Path.Combine("examples", "project.yaml")), diagnostics);
        Assert.NotNull(rules);
        var run = new JudgingRun(rules);
        var inputs = files.Select(f => Path.Combine(Directory, f)).ToList();
        var items = run.Run(CasePopulation.Latest(() => CasePopulation.Concat(inputs, p => CaseSource.Open(p)))).ToList();
        return (
            [.. items.Where(i => i.Verdict is not null).Select(i => VerdictJson.ToJsonLine(i.Verdict!))],
            run.Summary,
            [.. items.Where(i => i.Diagnostic is not null).Select(i => i.Diagnostic!.ToString())]);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Every_form_gives_the_verdicts_of_the_api_v2_pages_case_for_case(string form, string rules)
    {
        var (expected, expectedSummary, _) = Judge(rules, ApiV2);
        Assert.Equal(12, expected.Count);
        var (verdicts, summary, diagnostics) = Judge(rules, form);
        Assert.Empty(diagnostics);
        Assert.Equal(new CaseReadSummary(12, 12, 0, 0), summary);
        Assert.Equal(expectedSummary, summary);
        Assert.Equal(expected, verdicts);
    }

    [Fact]
    public void The_samples_are_what_the_script_makes()
    {
        // The script is deterministic; a stale sample would test a form the script no longer writes.
        var xlsx = Path.Combine(Directory, "case-export.xlsx");
        using var archive = System.IO.Compression.ZipFile.OpenRead(xlsx);
        Assert.NotNull(archive.GetEntry("xl/sharedStrings.xml"));
        using var zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(Directory, "case-export.zip"));
        var member = Assert.Single(zip.Entries);
        Assert.Equal("Mother and Child Cases/Cases.csv", member.FullName);
        using var csv = member.Open();
        var start = new byte[3];
        csv.ReadExactly(start);
        Assert.Equal([0xEF, 0xBB, 0xBF], start);
    }
}
