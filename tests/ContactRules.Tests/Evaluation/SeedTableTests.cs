using System.Collections.ObjectModel;
using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.Projects;
using Xunit;
using GatewayRoute = ContactRules.Evaluation.GatewayRoute;

namespace ContactRules.Tests.Evaluation;

/// <summary>
/// One test or theory per row of the seed's property table ("Registering a Case Contact"), proving the
/// documented rule with the default rule file; then what the reference notes say CommCare HQ's code does,
/// with the HQ-compatible rule file. Cases are judged against the corpus project (gateways AIRTEL-IN for
/// 91, SAFARICOM-KE for 254, MTN-UG for 256, "Twilio US" for 1, no catch-all; languages en, hin, swa;
/// time zone Africa/Nairobi) unless a test says otherwise.
/// </summary>
public sealed class SeedTableTests
{
    private const string Sms = "sms";
    private const string TwoWay = "two_way_sms";
    private const string Email = "email";

    private static readonly ProjectSettings Project = Corpus.Project();
    private static readonly ProjectSettings NoGateways = Corpus.Project("contacts/project-no-gateways.yaml");

    // ---- contact_phone_number: required for one-way SMS; E.164 digits, country code first, no punctuation.

    [Theory]
    [InlineData("15551234567", "Twilio US", "PHONE_NUMBER_UNASSIGNED")] // possible, not assigned: a warning only
    [InlineData("919812345678", "AIRTEL-IN", null)]
    public void Both_example_numbers_of_the_seed_are_accepted_for_sms(string number, string gateway, string? warning)
    {
        var verdict = Documented(("contact_phone_number", number));
        var sms = Open(verdict, Sms);
        Assert.Equal("+" + number, sms.Destination);
        Assert.Equal(gateway, sms.Gateway?.Gateway);
        Assert.Equal(warning is null ? [] : [warning], verdict.Warnings.Select(w => w.Code));
    }

    [Theory]
    [InlineData("1 555 123 4567")]
    [InlineData("1-555-123-4567")]
    [InlineData("+15551234567")]
    [InlineData("+91 98123-45678")]
    [InlineData("(1) 5551234567")]
    [InlineData("1.555.123.4567")]
    [InlineData("1555/1234567")]
    [InlineData("15551234567 ")] // a trailing space is still a space
    [InlineData("\u0669\u0661\u0669\u0668\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668")] // Arabic-Indic digits
    [InlineData("\uFF11\uFF15\uFF15\uFF15\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17")] // full-width digits
    public void Spaces_dashes_plus_and_other_punctuation_or_non_ascii_digits_are_rejected(string number)
    {
        var verdict = Documented(("contact_phone_number", number), ("contact_phone_number_is_verified", "1"));
        Assert.Equal("PHONE_NUMBER_FORMAT", Closed(verdict, Sms).Code);
        Assert.Equal("PHONE_NUMBER_FORMAT", Closed(verdict, TwoWay).Code);
    }

    [Fact]
    public void A_national_number_must_drop_its_leading_zero_and_start_with_the_country_code()
    {
        Assert.Equal("PHONE_NUMBER_COUNTRY_CODE", Closed(Documented(("contact_phone_number", "09812345678")), Sms).Code);
        Assert.Equal("+919812345678", Open(Documented(("contact_phone_number", "919812345678")), Sms).Destination);
    }

    [Theory]
    [InlineData("9181")] // too short for India
    [InlineData("9198123456789012")] // too long for India
    [InlineData("254")] // a country code alone
    public void A_number_of_an_impossible_length_for_its_country_code_is_rejected(string number) =>
        Assert.Equal("PHONE_NUMBER_LENGTH", Closed(Documented(("contact_phone_number", number)), Sms).Code);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_phone_number_neither_sms_channel_is_open_but_email_is(string? number)
    {
        var properties = new List<(string, string)> { ("commcare_email_address", "asha@example.org"), ("contact_phone_number_is_verified", "1") };
        if (number is not null)
        {
            properties.Add(("contact_phone_number", number));
        }
        var verdict = Documented([.. properties]);
        Assert.Equal("NO_PHONE_NUMBER", Closed(verdict, Sms).Code);
        Assert.Equal("NO_PHONE_NUMBER", Closed(verdict, TwoWay).Code);
        Open(verdict, Email);
    }

