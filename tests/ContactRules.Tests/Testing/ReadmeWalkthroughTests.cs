using System.Text.RegularExpressions;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Testing;

/// <summary>
/// README.md's "Customising the rules, step by step" run as written: init, lint, test, the edit it
/// describes, the failing test (its output as the README shows it), diff and docs; and init's refusals.
/// </summary>
public sealed partial class ReadmeWalkthroughTests
{
    private static string Section()
    {
        var readme = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("## Customising the rules, step by step", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no customisation walk-through");
        var end = readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return readme[start..end];
    }

    [Fact]
    public void The_readme_walkthrough_runs_end_to_end()
    {
        var section = Section();
        var blocks = Blocks().Matches(section).Select(m => (Kind: m.Groups[1].Value, Body: m.Groups[2].Value)).ToArray();
        var shell = blocks.Where(b => b.Kind == "sh").Select(b => b.Body).ToArray();
        Assert.Equal(3, shell.Length);
        var expectedFailure = blocks.Single(b => b.Kind == "text").Body;

        var directory = Directory.CreateTempSubdirectory("contactrules-walkthrough-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "examples"));
        foreach (var file in Directory.GetFiles(CliRunner.InRepository("examples")))
        {
            File.Copy(file, Path.Combine(directory, "examples", Path.GetFileName(file)));
        }

        RunBlock(directory, shell[0]);
        // The edit the README describes: PHONE_NUMBER_UNASSIGNED loses its `severity: warning`.
        var rules = Path.Combine(directory, "my-rules", "rules.yaml");
        var text = File.ReadAllText(rules);
        var edited = text.Replace("      - rule: \"phone.isValid(value)\"\n        severity: warning\n", "      - rule: \"phone.isValid(value)\"\n", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        File.WriteAllText(rules, edited);
        var failing = RunBlock(directory, shell[1]);
        Assert.Contains(expectedFailure, failing, StringComparison.Ordinal);
        Assert.Equal(2, failing.Split('\n').Count(l => l.StartsWith("  ✘", StringComparison.Ordinal)));
        RunBlock(directory, shell[2]);
        Assert.True(File.Exists(Path.Combine(directory, "my-rules", "docs", "errors.md")));
    }

    [Fact]
    public void Init_refuses_to_overwrite_and_writes_nothing_then()
    {
        var directory = Directory.CreateTempSubdirectory("contactrules-init-").FullName;
        File.WriteAllText(Path.Combine(directory, "project.yaml"), "name: ours\n");
        var result = CliRunner.RunInProcess("init", directory, "--from", "commcare-hq-compatible");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("project.yaml already exists", result.Error, StringComparison.Ordinal);
        Assert.Equal(["project.yaml"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
        Assert.Equal("name: ours\n", File.ReadAllText(Path.Combine(directory, "project.yaml")));
    }

    [Fact]
    public void Init_from_the_hq_rules_passes_its_suite_and_an_unknown_source_is_a_usage_error()
    {
        var directory = Path.Combine(Directory.CreateTempSubdirectory("contactrules-init-").FullName, "new");
        Assert.Equal(0, CliRunner.RunInProcess("init", directory, "--from", "commcare-hq-compatible").ExitCode);
        var project = File.ReadAllText(Path.Combine(directory, "project.yaml"));
        foreach (var key in new[] { "name:", "time_zone:", "languages:", "default_language:", "gateways:" })
        {
            // Every key is there, under a comment that explains it.
            var line = project.Split('\n').ToList().FindIndex(l => l.StartsWith(key, StringComparison.Ordinal));
            Assert.True(line > 0 && project.Split('\n')[line - 1].StartsWith('#'), key);
        }
        var result = CliRunner.RunInProcess("test", directory, "--coverage-min", "100");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Equal(0, CliRunner.RunInProcess("lint", Path.Combine(directory, "rules.yaml"), "--project", Path.Combine(directory, "project.yaml")).ExitCode);
        Assert.Equal(2, CliRunner.RunInProcess("init", directory + "2", "--from", "commcare").ExitCode);
    }

    /// <summary>Runs each <c>contactrules …</c> line of a shell block; a line commented "exit N" must exit N, others 0. The output of all.</summary>
    private static string RunBlock(string directory, string block)
    {
        var output = "";
        foreach (var line in block.Split('\n').Where(l => l.StartsWith("contactrules ", StringComparison.Ordinal)))
        {
            var comment = line.IndexOf('#', StringComparison.Ordinal);
            var command = (comment < 0 ? line : line[..comment]).Trim();
            var expected = comment >= 0 && ExitComment().Match(line[comment..]) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var result = CliRunner.RunIn(directory, null, command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray());
            Assert.True(result.ExitCode == expected, $"{command}: exit {result.ExitCode}\n{result.Out}\n{result.Error}");
            output += result.Out;
        }
        return output;
    }

    [GeneratedRegex("```(sh|text)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Blocks();

    [GeneratedRegex(@"exit (\d)")]
    private static partial Regex ExitComment();
}
