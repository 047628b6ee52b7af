using System.Text.Json;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Testing;
using ContactRules.Tests.Cli;
using ContactRules.Tests.RuleFiles;
using Json.Schema;
using Xunit;

namespace ContactRules.Tests.Testing;

/// <summary>Test files load with the diagnostics rule files get, and the shipped ones match their schema.</summary>
public sealed class RuleTestFileTests
{
    private const string Header = "rule_tests: 1\nrules: commcare-case-contact.yaml\n";

    private static (RuleTestFile? File, DiagnosticBag Diagnostics) Load(string text)
    {
        var diagnostics = new DiagnosticBag();
        return (RuleTestLoader.Load("t.tests.yaml", text, diagnostics), diagnostics);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_position_and_a_suggestion()
    {
        var (file, diagnostics) = Load(Header + """
            tests:
              - name: one
                case: { contact_phone_numbr: "919812345678" }
                expct: { sms: true }
              - name: two
                case: {}
                expect:
                  smss: true
                  email: { eligible: false, reasons: [INVALID_EMAIL_ADRESS] }
              - name: one
                case: { closed: maybe }
                expect: { sms: { eligible: maybe } }
            """);
        Assert.Null(file);
        var lines = diagnostics.Sorted().Select(d => d.ToString()).ToArray();
        Assert.Contains("t.tests.yaml:5:13: warning UNKNOWN_NAME: the case is given `contact_phone_numbr`, but the rule file has no such property; did you mean `contact_phone_number`?", lines);
        Assert.Contains(lines, l => l.StartsWith("t.tests.yaml:6:5: error UNKNOWN_KEY:", StringComparison.Ordinal) && l.Contains("did you mean `expect`", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("t.tests.yaml:10:7: error UNKNOWN_KEY:", StringComparison.Ordinal) && l.Contains("did you mean `sms`", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("t.tests.yaml:11:43: error UNKNOWN_NAME:", StringComparison.Ordinal) && l.Contains("did you mean `INVALID_EMAIL_ADDRESS`", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("t.tests.yaml:12:11: error DUPLICATE_NAME:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("t.tests.yaml:13:11: error MALFORMED_RECORD:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("t.tests.yaml:14:32: error INVALID_VALUE:", StringComparison.Ordinal));
        // A test without any expectation tests nothing.
        Assert.Contains(lines, l => l.StartsWith("t.tests.yaml:4:5: error MISSING_KEY:", StringComparison.Ordinal));
    }

    [Fact]
    public void Suggested_repairs_name_known_properties_and_a_known_confidence()
    {
        var (file, diagnostics) = Load(Header + """
            tests:
              - name: t
                case: {}
                expect:
                  suggested:
                    contact_phone_numbr: "919812345678"
                    time_zone: { value: Asia/Kolkata, confidence: sure }
                    language_code: ~
            """);
        Assert.Null(file);
        var lines = diagnostics.Sorted().Select(d => d.ToString()).ToArray();
        Assert.Contains(lines, l => l.StartsWith("t.tests.yaml:8:9: error UNKNOWN_NAME: a repair is expected for `contact_phone_numbr`", StringComparison.Ordinal) && l.Contains("did you mean `contact_phone_number`", StringComparison.Ordinal));
        Assert.Contains("t.tests.yaml:9:55: error INVALID_VALUE: confidence is `sure`, but must be `certain` or `likely`", lines);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void Suggested_repairs_load_as_value_none_or_value_with_confidence()
    {
        var (file, diagnostics) = Load(Header + """
            tests:
              - { name: t, case: {}, expect: { suggested: { contact_phone_number: "919812345678", time_zone: { value: Asia/Kolkata, confidence: likely }, language_code: ~ } } }
            """);
        Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Items));
        var suggested = file!.Tests[0].Cases[0].Expect!.Suggested;
        Assert.Equal(
            [("contact_phone_number", "919812345678", null), ("time_zone", "Asia/Kolkata", SuggestionConfidence.Likely), ("language_code", null, (SuggestionConfidence?)null)],
            suggested.Select(s => (s.Property, s.Value, s.Confidence)).ToArray());
    }

    [Fact]
    public void Inline_project_settings_are_read_by_the_project_loader_at_their_place_in_the_test_file()
    {
        var (file, diagnostics) = Load(Header + """
            project:
              time_zone: Asia/Kolkatta
              languages: [en]
            tests:
              - { name: t, case: {}, expect: { sms: true } }
            """);
        Assert.Null(file);
        var problem = Assert.Single(diagnostics.Items);
        Assert.Equal(new SourceLocation("t.tests.yaml", 4, 14), problem.Location);
        Assert.Contains("Asia/Kolkata", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_fill_unset_properties_and_a_null_removes_one()
    {
        var (file, diagnostics) = Load(Header + """
            defaults: { contact_phone_number: "919812345678", commcare_email_address: a@example.org }
            tests:
              - { name: t, case: { commcare_email_address: ~, time_zone: UTC }, expect: { sms: true } }
            """);
        Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Items));
        var record = Assert.Single(file!.Tests[0].Cases).Record;
        Assert.Equal("919812345678", record.Property("contact_phone_number"));
        Assert.Null(record.Property("commcare_email_address"));
        Assert.Equal("UTC", record.Property("time_zone"));
        Assert.Equal("case-1", record.Id);
    }

    [Fact]
    public void A_rules_path_that_is_neither_a_file_nor_built_in_is_reported()
    {
        var (file, diagnostics) = Load("rule_tests: 1\nrules: nowhere.yaml\ntests:\n  - { name: t, case: {}, expect: { sms: true } }\n");
        Assert.Null(file);
        Assert.Contains(diagnostics.Items, d => d.Code == DiagnosticCodes.FileUnreadable && d.Location.Line == 2);
    }

    [Fact]
    public void Project_settings_by_path_are_read_beside_the_test_file_and_their_gateways_route()
    {
        var directory = Directory.CreateTempSubdirectory("contactrules-tests-").FullName;
        File.WriteAllText(Path.Combine(directory, "project.yaml"), "time_zone: Africa/Nairobi\ngateways:\n  - { name: SAFARICOM, prefixes: [\"254\"] }\n");
        var path = Path.Combine(directory, "p.tests.yaml");
        File.WriteAllText(path, Header + """
            project: project.yaml
            tests:
              - name: routed
                case: { contact_phone_number: "254712345678" }
                expect: { sms: { eligible: true, gateway: SAFARICOM }, time_zone: { value: Africa/Nairobi, source: project } }
            """);
        var diagnostics = new DiagnosticBag();
        var file = RuleTestLoader.LoadFile(path, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join('\n', diagnostics.Items));
        Assert.Equal("Africa/Nairobi", file!.Rules.Project.TimeZone);
        Assert.True(Assert.Single(RuleTestRunner.Run(file)).Passed);
    }

    [Fact]
    public void Every_hq_behaviour_test_names_the_hq_source_it_comes_from()
    {
        var diagnostics = new DiagnosticBag();
        var file = RuleTestLoader.LoadFile(CliRunner.InRepository("rules/commcare-hq-compatible.tests.yaml"), diagnostics);
        Assert.NotNull(file);
        Assert.All(file.Tests, t => Assert.StartsWith("corehq/", t.Source, StringComparison.Ordinal));
    }

    public static TheoryData<string> ShippedTestFiles => new(Directory.GetFiles(Path.Combine(CliRunner.RepositoryRoot, "rules"), "*.tests.yaml")
        .Select(f => Path.GetRelativePath(CliRunner.RepositoryRoot, f)).Order(StringComparer.Ordinal));

    // Built once: building registers the schema's $id globally.
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFile(Path.Combine(CliRunner.RepositoryRoot, "docs", "rule-tests.schema.json")));

    [Theory]
    [MemberData(nameof(ShippedTestFiles))]
    public void Shipped_test_files_match_the_schema_and_name_it_for_editors(string file)
    {
        var path = Path.Combine(CliRunner.RepositoryRoot, file);
        Assert.Equal("# yaml-language-server: $schema=../docs/rule-tests.schema.json", File.ReadLines(path).First());
        var result = Schema.Value.Evaluate(JsonSerializer.SerializeToElement(RuleFileSchemaTests.ToJson(File.ReadAllText(path))));
        Assert.True(result.IsValid);
    }
}
