using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Evaluation.Library;
using ContactRules.Generation;
using ContactRules.Pipeline;
using ContactRules.RuleFiles;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Evaluation;

/// <summary>Suggested repairs: the functions that make them, the rules that offer them, and that an offered one works.</summary>
public sealed class SuggestionTests
{
    private static readonly CompiledRules Rules =
        RuleSetLoader.Load(null, Path.Combine(CliRunner.RepositoryRoot, "examples", "project.yaml"), new DiagnosticBag())!;

    [Theory]
    [InlineData("09812345678", "IN", "919812345678")] // national prefix 0 dropped, country code put first
    [InlineData("9812345678", "IN", "919812345678")]
    [InlineData("919812345678", "IN", "919812345678")] // already international for India
    [InlineData("0712345678", "KE", "254712345678")]
    [InlineData("09812345678", "", "")] // the project names no country: no repair
    [InlineData("09812345678", "XX", "")]
    [InlineData("12345", "IN", "")] // not a valid number there: no digits are guessed
    [InlineData("98123 45678/98765 43210", "IN", "")] // two numbers: no single repair
    [InlineData("", "IN", "")]
    public void Phone_toE164_puts_the_project_country_code_on_a_valid_national_number(string value, string country, string e164) =>
        Assert.Equal(e164, PhoneFunctions.ToE164(value, country));

    [Theory]
    [InlineData("asia/kolkata", "Asia/Kolkata")]
    [InlineData("America/New York", "America/New_York")]
    [InlineData("  america/new   york ", "America/New_York")]
    [InlineData("US/Eastern", "America/New_York")]
    [InlineData("Asia/Calcutta", "Asia/Kolkata")]
    [InlineData("utc", "UTC")]
    [InlineData("Mars/Olympus_Mons", null)]
    [InlineData("est", null)] // tzdb's EST is Panama's time, not what "est" means to people
    [InlineData("EST5EDT", null)]
    [InlineData("", null)]
    public void Tz_canonical_finds_the_zone_people_meant(string written, string? canonical) =>
        Assert.Equal(canonical, TimeZoneFunctions.Canonical(written));

    [Theory]
    [InlineData("Asha <asha@example.org>", "asha@example.org")]
    [InlineData("  asha@example.org ", "asha@example.org")]
    [InlineData("\"Patil, Asha\" < asha@example.org >", "asha@example.org")]
    [InlineData("mailto:asha@example.org", "asha@example.org")]
    [InlineData("asha@example.org", "asha@example.org")]
    [InlineData("<a@example.org> <b@example.org>", "")] // two addresses
    [InlineData("Asha <asha@example.org", "")] // unclosed
    [InlineData("Asha <asha@example.org> (work)", "")]
    public void Email_address_takes_the_bare_address_out(string value, string address) =>
        Assert.Equal(address, EmailFunctions.Address(value));

    [Theory]
    [InlineData("HIN", "hin")]
    [InlineData(" hin ", "hin")]
    [InlineData("hin", "hin")]
    [InlineData("airtel in", "AIRTEL IN")]
    [InlineData("xx", "")]
    [InlineData("", "")]
    [InlineData("a b", "")] // both "ab" and "AB" match: no single name
    public void Names_find_ignores_case_and_white_space(string value, string found) =>
        Assert.Equal(found, NameFunctions.Find(value, ["en", "hin", "AIRTEL IN", "ab", "AB"]));