    // ---- contact_phone_number_is_verified: required for two-way SMS; 1 enables it; the first registrant owns a number.

    [Fact]
    public void Verified_1_enables_two_way_sms()
    {
        var verdict = Documented(("contact_phone_number", "919812345678"), ("contact_phone_number_is_verified", "1"));
        Assert.Equal("+919812345678", Open(verdict, TwoWay).Destination);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("true")]
    [InlineData("yes")]
    [InlineData("01")]
    [InlineData("1.0")]
    [InlineData(" 1")]
    [InlineData("\u0661")] // an Arabic-Indic one
    public void Anything_but_1_leaves_two_way_sms_off_and_one_way_open(string? verified)
    {
        var properties = new List<(string, string)> { ("contact_phone_number", "919812345678") };
        if (verified is not null)
        {
            properties.Add(("contact_phone_number_is_verified", verified));
        }
        var verdict = Documented([.. properties]);
        Assert.Equal("NOT_VERIFIED_FOR_TWO_WAY", Closed(verdict, TwoWay).Code);
        Open(verdict, Sms);
    }

    [Fact]
    public void The_first_contact_to_register_a_number_owns_it_for_two_way_sms_whatever_the_input_order()
    {
        // The later registrant has the smaller id and comes first in the input: only the dates decide.
        var later = Case("c-a-later", "2024-05-01", ("contact_phone_number", "919812345678"), ("contact_phone_number_is_verified", "1"));
        var first = Case("c-b-first", "2024-01-01", ("contact_phone_number", "919812345678"), ("contact_phone_number_is_verified", "1"));
        var verdicts = Run(Corpus.Documented, Project, later, first);

        Open(verdicts["c-b-first"], TwoWay);
        var inUse = Closed(verdicts["c-a-later"], TwoWay);
        Assert.Equal("PHONE_NUMBER_IN_USE", inUse.Code);
        Assert.EndsWith("owned for two-way SMS by case c-b-first", inUse.Message, StringComparison.Ordinal);
        Open(verdicts["c-a-later"], Sms); // one-way SMS to a shared number is fine
    }

    [Fact]
    public void Registrants_opened_at_the_same_time_are_ordered_by_case_id()
    {
        var b = Case("c-b", "2024-01-01T10:00:00Z", ("contact_phone_number", "919812345678"), ("contact_phone_number_is_verified", "1"));
        var a = Case("c-a", "2024-01-01T10:00:00Z", ("contact_phone_number", "919812345678"), ("contact_phone_number_is_verified", "1"));
        var verdicts = Run(Corpus.Documented, Project, b, a);
        Open(verdicts["c-a"], TwoWay);
        Assert.Equal("PHONE_NUMBER_IN_USE", Closed(verdicts["c-b"], TwoWay).Code);
    }

    [Fact]
    public void Only_verified_active_contacts_register_a_number()
    {
        var unverified = Case("c-a-unverified", "2023-01-01", ("contact_phone_number", "919812345678"), ("contact_phone_number_is_verified", "0"));
        var closed = Case("c-b-closed", "2023-02-01", ("contact_phone_number", "919812345678"), ("contact_phone_number_is_verified", "1")) with { Closed = true };
        var owner = Case("c-z-owner", "2024-01-01", ("contact_phone_number", "919812345678"), ("contact_phone_number_is_verified", "1"));
        var verdicts = Run(Corpus.Documented, Project, unverified, closed, owner);
        Open(verdicts["c-z-owner"], TwoWay);
    }

    // ---- commcare_email_address: required for email.

    [Fact]
    public void Email_needs_an_address_and_goes_to_it()
    {
        Assert.Equal("NO_EMAIL_ADDRESS", Closed(Documented(("contact_phone_number", "919812345678")), Email).Code);
        var verdict = Documented(("commcare_email_address", "asha.patil@example.org"));
        Assert.Equal("asha.patil@example.org", Open(verdict, Email).Email);
        Assert.Equal("NO_PHONE_NUMBER", Closed(verdict, Sms).Code); // an address opens email only
    }

