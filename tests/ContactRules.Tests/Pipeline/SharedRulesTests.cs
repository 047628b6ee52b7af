using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.Registry;
using ContactRules.RuleFiles;
using ContactRules.Tests.Evaluation;
using Xunit;

namespace ContactRules.Tests.Pipeline;

/// <summary>
/// Compiled rules are immutable: runs with their own owners, opt-outs, threads and tracing may share one
/// compiled rule set, at once or one after another, and each gets the verdicts it gets alone.
/// </summary>
public sealed class SharedRulesTests
{
    private static IEnumerable<CaseRecord> Records() => Corpus.Open(Corpus.Cases).Select(r => r.Record).OfType<CaseRecord>();

    private static List<(string CaseId, string Claim)> Claims(CompiledRules rules) =>
        [.. RegistryUpdates.Of(rules, Records()).Select(u => (u.CaseId, u.Claim))];

    [Theory]
    [MemberData(nameof(Corpus.RuleFiles), MemberType = typeof(Corpus))]
    public void Registering_with_rules_a_run_has_used_claims_what_freshly_compiled_rules_claim(string ruleFile)
    {
        // As a library user would: check the cases, then register them with the same compiled rules.
        var shared = Corpus.Compile(ruleFile, Corpus.Project());
        Assert.NotEmpty(new JudgingRun(shared).Run(() => Corpus.Open(Corpus.Cases)).ToList());

        var claims = Claims(shared);

        Assert.Equal(Claims(Corpus.Compile(ruleFile, Corpus.Project())), claims);
        // The cases that once claimed another number (or none) after a run had left its owners behind.
        foreach (var id in new[] { "claim-3-later", "claim-3-no-date", "tie-b" })
        {
            Assert.NotEqual("", claims.Single(c => c.CaseId == id).Claim);
        }
    }

    [Fact]
    public void Many_runs_sharing_one_compiled_rule_set_at_once_each_get_the_verdicts_they_get_alone()
    {
        var shared = Corpus.Compile(Corpus.Documented, Corpus.Project());
        var owner = new TwoWayOwnership();
        owner.Claim(new CaseClaim("someone-else", "919876543210", 0));
        RunOptions[] variants =
        [
            new(),
            new() { Trace = false, Parallelism = 2 },
            new() { OptOuts = new OptOutRegistry(Corpus.OptedOutNumber) },
            new() { Registry = owner, Trace = false },
            new() { Registry = new RegistrySnapshot([], ["919876543210"]), Parallelism = 2 },
        ];
        var alone = variants.Select(o => Judge(Corpus.Compile(Corpus.Documented, Corpus.Project()), o)).ToArray();
        Assert.Equal(variants.Length, alone.Distinct().Count());

        // Every variant four times over, in a shuffled order, all at once.
        var order = Enumerable.Range(0, variants.Length * 4).Select(i => i % variants.Length).OrderBy(i => HashCode.Combine(i, 17)).ToArray();
        var together = new string[order.Length];
        Parallel.For(0, order.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => together[i] = Judge(shared, variants[order[i]]));

        for (var i = 0; i < order.Length; i++)
        {
            Assert.Equal(alone[order[i]], together[i]);
        }

        static string Judge(CompiledRules rules, RunOptions options) => string.Join("\n", new JudgingRun(rules, options)
            .Run(() => Corpus.Open(Corpus.Cases))
            .Select(i => i.Verdict is null ? i.Diagnostic!.ToString() : VerdictJson.ToJsonLine(i.Verdict, includeTraces: true)));
    }

    [Fact]
    public void Ownership_is_decided_from_the_checkers_resolved_calls_not_from_the_expression_text()
    {
        // The function's name in a string or a message asks nothing of the registry.
        var text = RuleFileLoader.BuiltInText(RuleFileLoader.DefaultName)
            .Replace("registry.twoWayOwner(destination) in ['', case.id]", "'registry.twoWayOwner' != ''", StringComparison.Ordinal);
        var diagnostics = new ContactRules.Diagnostics.DiagnosticBag();
        var rules = CompiledRules.Compile(RuleFileLoader.Load("text-only.yaml", text, diagnostics)!, ContactRules.Projects.ProjectSettings.Default, diagnostics);

        Assert.NotNull(rules);
        Assert.True(rules.AsksForOwners, "the message expression still asks who owns the number");
        var noneAtAll = CompiledRules.Compile(RuleFileLoader.Load("none.yaml", text.Replace("registry.twoWayOwner(destination)", "'x'", StringComparison.Ordinal), diagnostics)!, ContactRules.Projects.ProjectSettings.Default, diagnostics);
        Assert.NotNull(noneAtAll);
        Assert.False(noneAtAll.AsksForOwners);
    }
}
