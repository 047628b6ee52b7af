using ContactRules.Diagnostics;
using ContactRules.Tests.Cli;
using ContactRules.Yaml;
using Xunit;

namespace ContactRules.Tests.Yaml;

/// <summary>
/// YAML nested thousands deep used to overflow the stack (in YamlDotNet's scanner and in our node builder),
/// which ends the process: now the nesting is measured first and refused at the line and column where it
/// passes the limit, through every command that reads YAML.
/// </summary>
public sealed class DeepYamlTests
{
    private const string Message = "YAML nested too deeply (the limit is 100 levels)";

    public static TheoryData<string, string, int, int> DeepTexts() => new()
    {
        // text, description, line and column where level 101 starts
        { "x: " + new string('[', 30_000) + new string(']', 30_000) + "\n", "flow sequences", 1, 103 },
        { "x: " + string.Concat(Enumerable.Repeat("{a: ", 30_000)) + new string('}', 30_000) + "\n", "flow maps", 1, 4 + (99 * 4) },
        { string.Concat(Enumerable.Range(0, 3_000).Select(i => new string(' ', i) + "k:\n")), "block maps", 101, 101 },
        { string.Concat(Enumerable.Range(0, 3_000).Select(i => new string(' ', 2 * i) + "-\n")), "block sequences", 101, 201 },
        { string.Concat(Enumerable.Repeat("- ", 30_000)) + "x\n", "compact sequences", 1, 1 + (99 * 2) },
        { "x:\n" + string.Concat(Enumerable.Repeat("  [\n", 30_000)), "flow over lines", 100, 3 },
    };

    [Theory]
    [MemberData(nameof(DeepTexts))]
    public void Deep_yaml_is_refused_where_it_passes_the_limit(string text, string description, int line, int column)
    {
        var bag = new DiagnosticBag();

        Assert.Null(YamlDocumentLoader.Load("d.yaml", text, bag));

        var diagnostic = Assert.Single(bag.Items);
        Assert.Equal($"d.yaml:{line}:{column}: error LIMIT_EXCEEDED: {Message}", diagnostic.ToString());
        Assert.NotNull(description);
    }

    [Fact]
    public void Brackets_in_quotes_comments_and_block_scalars_and_one_hundred_levels_are_fine()
    {
        var inside = new string('[', 500);
        var text = $"a: \"{inside}\"\nb: '{inside}'\n# {inside}\nc: |\n  {inside}\n  more\nd: it's {inside}\n"
            + "e: " + new string('[', 99) + new string(']', 99) + "\n";
        var bag = new DiagnosticBag();

        Assert.NotNull(YamlDocumentLoader.Load("ok.yaml", text, bag));
        Assert.Empty(bag.Items);
    }

    [Theory]
    [InlineData("lint", "{0}")]
    [InlineData("docs", "--rules", "{0}")]
    [InlineData("check", "{1}", "--rules", "{0}")]
    [InlineData("check", "{1}", "--project", "{0}")]
    public void Every_command_that_reads_yaml_reports_the_depth_and_exits_1(params string[] arguments)
    {
        using var files = new TempFiles();
        var deep = files.Write("d.yaml", "x: " + new string('[', 30_000) + new string(']', 30_000) + "\n");
        var cases = CliRunner.InRepository("examples/cases.json");
        var filled = arguments.Select(a => string.Format(System.Globalization.CultureInfo.InvariantCulture, a, deep, cases));
        string[] output = arguments[0] == "docs" ? ["--out", files.PathOf("pages")] : [];

        var result = CliRunner.RunInProcess([.. filled, .. output]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"d.yaml:1:103: error LIMIT_EXCEEDED: {Message}", result.Out + result.Error, StringComparison.Ordinal);
    }
}