    [Theory]
    [InlineData("contact_phone_number", "+91 98123-45678", "PHONE_NUMBER_FORMAT", "919812345678", SuggestionConfidence.Certain)]
    [InlineData("contact_phone_number", "(91) 98123.45678", "PHONE_NUMBER_FORMAT", "919812345678", SuggestionConfidence.Certain)]
    [InlineData("contact_phone_number", "09812345678", "PHONE_NUMBER_COUNTRY_CODE", "919812345678", SuggestionConfidence.Likely)]
    [InlineData("contact_phone_number_is_verified", " 1 ", "NOT_VERIFIED_FOR_TWO_WAY", "1", SuggestionConfidence.Certain)]
    [InlineData("commcare_email_address", "Asha <asha@example.org>", "INVALID_EMAIL_ADDRESS", "asha@example.org", SuggestionConfidence.Certain)]
    [InlineData("time_zone", "America/New York", "TIME_ZONE_UNKNOWN", "America/New_York", SuggestionConfidence.Certain)]
    [InlineData("language_code", "HIN", "LANGUAGE_NOT_DEFINED", "hin", SuggestionConfidence.Certain)]
    [InlineData("contact_backend_id", "airtel-in", "GATEWAY_NOT_FOUND", "AIRTEL-IN", SuggestionConfidence.Certain)]
    public void The_default_rules_suggest_the_one_repair(string property, string value, string code, string suggested, SuggestionConfidence confidence)
    {
        var reason = ReasonFor(property, value, code);
        Assert.Equal(new Suggestion(suggested, confidence), reason.Suggestion);
    }

    [Theory]
    [InlineData("contact_phone_number", "98123 45678/98765 43210", "PHONE_NUMBER_FORMAT")] // two numbers
    [InlineData("contact_phone_number", "+91 98123-4567x", "PHONE_NUMBER_FORMAT")] // a letter is not punctuation
    [InlineData("contact_phone_number", "+91 98123", "PHONE_NUMBER_FORMAT")] // cleaned, still too short: fails the rules
    [InlineData("contact_phone_number", "919812345", "PHONE_NUMBER_LENGTH")] // a missing digit is not guessed
    [InlineData("contact_phone_number_is_verified", "yes", "NOT_VERIFIED_FOR_TWO_WAY")]
    [InlineData("commcare_email_address", "asha@", "INVALID_EMAIL_ADDRESS")] // no domain is guessed
    [InlineData("commcare_email_address", "meera.iyer at example.org", "INVALID_EMAIL_ADDRESS")]
    [InlineData("commcare_email_address", "sunita.rao@@example.org", "INVALID_EMAIL_ADDRESS")]
    [InlineData("time_zone", "Mars/Olympus_Mons", "TIME_ZONE_UNKNOWN")]
    [InlineData("time_zone", "est", "TIME_ZONE_UNKNOWN")]
    [InlineData("language_code", "english", "LANGUAGE_NOT_DEFINED")]
    [InlineData("contact_backend_id", "vodafone", "GATEWAY_NOT_FOUND")]
    public void No_suggestion_where_there_is_no_single_repair(string property, string value, string code) =>
        Assert.Null(ReasonFor(property, value, code).Suggestion);

    [Fact]
    public void A_repair_that_would_take_a_number_from_its_two_way_owner_is_likely_and_names_the_owner()
    {
        var owner = Case("owner", "919812345678", verified: "1");
        var claimant = Case("claimant", "+91 98123-45678", verified: "1");
        var verdicts = new JudgingRun(Rules).Run(() => new[] { owner, claimant }.Select(CaseReadResult.Accepted))
            .Select(i => i.Verdict!).ToDictionary(v => v.CaseId);

        Assert.True(verdicts["owner"].Channels.Single(c => c.Channel == "two_way_sms").Eligible);
        var suggestion = verdicts["claimant"].Channels.Single(c => c.Channel == "sms").Reasons.Single().Suggestion;
        Assert.Equal(new Suggestion("919812345678", SuggestionConfidence.Likely, "owner"), suggestion);
    }

    [Fact]
    public void Repairs_harmless_alone_are_likely_when_together_they_would_take_a_number()
    {
        var owner = Case("owner", "919812345678", verified: "1");
        // Neither the cleaned number alone nor the trimmed flag alone makes a claim; both together do.
        var claimant = Case("claimant", "+91 98123-45678", verified: " 1 ");
        var verdict = new JudgingRun(Rules).Run(() => new[] { owner, claimant }.Select(CaseReadResult.Accepted))
            .Select(i => i.Verdict!).Single(v => v.CaseId == "claimant");

        var suggestions = verdict.Channels.Single(c => c.Channel == "two_way_sms").Reasons.Select(r => r.Suggestion).ToList();
        Assert.Equal(2, suggestions.Count);
        Assert.All(suggestions, s => Assert.Equal((SuggestionConfidence.Likely, "owner"), (s!.Confidence, s.DisplacedOwner)));
    }

