using ContactRules.Evaluation;
using ContactRules.Evaluation.Library;
using ContactRules.Expressions;
using Xunit;

namespace ContactRules.Tests.Evaluation;

/// <summary>
/// The domain functions that reproduce CommCare HQ's Python: each case cites the HQ function (and the library
/// under it) whose behaviour it pins down.
/// </summary>
public sealed class HqFunctionTests
{
    // HQ's validate_phone_number: re.compile(r'^\d+$').match(phone_number) on a str; Python's \d is Unicode Nd.
    [Theory]
    [InlineData("919812345678", true)]
    [InlineData("９１９８１２３４５６７８", true)] // fullwidth
    [InlineData("٩١٩٨١٢٣٤٥٦٧٨", true)] // Arabic-Indic
    [InlineData("۹۱۹۸۱۲۳۴۵۶۷۸", true)] // extended Arabic-Indic (Persian)
    [InlineData("९१९८१२३४५६७८", true)] // Devanagari
    [InlineData("\U0001D7CE\U0001D7CF", true)] // mathematical bold digits, outside the BMP: still Nd
    [InlineData("123\n", true)] // Python's $ matches before one final newline
    [InlineData("123\n\n", false)]
    [InlineData("91981234567²", false)] // superscript two is No, not Nd
    [InlineData("①②", false)]
    [InlineData("12a", false)]
    [InlineData("", false)]
    [InlineData("\ud835", false)] // a lone surrogate is no digit
    public void Phone_isDigits_is_pythons_unicode_digit_check(string value, bool digits) =>
        Assert.Equal(digits, PhoneFunctions.IsPythonDigits(value));

    // corehq/apps/sms/mixin.py apply_leniency: re.compile(r"[()\s\-.]+").sub("", ...); Python's \s is str.isspace.
    [Theory]
    [InlineData("91\u00a09812345678")] // no-break space
    [InlineData("91\u20079812345678")] // figure space
    [InlineData("91\u30009812345678")] // ideographic space
    [InlineData("91\u20289812345678")] // line separator
    [InlineData("91\u001c9812345678")] // file separator: white space to Python, not to .NET
    [InlineData("91\u001f9812345678")] // unit separator
    [InlineData("91\u00859812345678")] // next line
    public void Phone_clean_removes_what_pythons_s_matches(string raw) =>
        Assert.Equal("919812345678", PhoneFunctions.Clean(raw));

    [Theory]
    [InlineData("91\u200b9812345678")] // zero-width space is a format character, not white space, to Python too
    [InlineData("91\u180e9812345678")] // Mongolian vowel separator: no longer white space in Unicode
    public void Phone_clean_keeps_what_python_does_not_count_as_white_space(string raw) =>
        Assert.Equal(raw, PhoneFunctions.Clean(raw));

    // pytz/__init__.py timezone(): 'UTC' in any case, ascii() or unknown, _unmunge_zone, _case_insensitive_zone_lookup.
    [Theory]
    [InlineData("America/New_York", "America/New_York")]
    [InlineData("america/new_york", "America/New_York")]
    [InlineData("AMERICA/NEW_YORK", "America/New_York")]
    [InlineData("EST", "EST")]
    [InlineData("utc", "UTC")]
    [InlineData("Etc/GMT_plus_5", "Etc/GMT+5")]
    [InlineData("etc/gmt_minus_10", "Etc/GMT-10")]
    [InlineData("US/Eastern", "US/Eastern")]
    [InlineData(" America/New_York", null)] // no trimming
    [InlineData("America/New_York ", null)]
    [InlineData("Nowhere/Land", null)]
    [InlineData("Amérique/New_York", null)] // not ASCII
    [InlineData("", null)]
    public void Tz_findPytz_reads_names_as_pytz_timezone_does(string zone, string? id) =>
        Assert.Equal(id, TimeZoneFunctions.FindPytz(zone));

