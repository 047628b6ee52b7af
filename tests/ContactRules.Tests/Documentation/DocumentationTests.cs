using ContactRules.Diagnostics;
using ContactRules.Documentation;
using ContactRules.RuleFiles;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Documentation;

public sealed class DocumentationTests
{
    private static readonly RuleFile Default = RuleFileLoader.LoadBuiltIn();

    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in RuleFileLoader.BuiltInNames)
        {
            foreach (var format in new[] { "markdown", "html" })
            {
                data.Add(name, format);
            }
        }
        return data;
    }

    [Fact]
    public void The_default_Case_Properties_table_is_the_seeds_table()
    {
        var seed = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Cases", "Documentation", "seed-case-properties.tsv"))
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => (f[0], f[1], f[2]))
            .ToList();
        var table = RuleDocumentation.From(Default).Properties.Select(p => (p.Name, p.Requirement, p.Description)).ToList();

        Assert.Equal(6, seed.Count);
        Assert.Equal(seed, table);
    }

    [Fact]
    public void The_default_Case_Properties_page_has_a_row_per_seed_property_in_its_words()
    {
        var page = DocumentationPages.Render(Default, DocumentationFormat.Markdown).Single(p => p.FileName == "case-properties.md").Text;

        Assert.Contains("| `contact_phone_number` | Required for one-way SMS | This is the phone number to send messages to.", page, StringComparison.Ordinal);
        Assert.Contains("| `contact_phone_number_is_verified` | Required for two-way SMS | Set this to the value 1", page, StringComparison.Ordinal);
        Assert.Contains("| `commcare_email_address` | Required for email | Set this to the contact's email address to send email content to them. |", page, StringComparison.Ordinal);
        Assert.Contains("| `time_zone` | Optional |", page, StringComparison.Ordinal);
        Assert.Contains("- [PHONE_NUMBER_FORMAT](errors.md#phone_number_format) (error): must contain digits only", page, StringComparison.Ordinal);
        Assert.Contains("- [NO_PHONE_NUMBER](errors.md#no_phone_number) (error): when it is missing or blank: the case has no contact_phone_number", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_error_page_lists_every_code_with_severity_and_the_channels_it_blocks()
    {
        var errors = RuleDocumentation.From(Default).Errors.ToDictionary(e => e.Code);

        Assert.Equal(Default.Errors.Keys.Order(StringComparer.Ordinal), errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("sms two_way_sms email", string.Join(' ', errors["CONTACT_INACTIVE"].Blocks));
        Assert.Equal("sms two_way_sms", string.Join(' ', errors["PHONE_NUMBER_FORMAT"].Blocks));
        Assert.Equal("two_way_sms", string.Join(' ', errors["PHONE_NUMBER_IN_USE"].Blocks));
        Assert.Equal("email", string.Join(' ', errors["INVALID_EMAIL_ADDRESS"].Blocks));
        Assert.Equal(Severity.Warning, errors["TIME_ZONE_UNKNOWN"].Severity);
        Assert.Empty(errors["TIME_ZONE_UNKNOWN"].Blocks);
        Assert.Equal("Set contact_phone_number to the number in E.164 digits, e.g. 919812345678.", errors["NO_PHONE_NUMBER"].Fix);

        var page = DocumentationPages.Render(Default, DocumentationFormat.Markdown).Single(p => p.FileName == "errors.md").Text;
        Assert.Contains("| [PHONE_NUMBER_IN_USE](#phone_number_in_use) | Phone number is owned by another contact for two-way SMS | error | Two-way SMS |", page, StringComparison.Ordinal);
        Assert.Contains("**How to fix:** Reopen the case, or register another case as the contact.", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void The_error_page_lists_per_code_every_repair_the_rules_suggest(string rulesName)
    {
        var rules = RuleFileLoader.LoadBuiltIn(rulesName);
        var suggesting = rules.Properties.SelectMany(p => p.Checks.Where(c => c.Suggest is not null).Select(c => (c.Code, p.Name, c.Suggest!.Source))).ToList();
        Assert.NotEmpty(suggesting);
        var errors = RuleDocumentation.From(rules).Errors.ToDictionary(e => e.Code);
        Assert.All(suggesting, s => Assert.Contains(errors[s.Code].Repairs, r => r.Property == s.Name && r.Expression == s.Source));
        Assert.Equal(suggesting.Count, errors.Values.Sum(e => e.Repairs.Length));

        var page = DocumentationPages.Render(rules, DocumentationFormat.Markdown).Single(p => p.FileName == "errors.md").Text;
        Assert.All(suggesting, s => Assert.Contains($"**Suggested repair:** `{s.Source}` on {s.Name} (", page, StringComparison.Ordinal));
    }

    public static TheoryData<string> BuiltIns() => [.. RuleFileLoader.BuiltInNames];

    [Fact]
    public void Html_pages_escape_everything_the_rule_file_says()
    {
        var text = RuleFileLoader.BuiltInText(RuleFileLoader.DefaultName).Replace(
            "description: Set this to the contact's email address to send email content to them.",
            "description: \"<script>alert('x')</script> & a | pipe\"",
            StringComparison.Ordinal);
        var diagnostics = new DiagnosticBag();
        var rules = RuleFileLoader.Load("custom.yaml", text, diagnostics)!;
        Assert.False(diagnostics.HasErrors);

        var html = DocumentationPages.Render(rules, DocumentationFormat.Html)[0].Text;
        var markdown = DocumentationPages.Render(rules, DocumentationFormat.Markdown)[0].Text;

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; a | pipe", html, StringComparison.Ordinal);
        Assert.Contains("\\<script\\>alert('x')\\</script\\> \\& a \\| pipe |", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void The_committed_pages_are_up_to_date(string rulesName, string format)
    {
        var rules = RuleFileLoader.LoadBuiltIn(rulesName);
        var directory = Path.Combine(CliRunner.RepositoryRoot, "docs", Path.GetFileNameWithoutExtension(rulesName));
        foreach (var page in DocumentationPages.Render(rules, format == "html" ? DocumentationFormat.Html : DocumentationFormat.Markdown))
        {
            var path = Path.Combine(directory, page.FileName);
            Assert.True(File.Exists(path), $"{path} is missing: run contactrules docs --rules {rulesName} --format {format}");
            var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
            Assert.True(committed == page.Text, $"{path} is stale: run contactrules docs --rules {rulesName} --format {format}");
        }
    }

    [Fact]
    public void The_docs_command_writes_both_pages_and_rejects_an_unknown_format()
    {
        var directory = Directory.CreateTempSubdirectory("contactrules-docs-").FullName;
        try
        {
            var result = CliRunner.Run(null, "docs", "--rules", "commcare-hq-compatible.yaml", "--format", "html", "--out", directory);
            Assert.Equal(0, result.ExitCode);
            Assert.True(File.Exists(Path.Combine(directory, "case-properties.html")));
            Assert.True(File.Exists(Path.Combine(directory, "errors.html")));

            Assert.Equal(2, CliRunner.Run(null, "docs", "--format", "pdf").ExitCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