    [Theory]
    [InlineData("Asha Patil <asha.patil@example.org>")]
    [InlineData("asha.patil at example.org")]
    [InlineData("asha.patil@example")]
    public void Email_needs_a_bare_address(string address) =>
        Assert.Equal("INVALID_EMAIL_ADDRESS", Closed(Documented(("commcare_email_address", address)), Email).Code);

    // ---- time_zone: optional; an IANA id used to interpret send times, otherwise the project's.

    [Fact]
    public void The_case_time_zone_is_used()
    {
        var verdict = Documented(("commcare_email_address", "a@example.org"), ("time_zone", "America/New_York"));
        Assert.Equal(new ResolvedSetting("America/New_York", ValueSource.Case), verdict.TimeZone);
        Assert.Empty(verdict.Warnings);
    }

    [Fact]
    public void Without_a_usable_time_zone_the_project_time_zone_is_used()
    {
        var unknown = Documented(("commcare_email_address", "a@example.org"), ("time_zone", "Eastern Time"));
        Assert.Equal(new ResolvedSetting("Africa/Nairobi", ValueSource.Project), unknown.TimeZone);
        Assert.Equal(["TIME_ZONE_UNKNOWN"], unknown.Warnings.Select(w => w.Code));
        Open(unknown, Email); // a warning, not a reason

        var absent = Documented(("commcare_email_address", "a@example.org"));
        Assert.Equal(new ResolvedSetting("Africa/Nairobi", ValueSource.Project), absent.TimeZone);
        Assert.Empty(absent.Warnings);
    }

    // ---- language_code: optional; must match one of the project's SMS languages.

    [Fact]
    public void A_language_of_the_project_is_used()
    {
        var verdict = Documented(("commcare_email_address", "a@example.org"), ("language_code", "swa"));
        Assert.Equal(new ResolvedSetting("swa", ValueSource.Case), verdict.Language);
        Assert.Empty(verdict.Warnings);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("HIN")] // language codes are matched exactly
    public void A_language_the_project_does_not_define_falls_back_to_its_default(string language)
    {
        var verdict = Documented(("commcare_email_address", "a@example.org"), ("language_code", language));
        Assert.Equal(new ResolvedSetting("en", ValueSource.Project), verdict.Language);
        Assert.Equal(["LANGUAGE_NOT_DEFINED"], verdict.Warnings.Select(w => w.Code));
        Open(verdict, Email);
    }

    // ---- contact_backend_id: optional; names the gateway to use, overriding the default choice.

    [Fact]
    public void A_named_gateway_overrides_the_choice_by_prefix()
    {
        Assert.Equal(new GatewayRoute("AIRTEL-IN", GatewayChoice.Prefix, "91"), Open(Documented(("contact_phone_number", "919812345678")), Sms).Gateway);
        var verdict = Documented(("contact_phone_number", "919812345678"), ("contact_backend_id", "SAFARICOM-KE"));
        Assert.Equal(new GatewayRoute("SAFARICOM-KE", GatewayChoice.Override), Open(verdict, Sms).Gateway);
    }

    [Fact]
    public void A_named_gateway_also_serves_numbers_no_prefix_matches()
    {
        Assert.Equal("NO_SUITABLE_GATEWAY", Closed(Documented(("contact_phone_number", "447911123456")), Sms).Code);
        var verdict = Documented(("contact_phone_number", "447911123456"), ("contact_backend_id", "MTN-UG"));
        Assert.Equal(new GatewayRoute("MTN-UG", GatewayChoice.Override), Open(verdict, Sms).Gateway);
    }

    [Theory]
    [InlineData("VODACOM")]
    [InlineData("airtel-in")] // the documented rules match the name exactly
    public void A_gateway_name_the_project_does_not_have_stops_sms_without_falling_back(string name)
    {
        var verdict = Documented(("contact_phone_number", "919812345678"), ("contact_phone_number_is_verified", "1"), ("contact_backend_id", name), ("commcare_email_address", "a@example.org"));
        Assert.Equal("GATEWAY_NOT_FOUND", Closed(verdict, Sms).Code);
        Assert.Equal("GATEWAY_NOT_FOUND", Closed(verdict, TwoWay).Code);
        Open(verdict, Email);
    }

