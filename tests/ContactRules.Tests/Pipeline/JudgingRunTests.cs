using System.Text;
using ContactRules.Auditing;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Generation;
using ContactRules.Pipeline;
using ContactRules.Projects;
using ContactRules.RuleFiles;
using Xunit;

namespace ContactRules.Tests.Pipeline;

public sealed class JudgingRunTests
{
    /// <summary>Generated cases with many shared numbers, so ownership is contested, written once as CSV.</summary>
    private static readonly byte[] Export = GeneratedExport(3000);

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(2, true)]
    public void Gives_the_same_verdicts_in_the_same_order_on_any_number_of_threads(int parallelism, bool withGateways)
    {
        var project = withGateways ? Path.Combine(Cli.CliRunner.RepositoryRoot, "examples", "project.yaml") : null;
        var expected = Verdicts(new JudgingRun(Rules(project), new RunOptions { Trace = false }).Run(Open));
        var audit = new JudgingRun(Rules(project), new RunOptions { Parallelism = parallelism, Trace = false });

        var actual = Verdicts(audit.Run(Open));

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
        Assert.Contains(actual, v => v.Contains("PHONE_NUMBER_IN_USE", StringComparison.Ordinal));
        Assert.Equal(3000, audit.Summary.Accepted);
    }

    [Fact]
    public void The_summary_counts_every_record_channel_and_reason_with_an_example()
    {
        var rules = Rules();
        var tally = new AuditTally(rules.Rules, "generated.csv");
        var run = new JudgingRun(rules, new RunOptions { Parallelism = 0, Trace = false });
        var verdicts = new List<ContactVerdict>();
        foreach (var item in run.Run(Open))
        {
            tally.Add(item);
            verdicts.Add(item.Verdict!);
        }

        var summary = tally.Build(run.Summary);

        Assert.Equal(3000, summary.Read);
        Assert.Equal(verdicts.Count(v => v.Contact), summary.Contacts);
        foreach (var channel in summary.Channels)
        {
            Assert.Equal(verdicts.Count(v => v.Channel(channel.Channel)!.Eligible), channel.Eligible);
            foreach (var reason in channel.Reasons)
            {
                var example = verdicts.Single(v => v.CaseId == reason.ExampleCaseId);
                Assert.Contains(example.Channel(channel.Channel)!.Reasons, r => r.Code == reason.Code);
                Assert.Equal(verdicts.Count(v => v.Channel(channel.Channel)!.Reasons.Any(r => r.Code == reason.Code)), reason.Count);
            }
        }
        Assert.Equal(verdicts.Count(v => v.Channels.Any(c => !c.Eligible)), summary.UnreachableCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void A_comparing_run_gives_each_side_the_verdicts_of_its_own_run_in_two_reads_of_the_input(int parallelism)
    {
        var documented = Rules();
        var hq = RuleSetLoader.Load(Path.Combine(Cli.CliRunner.RepositoryRoot, "rules", "commcare-hq-compatible.yaml"), null, new DiagnosticBag())!;
        var opened = 0;
        IEnumerable<CaseReadResult> Counted()
        {
            opened++;
            return Open();
        }

        var compared = new ComparingRun(documented, hq, new RunOptions { Parallelism = parallelism, Trace = false }).Run(Counted).ToList();

        Assert.Equal(2, opened);
        Assert.Equal(Verdicts(new JudgingRun(documented, new RunOptions { Trace = false }).Run(Open)), [.. compared.Select(c => VerdictJson.ToJsonLine(c.Before!))]);
        Assert.Equal(Verdicts(new JudgingRun(hq, new RunOptions { Trace = false }).Run(Open)), [.. compared.Select(c => VerdictJson.ToJsonLine(c.After!))]);
    }

    private static Func<IEnumerable<CaseReadResult>> Open => () => CaseSource.Read(new MemoryStream(Export), "generated.csv", CaseFormat.Csv);

    private static CompiledRules Rules(string? project = null) => RuleSetLoader.Load(null, project, new DiagnosticBag())!;

    private static List<string> Verdicts(IEnumerable<CheckItem> items) =>
        [.. items.Select(i => i.Verdict is null ? i.Diagnostic!.ToString() : VerdictJson.ToJsonLine(i.Verdict))];

    private static byte[] GeneratedExport(int count)
    {
        var shares = GeneratorOptions.DefaultShares.SetItem(Flaw.SharedNumber, 0.2).SetItem(Flaw.OddText, 0.1);
        using var stream = new MemoryStream();
        CaseExportWriter.Write(new CaseGenerator(new GeneratorOptions(5, shares)).Generate(count), CaseGenerator.PropertyNames, stream, ExportFormat.Csv);
        return stream.ToArray();
    }

    [Fact]
    public void The_generated_export_is_read_back_whole()
    {
        var text = Encoding.UTF8.GetString(Export);
        Assert.StartsWith("case_id,case_type,case_name", text, StringComparison.Ordinal);
        Assert.Equal(3000, CaseSource.Read(new MemoryStream(Export), "generated.csv", CaseFormat.Csv).Count(r => r.Record is not null));
    }

    [Fact]
    public void Rules_that_never_ask_for_owners_are_judged_in_one_pass()
    {
        var text = RuleFileLoader.BuiltInText(RuleFileLoader.DefaultName)
            .Replace("registry.twoWayOwner(destination)", "''", StringComparison.Ordinal);
        var diagnostics = new DiagnosticBag();
        var rules = CompiledRules.Compile(RuleFileLoader.Load("no-owners.yaml", text, diagnostics)!, ProjectSettings.Default, diagnostics)!;
        var opened = 0;

        var verdicts = new JudgingRun(rules, new RunOptions { Parallelism = 0, Trace = false }).Run(() =>
        {
            opened++;
            return Open();
        }).Count();

        Assert.Equal(3000, verdicts);
        Assert.Equal(1, opened);
        Assert.True(Rules().AsksForOwners);
        Assert.False(rules.AsksForOwners);
    }
}