    // django/core/validators.py EmailValidator, as corehq/messaging/scheduling/models/content.py EmailContent calls it.
    [Theory]
    [InlineData("email@here.com")]
    [InlineData("weirder-email@here.and.there.com")]
    [InlineData("email@[127.0.0.1]")]
    [InlineData("email@[2001:dB8::1]")]
    [InlineData("email@[2001:dB8:0:0:0:0:0:1]")]
    [InlineData("email@[::fffF:127.0.0.1]")]
    [InlineData("email@[::]")]
    [InlineData("example@valid-----hyphens.com")]
    [InlineData("example@valid-with-hyphens.com")]
    [InlineData("test@domain.with.idn.tld.उदाहरण.परीक्षा")]
    [InlineData("email@localhost")]
    [InlineData("\"test@test\"@example.com")]
    [InlineData("\"\\\t\"@here.com")]
    [InlineData("user@example.c0m")]
    [InlineData("user@example.-com")] // the last label may start with "-", only not end with one
    [InlineData("\u212Aelvin@example.org")] // Python's [A-Z] under IGNORECASE takes the Kelvin sign
    public void Email_isValidDjango_accepts_what_django_accepts(string address) =>
        Assert.True(EmailFunctions.IsValidDjango(address), address);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("abc")]
    [InlineData("abc@")]
    [InlineData("abc@bar")]
    [InlineData("a @x.cz")]
    [InlineData("abc@.com")]
    [InlineData("something@@somewhere.com")]
    [InlineData("email@127.0.0.1")]
    [InlineData("email@[127.0.0.256]")]
    [InlineData("email@[127.0.0.01]")] // leading zeros are refused by ipaddress
    [InlineData("email@[2001:db8::12345]")]
    [InlineData("email@[2001:db8:0:0:0:0:1]")]
    [InlineData("email@[::ffff:127.0.0.256]")]
    [InlineData("email@[2001:dg8::1]")]
    [InlineData("email@[1::2::3]")]
    [InlineData("email@[:1:2:3:4:5:6:7]")]
    [InlineData("example@invalid-.com")]
    [InlineData("example@-invalid.com")]
    [InlineData("example@invalid.com-")]
    [InlineData("example@inv-.alid-.com")]
    [InlineData("trailingdot@shouldfail.com.")]
    [InlineData("a@b.com\n")]
    [InlineData("a\n@b.com")]
    [InlineData("\"\\\n\"@here.com")]
    [InlineData(" a@b.org")]
    [InlineData("Asha <asha@example.org>")]
    [InlineData("josé@example.org")] // the user part is not IDNA-encoded
    public void Email_isValidDjango_refuses_what_django_refuses(string address) =>
        Assert.False(EmailFunctions.IsValidDjango(address), address);

    [Fact]
    public void Email_isValidDjango_allows_320_characters_and_no_more()
    {
        var domain = "@" + string.Join('.', Enumerable.Repeat(new string('a', 60), 4)) + ".org";
        var user = new string('u', 320 - domain.Length);
        Assert.True(EmailFunctions.IsValidDjango(user + domain));
        Assert.False(EmailFunctions.IsValidDjango("u" + user + domain));
    }

    // Issue 10, point 11: 25 and 23 begin calling codes (250-258, 230-239) and are too short, not wrongly coded.
    [Theory]
    [InlineData("2", true)]
    [InlineData("25", true)]
    [InlineData("23", true)]
    [InlineData("28", false)] // no calling code starts with 28
    [InlineData("0", false)]
    [InlineData("09", false)]
    [InlineData("254", false)] // a whole calling code
    [InlineData("91", false)]
    [InlineData("", false)]
    public void Phone_startsCountryCode_is_true_for_the_beginning_of_a_calling_code(string digits, bool begins) =>
        Assert.Equal(begins, PhoneFunctions.StartsCountryCode(digits));

    [Theory]
    [InlineData("phone.isDigits(1)")]
    [InlineData("phone.isDigits('1', '2')")]
    [InlineData("phone.startsCountryCode(25)")]
    [InlineData("tz.findPytz(true)")]
    [InlineData("email.isValidDjango()")]
    [InlineData("tz.findPytz('UTC') == true")]
    public void The_new_functions_are_type_checked(string expression) =>
        Assert.Null(RuleEnvironment.ForEval().Compile(expression).Program);

    [Theory]
    [InlineData("phone.isDigits('٩١')", true)]
    [InlineData("email.isValidDjango('user@localhost') && !email.isValid('user@localhost')", true)]
    [InlineData("tz.findPytz('Etc/GMT_plus_5') == 'Etc/GMT+5'", true)]
    [InlineData("phone.startsCountryCode('25') && phone.countryCode('25') == 0", true)]
    public void The_new_functions_compile_to_delegates_and_evaluate(string expression, bool expected)
    {
        var env = RuleEnvironment.ForEval();
        var compiled = env.Compile(expression);
        Assert.NotNull(compiled.Program);
        Assert.Equal(expected, compiled.Program.Evaluate(new Activation(env)));
    }

    // Issue 10, point 11: in both shipped rule files, 25 and 23 are a length problem that says "has 2 digits".
    [Theory]
    [InlineData(Corpus.Documented, "25", "PHONE_NUMBER_LENGTH")]
    [InlineData(Corpus.Documented, "23", "PHONE_NUMBER_LENGTH")]
    [InlineData(Corpus.HqCompatible, "25", "NO_PHONE_NUMBER")] // HQ's own code for any unusable number
    [InlineData(Corpus.HqCompatible, "23", "NO_PHONE_NUMBER")]
    public void Two_digit_beginnings_of_calling_codes_are_reported_as_too_short(string ruleFile, string number, string code)
    {
        var reason = SmsReason(ruleFile, number);
        Assert.Equal(code, reason.Code);
        Assert.Contains("has 2 digits", reason.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("country calling code (it starts with", reason.Message, StringComparison.Ordinal);
    }

    // The documented rules keep ASCII digits only, on purpose: the seed asks for E.164 digits.
    [Theory]
    [InlineData("９１９８１２３４５６７８")]
    [InlineData("٩١٩٨١٢٣٤٥٦٧٨")]
    [InlineData("९१९८१२३४५६७८")]
    public void The_documented_rules_refuse_the_unicode_digits_hq_accepts(string number)
    {
        Assert.Equal("PHONE_NUMBER_FORMAT", SmsReason(Corpus.Documented, number).Code);
        Assert.NotEqual("NO_PHONE_NUMBER", SmsReason(Corpus.HqCompatible, number).Code); // HQ takes them; only routing (ASCII prefixes) fails
    }

    [Fact]
    public void A_leading_zero_is_still_a_country_code_problem() =>
        Assert.Equal("PHONE_NUMBER_COUNTRY_CODE", SmsReason(Corpus.Documented, "09812345678").Code);

    // `present: non_empty`, for HQ's "For legacy reasons, any truthy value here suffices" (CommCareCase.get_phone_info).
    [Fact]
    public void Present_non_empty_counts_white_space_as_a_value_and_a_wrong_word_is_a_lint_error()
    {
        const string Rules = "rule_file: 1\nname: n\nchannels: { sms: { title: SMS } }\nproperties:\n  flag: { channels: { sms: required }, present: PRESENCE }\n";
        foreach (var (presence, eligible) in new[] { ("non_empty", true), ("non_blank", false) })
        {
            var bag = new ContactRules.Diagnostics.DiagnosticBag();
            var file = ContactRules.RuleFiles.RuleFileLoader.Load("r.yaml", Rules.Replace("PRESENCE", presence, StringComparison.Ordinal), bag)!;
            Assert.Empty(bag.Items);
            var rules = CompiledRules.Compile(file, ContactRules.Projects.ProjectSettings.Default, bag)!;
            var record = new ContactRules.Contacts.CaseRecord { Id = "c", Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["flag"] = " " } };
            Assert.Equal(eligible, rules.Evaluate(record).Channel("sms")!.Eligible);
        }
        var errors = new ContactRules.Diagnostics.DiagnosticBag();
        ContactRules.RuleFiles.RuleFileLoader.Load("r.yaml", Rules.Replace("PRESENCE", "sometimes", StringComparison.Ordinal), errors);
        var error = Assert.Single(errors.Items);
        Assert.Equal("r.yaml:5:49", error.Location.ToString());
        Assert.Contains("non_empty", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The one reason a case with only <paramref name="number"/> is not reachable by SMS.</summary>
    private static Reason SmsReason(string ruleFile, string number)
    {
        var record = new ContactRules.Contacts.CaseRecord
        {
            Id = "short",
            Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["contact_phone_number"] = number },
        };
        return Assert.Single(Corpus.Compile(ruleFile, Corpus.Project()).Evaluate(record).Channel("sms")!.Reasons);
    }
}