    [Fact]
    public void A_project_without_gateways_does_not_check_routing()
    {
        var plain = Judge(Corpus.Documented, NoGateways, ("contact_phone_number", "447911123456"));
        Assert.Equal(new GatewayRoute(null, GatewayChoice.NotConfigured), Open(plain, Sms).Gateway);
        var named = Judge(Corpus.Documented, NoGateways, ("contact_phone_number", "447911123456"), ("contact_backend_id", "ANY-GATEWAY"));
        Assert.Equal(new GatewayRoute("ANY-GATEWAY", GatewayChoice.Override), Open(named, Sms).Gateway);
    }

    // ---- What CommCare HQ's code does (rules/commcare-hq-compatible.yaml, after the reference notes).

    [Theory]
    [InlineData("+91 98123-45678", "919812345678")]
    [InlineData("(91) 98123.45678", "919812345678")]
    [InlineData("\t+1 555 123\n4567 ", "15551234567")]
    [InlineData("+15551234567", "15551234567")]
    [InlineData("9198123456789012", "9198123456789012")] // no libphonenumber: any length over 3 digits
    public void Hq_cleans_parentheses_white_space_hyphens_dots_and_one_leading_plus(string raw, string cleaned) =>
        Assert.Equal("+" + cleaned, Open(Hq(("contact_phone_number", raw)), Sms).Destination);

    [Theory]
    [InlineData("919812/345678")]
    [InlineData("91981234567#")]
    [InlineData("++919812345678")] // only one "+" goes
    [InlineData("91981234567O")]
    public void Hq_keeps_other_characters_and_rejects_them(string raw) =>
        // HQ logs NO_PHONE_NUMBER for any unusable number; the message says it is not digits only.
        Assert.Equal("NO_PHONE_NUMBER", Closed(Hq(("contact_phone_number", raw)), Sms).Code);

    [Fact]
    public void Hq_keeps_leading_zeros()
    {
        var verdict = Judge(Corpus.HqCompatible, NoGateways, ("contact_phone_number", "09812345678"));
        Assert.Equal("+09812345678", Open(verdict, Sms).Destination);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("254")]
    [InlineData("+1-2-3")]
    public void Hq_treats_0_and_numbers_of_3_digits_or_fewer_as_no_number(string raw)
    {
        var verdict = Hq(("contact_phone_number", raw), ("contact_phone_number_is_verified", "1"));
        Assert.Equal("NO_PHONE_NUMBER", Closed(verdict, Sms).Code);
        Assert.Equal("NO_PHONE_NUMBER", Closed(verdict, TwoWay).Code);
    }