    [Fact]
    public void A_repair_of_a_number_nobody_owns_stays_certain()
    {
        var claimant = Case("claimant", "+91 98123-45678", verified: "1");
        var verdict = new JudgingRun(Rules).Run(() => new[] { claimant }.Select(CaseReadResult.Accepted)).Single().Verdict!;
        Assert.Equal(SuggestionConfidence.Certain, verdict.Channels.Single(c => c.Channel == "sms").Reasons.Single().Suggestion!.Confidence);
    }

    /// <summary>
    /// The promise of a suggestion, on a generated export: every one offered, applied, passes the rules (the
    /// property's reason is gone), and applying all the certain ones never makes an eligible case ineligible.
    /// </summary>
    [Fact]
    public void On_a_generated_export_every_offered_repair_works_and_certain_ones_close_no_channel()
    {
        var cases = new CaseGenerator(GeneratorOptions.Default).Generate(5_000).ToList();
        var before = Judge(cases);
        var offered = 0;
        var repairedCases = new List<CaseRecord>();
        foreach (var record in cases)
        {
            var verdict = before[record.Id];
            var suggestions = verdict.Channels.SelectMany(c => c.Reasons).Concat(verdict.Warnings)
                .Where(r => r.Suggestion is not null && r.Property is not null)
                .DistinctBy(r => (r.Property, r.Code))
                .ToList();
            offered += suggestions.Count;
            foreach (var reason in suggestions)
            {
                // Each suggestion on its own, as a reviewer would apply it.
                var alone = Rules.Evaluate(With(record, reason.Property!, reason.Suggestion!.Value), trace: false);
                Assert.DoesNotContain(alone.Channels.SelectMany(c => c.Reasons).Concat(alone.Warnings),
                    r => r.Property == reason.Property && r.Code == reason.Code);
            }
            var certain = suggestions.Where(r => r.Suggestion!.Confidence == SuggestionConfidence.Certain).ToList();
            repairedCases.Add(certain.Aggregate(record, (r, reason) => With(r, reason.Property!, reason.Suggestion!.Value)));
        }
        Assert.True(offered > 100, $"only {offered} suggestions on 5,000 generated cases");

        // The certain sheet imported as a whole, judged again as one population.
        var after = Judge(repairedCases);
        foreach (var record in cases)
        {
            foreach (var channel in before[record.Id].Channels.Where(c => c.Eligible))
            {
                Assert.True(after[record.Id].Channels.Single(c => c.Channel == channel.Channel).Eligible,
                    $"{record.Id} lost {channel.Channel} to the certain repairs");
            }
        }
        Assert.True(after.Values.Sum(v => v.Channels.Count(c => c.Eligible)) > before.Values.Sum(v => v.Channels.Count(c => c.Eligible)));
    }

    private static Dictionary<string, ContactVerdict> Judge(IEnumerable<CaseRecord> cases) =>
        new JudgingRun(Rules).Run(() => cases.Select(CaseReadResult.Accepted)).ToDictionary(i => i.Verdict!.CaseId, i => i.Verdict!);

    private static CaseRecord With(CaseRecord record, string property, string value) =>
        record with { Properties = new Dictionary<string, string>(record.Properties, StringComparer.Ordinal) { [property] = value } };

    private static Reason ReasonFor(string property, string value, string code)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["contact_phone_number"] = "919812345678",
            ["contact_phone_number_is_verified"] = "1",
            ["commcare_email_address"] = "asha@example.org",
            [property] = value,
        };
        var verdict = Rules.Evaluate(new CaseRecord { Id = "c1", Name = "Asha", Properties = properties });
        return verdict.Channels.SelectMany(c => c.Reasons).Concat(verdict.Warnings).First(r => r.Code == code && r.Property == property);
    }

    private static CaseRecord Case(string id, string number, string verified) => new()
    {
        Id = id,
        Name = id,
        Properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["contact_phone_number"] = number,
            ["contact_phone_number_is_verified"] = verified,
        },
    };
}
