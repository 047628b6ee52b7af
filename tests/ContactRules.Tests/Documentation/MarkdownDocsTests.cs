using ContactRules.Diagnostics;
using ContactRules.Documentation;
using ContactRules.RuleFiles;
using Xunit;

namespace ContactRules.Tests.Documentation;

/// <summary>The Markdown pages, like the HTML ones, render no HTML and no link that a rule file's text brings.</summary>
public sealed class MarkdownDocsTests
{
    private const string Hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) <javascript:alert(4)> ![i](javascript:alert(5))";

    [Fact]
    public void Raw_html_and_links_in_rule_texts_are_escaped_in_markdown()
    {
        var text = RuleFileLoader.BuiltInText(RuleFileLoader.DefaultName)
            .Replace(
                "description: Set this to the contact's email address to send email content to them.",
                "description: \"" + Hostile + " and `a <b> c`\"",
                StringComparison.Ordinal)
            .Replace(
                "message: is not an email address of the form user@domain.tld",
                "message: \"" + Hostile + "\"",
                StringComparison.Ordinal);
        var diagnostics = new DiagnosticBag();
        var rules = RuleFileLoader.Load("custom.yaml", text, diagnostics)!;
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Items));

        var pages = string.Concat(DocumentationPages.Render(rules, DocumentationFormat.Markdown).Select(p => p.Text));

        // Each of these, not preceded by a backslash, would render as HTML or as a link.
        foreach (var raw in new[] { "<script>", "<img", "](javascript:", "<javascript:", "[i]" })
        {
            Assert.DoesNotMatch("(?<!\\\\)" + System.Text.RegularExpressions.Regex.Escape(raw), pages);
        }
        Assert.Contains("\\<script\\>alert(1)\\</script\\> \\<img src=x onerror=alert(2)\\> \\[click\\](javascript:alert(3))", pages, StringComparison.Ordinal);
        Assert.Contains("and `a <b> c`", pages, StringComparison.Ordinal);
    }
}
