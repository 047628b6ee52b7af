using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.RuleFiles;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Scheduling;

/// <summary>
/// What a sender needs besides the time (issue 4, section 3): the language, and the gateway with the
/// reason it was chosen (override, prefix, catch-all), as verdicts on the example cases give them.
/// </summary>
public sealed class SenderResolutionTests
{
    private static readonly string Examples = Path.Combine(CliRunner.RepositoryRoot, "examples");

    private static Dictionary<string, ContactVerdict> Verdicts(string rules, params CaseRecord[] extra)
    {
        var compiled = RuleSetLoader.Load(rules, Path.Combine(Examples, "project.yaml"), new DiagnosticBag())!;
        var input = CaseSource.Open(Path.Combine(Examples, "cases.json")).Concat(extra.Select(CaseReadResult.Accepted)).ToList();
        return new JudgingRun(compiled).Run(() => input).ToDictionary(i => i.Record!.Id, i => i.Verdict!);
    }

    private static string? Route(ContactVerdict verdict) =>
        verdict.Channel("sms") is { Eligible: true, Gateway: { } route } ? $"{route.Gateway} ({VerdictJson.Describe(route)})" : null;

    private static string Codes(ContactVerdict verdict) =>
        string.Join(" ", verdict.Channel("sms")!.Reasons.Select(r => r.Code).Concat(verdict.Warnings.Select(w => w.Code)));

    [Fact]
    public void The_verdict_names_the_gateway_and_why_it_was_chosen()
    {
        var british = new CaseRecord
        {
            Id = "c-british",
            Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["contact_phone_number"] = "447911123456" },
        };
        var verdicts = Verdicts("commcare-case-contact.yaml", british);
        Assert.Equal("AIRTEL-IN (prefix 91)", Route(verdicts["c-asha"]));
        Assert.Equal("SAFARICOM-KE (prefix 254)", Route(verdicts["c-wanjiru"]));
        Assert.Equal("TWILIO (override)", Route(verdicts["c-john"]));
        Assert.Equal("TWILIO (catch-all)", Route(verdicts["c-british"]));
        // No fallback when the named gateway does not exist; the documented rules match names exactly.
        Assert.Null(Route(verdicts["c-unknown-gateway"]));
        Assert.Contains("GATEWAY_NOT_FOUND", Codes(verdicts["c-unknown-gateway"]), StringComparison.Ordinal);
        Assert.Contains("GATEWAY_NOT_FOUND", Codes(verdicts["c-gateway-spelling"]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_HQ_compatible_rules_find_a_gateway_ignoring_case_and_surrounding_spaces()
    {
        var verdicts = Verdicts("commcare-hq-compatible.yaml");
        Assert.Equal("TWILIO (override)", Route(verdicts["c-gateway-spelling"]));
        Assert.Contains("GATEWAY_NOT_FOUND", Codes(verdicts["c-unknown-gateway"]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_language_is_the_cases_when_the_project_has_it_else_the_default_with_a_warning()
    {
        var verdicts = Verdicts("commcare-case-contact.yaml");
        Assert.Equal(new ResolvedSetting("hin", ValueSource.Case), verdicts["c-asha"].Language);
        Assert.Equal(new ResolvedSetting("en", ValueSource.Project), verdicts["c-no-phone"].Language);
        Assert.Contains(verdicts["c-no-phone"].Warnings, w => w.Code == "LANGUAGE_NOT_DEFINED" && w.Severity == Severity.Warning);
        // Exact match: EN is not en.
        Assert.Equal(new ResolvedSetting("en", ValueSource.Project), verdicts["c-gateway-spelling"].Language);
    }
}