    [Fact]
    public void Hq_sends_to_4_digits() =>
        Assert.Equal("+1234", Open(Hq(("contact_phone_number", "1234"), ("contact_phone_number_is_verified", "1")), TwoWay).Destination);

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("no")]
    [InlineData(" 1 ")]
    [InlineData("  ")] // a non-empty Python string is true, white space included
    public void Hq_counts_any_non_empty_verified_value(string verified) =>
        Open(Hq(("contact_phone_number", "919812345678"), ("contact_phone_number_is_verified", verified)), TwoWay);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Hq_counts_a_missing_or_empty_verified_value_as_not_verified(string? verified)
    {
        var properties = new List<(string, string)> { ("contact_phone_number", "919812345678") };
        if (verified is not null)
        {
            properties.Add(("contact_phone_number_is_verified", verified));
        }
        Assert.Equal("NO_TWO_WAY_PHONE_NUMBER", Closed(Hq([.. properties]), TwoWay).Code);
    }

    [Fact]
    public void Hq_gives_a_number_to_the_first_verified_registrant_even_one_verified_no()
    {
        var first = Case("c-b-first", "2024-01-01", ("contact_phone_number", "+91 98123-45678"), ("contact_phone_number_is_verified", "no"));
        var later = Case("c-a-later", "2024-05-01", ("contact_phone_number", "919812345678"), ("contact_phone_number_is_verified", "1"));
        var verdicts = Run(Corpus.HqCompatible, Project, later, first);
        Open(verdicts["c-b-first"], TwoWay);
        Assert.Equal("NO_TWO_WAY_PHONE_NUMBER", Closed(verdicts["c-a-later"], TwoWay).Code);
    }

    [Theory]
    [InlineData("america/new_york", "America/New_York")]
    [InlineData("ASIA/KOLKATA", "Asia/Kolkata")]
    [InlineData("EST", "EST")]
    [InlineData("utc", "UTC")]
    public void Hq_looks_time_zones_up_ignoring_case(string raw, string id)
    {
        var verdict = Hq(("commcare_email_address", "a@example.org"), ("time_zone", raw));
        Assert.Equal(new ResolvedSetting(id, ValueSource.Case), verdict.TimeZone);
        Assert.Empty(verdict.Warnings);
    }

    [Theory]
    [InlineData(" Asia/Kolkata")]
    [InlineData("Mars/Olympus_Mons")]
    public void Hq_falls_back_to_the_project_time_zone_for_anything_else(string raw) =>
        Assert.Equal(new ResolvedSetting("Africa/Nairobi", ValueSource.Project), Hq(("commcare_email_address", "a@example.org"), ("time_zone", raw)).TimeZone);

    [Theory]
    [InlineData("airtel-in", "AIRTEL-IN")]
    [InlineData("  Safaricom-KE ", "SAFARICOM-KE")]
    [InlineData("TWILIO US", "Twilio US")]
    public void Hq_matches_gateway_names_ignoring_case_and_surrounding_spaces(string raw, string gateway)
    {
        var verdict = Hq(("contact_phone_number", "919812345678"), ("contact_backend_id", raw));
        Assert.Equal(new GatewayRoute(gateway, GatewayChoice.Override), Open(verdict, Sms).Gateway);
    }

    [Fact]
    public void Hq_does_not_fall_back_to_the_default_gateway_for_an_unknown_name() =>
        Assert.Equal("GATEWAY_NOT_FOUND", Closed(Hq(("contact_phone_number", "919812345678"), ("contact_backend_id", "VODACOM")), Sms).Code);

    [Fact]
    public void Hq_matches_language_codes_exactly()
    {
        var verdict = Hq(("commcare_email_address", "a@example.org"), ("language_code", "HIN"));
        Assert.Equal(new ResolvedSetting("en", ValueSource.Project), verdict.Language);
    }

    // ---- helpers

    private static ContactVerdict Documented(params (string Name, string Value)[] properties) => Judge(Corpus.Documented, Project, properties);

    private static ContactVerdict Hq(params (string Name, string Value)[] properties) => Judge(Corpus.HqCompatible, Project, properties);

    private static ContactVerdict Judge(string ruleFile, ProjectSettings project, params (string Name, string Value)[] properties) =>
        Run(ruleFile, project, Case("c1", "2024-01-01", properties))["c1"];

    /// <summary>Judges cases as one run, so two-way ownership is settled among them.</summary>
    private static Dictionary<string, ContactVerdict> Run(string ruleFile, ProjectSettings project, params CaseRecord[] cases)
    {
        var run = new JudgingRun(Corpus.Compile(ruleFile, project));
        return run.Run(() => cases.Select(CaseReadResult.Accepted)).ToDictionary(i => i.Record!.Id, i => i.Verdict!, StringComparer.Ordinal);
    }

    private static CaseRecord Case(string id, string opened, params (string Name, string Value)[] properties) => new()
    {
        Id = id,
        DateOpened = CaseTimestamp.Parse(opened),
        Properties = new ReadOnlyDictionary<string, string>(properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)),
    };

    private static ChannelVerdict Open(ContactVerdict verdict, string channel)
    {
        var verdictOf = verdict.Channel(channel)!;
        Assert.True(verdictOf.Eligible, $"{channel} should be open, but: {string.Join("; ", verdictOf.Reasons.Select(r => r.Code + " " + r.Message))}");
        return verdictOf;
    }

    /// <summary>The first reason a channel is closed.</summary>
    private static Reason Closed(ContactVerdict verdict, string channel)
    {
        var verdictOf = verdict.Channel(channel)!;
        Assert.False(verdictOf.Eligible, channel + " should be closed");
        return verdictOf.Reasons[0];
    }
}
