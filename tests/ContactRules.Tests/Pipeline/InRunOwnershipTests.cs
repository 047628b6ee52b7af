using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.Projects;
using ContactRules.Tests.Evaluation;
using Xunit;

namespace ContactRules.Tests.Pipeline;

public sealed class InRunOwnershipTests
{
    private static readonly ProjectSettings Project = ProjectSettings.Default with
    {
        Gateways = [new Gateway("SAFARICOM", ["254"])],
    };

    private static CaseRecord Case(string id, string opened, string? backend = null)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["contact_phone_number"] = "254712345678",
            ["contact_phone_number_is_verified"] = "1",
        };
        if (backend is not null)
        {
            properties["contact_backend_id"] = backend;
        }
        return new CaseRecord { Id = id, DateOpened = CaseTimestamp.Parse(opened), Properties = properties };
    }

    private static Dictionary<string, ContactVerdict> Judge(string ruleFile, params CaseRecord[] cases)
    {
        var run = new JudgingRun(Corpus.Compile(ruleFile, Project), new RunOptions { Trace = false });
        return run.Run(() => cases.Select(CaseReadResult.Accepted)).ToDictionary(i => i.Record!.Id, i => i.Verdict!);
    }

    [Theory]
    [MemberData(nameof(Corpus.RuleFiles), MemberType = typeof(Corpus))]
    public void The_earliest_verified_case_owns_the_number_even_when_no_gateway_can_send_to_it(string ruleFile)
    {
        // a-early names a gateway the project lacks, so it cannot be sent to; it still registered first.
        var verdicts = Judge(ruleFile, Case("b-late", "2024-02-01"), Case("a-early", "2024-01-01", backend: "VODACOM"));

        Assert.Equal(["GATEWAY_NOT_FOUND"], verdicts["a-early"].Channel("two_way_sms")!.Reasons.Select(r => r.Code));
        var late = verdicts["b-late"].Channel("two_way_sms")!;
        Assert.Equal([Corpus.InUseCode(ruleFile)], late.Reasons.Select(r => r.Code));
        Assert.Contains("a-early", late.Reasons[0].Message, StringComparison.Ordinal);
        Assert.True(verdicts["b-late"].Channel("sms")!.Eligible);
    }

    [Fact]
    public void Cases_opened_at_the_same_time_are_ordered_by_case_id()
    {
        var verdicts = Judge(Corpus.Documented, Case("c2", "2024-01-01"), Case("c10", "2024-01-01"), Case("c1", "2024-01-01"));
        Assert.True(verdicts["c1"].Channel("two_way_sms")!.Eligible);
        Assert.False(verdicts["c10"].Channel("two_way_sms")!.Eligible);
        Assert.False(verdicts["c2"].Channel("two_way_sms")!.Eligible);
    }
}
