using ContactRules.Auditing;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Auditing;

/// <summary>`audit --out results.csv` writes no cell a spreadsheet would run as a formula (OWASP's CSV-injection rule).</summary>
public sealed class CsvInjectionTests
{
    [Fact]
    public void Cells_starting_with_a_formula_character_are_text_and_destinations_stay_text()
    {
        using var files = new TempFiles();
        string[] ids = ["=HYPERLINK(\"http://evil.example/\",\"x\")", "+1+1", "-2", "@SUM(A1)", "plain"];
        var cases = files.Write(
            "c.jsonl",
            string.Concat(ids.Select(id => "{\"case_id\": " + System.Text.Json.JsonSerializer.Serialize(id)
                + ", \"properties\": {\"contact_phone_number\": \"919812345678\"}}\n")));
        var csv = files.PathOf("results.csv");

        var result = CliRunner.RunInProcess("audit", cases, "--project", CliRunner.InRepository("examples/project.yaml"), "--out", csv);

        Assert.Equal(0, result.ExitCode);
        var text = File.ReadAllText(csv);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\",", text, StringComparison.Ordinal);
        Assert.Contains("\n'+1+1,", text, StringComparison.Ordinal);
        Assert.Contains("\n'-2,", text, StringComparison.Ordinal);
        Assert.Contains("\n'@SUM(A1),", text, StringComparison.Ordinal);
        Assert.Contains("\nplain,", text, StringComparison.Ordinal);
        Assert.Contains(",'+919812345678,", text, StringComparison.Ordinal);
        foreach (var row in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            Assert.DoesNotMatch("(^|,)\"?[=+\\-@\\t\\r]", row);
        }
    }

    [Theory]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("=1", "'=1")]
    [InlineData("a=1", "a=1")]
    [InlineData("", "")]
    public void The_rule_covers_tab_and_carriage_return_which_readers_trim_from_ids(string cell, string expected) =>
        Assert.Equal(expected, SpreadsheetCell.Neutralize(cell));
}
