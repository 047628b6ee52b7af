using ContactRules.Auditing;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Tests.Cli;
using Snapshooter.Xunit;
using Xunit;

namespace ContactRules.Tests.Auditing;

public sealed class DiffTests
{
    [Fact]
    public void Documented_against_HQ_behaviour_on_the_example_cases_as_text()
    {
        var result = CliRunner.Run(null, "diff", "examples/cases.json", "--project", "examples/project.yaml",
            "--rules", "commcare-case-contact.yaml", "--against", "commcare-hq-compatible.yaml");

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(result.Out);
    }

    [Fact]
    public void HQ_behaviour_against_documented_on_the_example_cases_as_json()
    {
        var result = CliRunner.Run(null, "diff", "examples/cases.csv", "--project", "examples/project.yaml",
            "--rules", "commcare-hq-compatible.yaml", "--against", "commcare-case-contact.yaml", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(Newtonsoft.Json.Linq.JToken.Parse(result.Out));
    }

    [Fact]
    public void A_rule_file_against_itself_changes_nothing()
    {
        var diagnostics = new DiagnosticBag();
        var rules = RuleSetLoader.Load(null, Path.Combine(CliRunner.RepositoryRoot, "examples", "project.yaml"), diagnostics)!;
        var same = RuleSetLoader.Load(null, Path.Combine(CliRunner.RepositoryRoot, "examples", "project.yaml"), diagnostics)!;

        var diff = RuleDiff.Run(rules, same, () => CaseSource.Open(Path.Combine(CliRunner.RepositoryRoot, "examples", "cases.jsonl")), "cases.jsonl");

        Assert.All(diff.Channels, c =>
        {
            Assert.Equal(0, c.Gained);
            Assert.Equal(0, c.Lost);
            Assert.Equal(c.EligibleBefore, c.EligibleAfter);
        });
    }

    [Fact]
    public void Gains_are_grouped_by_the_reason_that_disappears_and_losses_by_the_one_that_appears()
    {
        var project = Path.Combine(CliRunner.RepositoryRoot, "examples", "project.yaml");
        var documented = RuleSetLoader.Load("commcare-case-contact.yaml", project, new DiagnosticBag())!;
        var hq = RuleSetLoader.Load("commcare-hq-compatible.yaml", project, new DiagnosticBag())!;
        Func<IEnumerable<CaseReadResult>> open = () => CaseSource.Open(Path.Combine(CliRunner.RepositoryRoot, "examples", "cases.json"));

        var forward = RuleDiff.Run(documented, hq, open, "cases.json");
        var backward = RuleDiff.Run(hq, documented, open, "cases.json");

        var sms = forward.Channels.Single(c => c.Channel == "sms");
        Assert.Contains(sms.GainedBecause, g => g.Code == "PHONE_NUMBER_FORMAT" && g.Examples.Contains("c-punctuated"));
        var back = backward.Channels.Single(c => c.Channel == "sms");
        Assert.Equal(sms.Gained, back.Lost);
        Assert.Contains(back.LostBecause, g => g.Code == "PHONE_NUMBER_FORMAT" && g.Examples.Contains("c-punctuated"));
    }
}
