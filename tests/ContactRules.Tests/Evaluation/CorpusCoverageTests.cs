using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.RuleFiles;
using Xunit;

namespace ContactRules.Tests.Evaluation;

/// <summary>
/// What the corpus claims to cover, checked rather than hoped: every code of each rule file, each channel
/// open and closed, both fallbacks, inactive cases, ownership conflicts and malformed records.
/// </summary>
public sealed class CorpusCoverageTests
{
    [Theory]
    [MemberData(nameof(Corpus.RuleFiles), MemberType = typeof(Corpus))]
    public void Every_code_of_the_rule_file_appears_in_the_corpus_results_and_no_other(string ruleFile)
    {
        var rules = RuleFileLoader.LoadBuiltIn(ruleFile);
        var declared = rules.ContactChecks.Concat(rules.Properties.SelectMany(p => p.Checks)).Select(c => c.Code)
            .Concat(rules.Properties.Where(p => p.Missing is not null).Select(p => p.Missing!.Code))
            .Concat(rules.Errors.Keys)
            .ToHashSet(StringComparer.Ordinal);

        var seen = Corpus.Judge(ruleFile).Verdicts
            .SelectMany(v => v.Channels.SelectMany(c => c.Reasons).Concat(v.Warnings))
            .Select(r => r.Code)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(declared.Except(seen).Order(StringComparer.Ordinal));
        Assert.Empty(seen.Except(declared).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Corpus.RuleFiles), MemberType = typeof(Corpus))]
    public void Every_channel_is_open_for_some_case_and_closed_for_another(string ruleFile)
    {
        var verdicts = Corpus.Judge(ruleFile).Verdicts.ToList();
        foreach (var channel in new[] { "sms", "two_way_sms", "email" })
        {
            Assert.Contains(verdicts, v => v.Channel(channel)!.Eligible);
            Assert.Contains(verdicts, v => !v.Channel(channel)!.Eligible);
        }
    }

    [Theory]
    [MemberData(nameof(Corpus.RuleFiles), MemberType = typeof(Corpus))]
    public void Time_zone_and_language_fall_back_to_the_project_when_the_case_value_is_not_usable(string ruleFile)
    {
        var judged = Corpus.Judge(ruleFile);
        var tz = judged.Verdict("tz-unknown");
        Assert.Equal(new ResolvedSetting("Africa/Nairobi", ValueSource.Project), tz.TimeZone);
        Assert.Contains(tz.Warnings, w => w.Code == "TIME_ZONE_UNKNOWN");

        var language = judged.Verdict("lang-unknown");
        Assert.Equal(new ResolvedSetting("en", ValueSource.Project), language.Language);
        Assert.Contains(language.Warnings, w => w.Code == "LANGUAGE_NOT_DEFINED");

        // A warning never closes a channel.
        Assert.True(tz.Channel("email")!.Eligible);
        Assert.True(language.Channel("email")!.Eligible);
    }

    [Theory]
    [MemberData(nameof(Corpus.RuleFiles), MemberType = typeof(Corpus))]
    public void Closed_and_deleted_cases_are_not_contacts(string ruleFile)
    {
        var judged = Corpus.Judge(ruleFile);
        foreach (var id in new[] { "closed", "deleted", "closed-text-true", "claim-closed-early" })
        {
            var verdict = judged.Verdict(id);
            Assert.False(verdict.Contact);
            Assert.All(verdict.Channels, c => Assert.Contains(c.Reasons, r => r.Code == "CONTACT_INACTIVE"));
        }
    }

    [Theory]
    [MemberData(nameof(Corpus.RuleFiles), MemberType = typeof(Corpus))]
    public void The_earliest_opened_active_claimant_owns_a_number_and_ties_go_to_the_smallest_case_id(string ruleFile)
    {
        var judged = Corpus.Judge(ruleFile);
        AssertOwner(judged, "claim-3-first", "claim-3-later", "claim-3-no-date");
        AssertOwner(judged, "tie-a", "tie-b");
        AssertOwner(judged, "claim-open-late", "claim-closed-early");
    }

    [Fact]
    public void The_rule_files_disagree_on_who_owns_a_number_where_hq_is_laxer()
    {
        AssertOwner(Corpus.Judge(Corpus.Documented), "claim-plain-late");
        AssertOwner(Corpus.Judge(Corpus.Documented), "claim-verified-1-late");
        AssertOwner(Corpus.Judge(Corpus.HqCompatible), "claim-punctuated-early", "claim-plain-late");
        AssertOwner(Corpus.Judge(Corpus.HqCompatible), "claim-verified-no-early", "claim-verified-1-late");
    }

    [Theory]
    [MemberData(nameof(Corpus.RuleFiles), MemberType = typeof(Corpus))]
    public void Malformed_records_are_reported_with_their_line_and_every_record_is_accounted_for(string ruleFile)
    {
        var corpus = Corpus.Judge(ruleFile);
        Assert.Equal(new CaseReadSummary(62, 61, 1, 0), corpus.Summary);
        Assert.Equal(["contacts/corpus.json:64"], corpus.Items.Where(i => i.Diagnostic is not null).Select(i => i.Diagnostic!.Location.ToString()));

        var lines = Corpus.Judge(ruleFile, Corpus.Malformed);
        Assert.Equal(new CaseReadSummary(7, 2, 5, 0), lines.Summary);
        Assert.Equal(
            ["contacts/malformed.jsonl:2:80", "contacts/malformed.jsonl:3", "contacts/malformed.jsonl:4", "contacts/malformed.jsonl:5", "contacts/malformed.jsonl:6"],
            lines.Items.Where(i => i.Diagnostic is not null).Select(i => i.Diagnostic!.Location.ToString()));
        // The records around the broken ones are judged, and still settle ownership between them.
        AssertOwner(lines, "jl-first", "jl-last");
    }

    [Fact]
    public void The_corpus_has_at_least_forty_cases_with_distinct_ids()
    {
        var ids = Corpus.Open(Corpus.Cases).Where(r => r.Record is not null).Select(r => r.Record!.Id).ToList();
        Assert.True(ids.Count >= 40, $"only {ids.Count} cases");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The owner is open for two-way SMS; each other claimant is closed by PHONE_NUMBER_IN_USE (HQ: NO_TWO_WAY_PHONE_NUMBER) naming it.</summary>
    private static void AssertOwner(Corpus.Judged judged, string owner, params string[] others)
    {
        Assert.True(judged.Verdict(owner).Channel(CompiledRules.TwoWayChannel)!.Eligible, owner + " should own its number for two-way SMS");
        foreach (var other in others)
        {
            var inUse = Assert.Single(judged.Verdict(other).Channel(CompiledRules.TwoWayChannel)!.Reasons, r => r.Code == Corpus.InUseCode(judged.Rules.Rules.Path));
            Assert.EndsWith("by case " + owner, inUse.Message, StringComparison.Ordinal);
        }
    }
}
