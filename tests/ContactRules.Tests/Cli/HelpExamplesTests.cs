using System.Diagnostics;
using System.Text.RegularExpressions;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Cli;

/// <summary>
/// Every example that a `--help` page or the README shows is run as a user would paste it: through
/// `sh -c`, so quoting that a shell would eat (`--var value="919812345678"`) fails here as it would there.
/// </summary>
public sealed partial class HelpExamplesTests
{
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "contactrules.dll");

    /// <summary>The examples of every command's help, in the order the root help lists the commands.</summary>
    private static List<string> HelpExamples()
    {
        var root = CliRunner.RunInProcess("--help").Out;
        var commands = root[root.IndexOf("COMMANDS:", StringComparison.Ordinal)..].Split('\n')
            .Select(l => CommandLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.True(commands.Count >= 12, "commands found: " + string.Join(", ", commands));
        var examples = new List<string>();
        foreach (var page in commands.Select(c => CliRunner.RunInProcess(c, "--help").Out).Prepend(root))
        {
            examples.AddRange(Section(page, "EXAMPLES:").Select(l => l.Trim()).Where(l => l.StartsWith("contactrules ", StringComparison.Ordinal)));
        }
        return [.. examples.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The README's commands: the lines of its sh blocks that run the tool.</summary>
    private static List<string> ReadmeExamples()
    {
        const string Run = "dotnet run --project src/ContactRules.Cli -- ";
        return [.. File.ReadAllLines(CliRunner.InRepository("README.md"))
            .Select(l => l.TrimStart('$', ' '))
            .Where(l => l.StartsWith(Run, StringComparison.Ordinal))
            .Select(l => "contactrules " + l[Run.Length..])];
    }

    private static IEnumerable<string> Section(string help, string heading)
    {
        var lines = help.Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == heading);
        return start < 0 ? [] : lines.Skip(start + 1).TakeWhile(l => l.Trim().Length > 0);
    }

    [Fact]
    public void Every_help_and_readme_example_runs_in_a_shell_and_exits_0()
    {
        var examples = HelpExamples();
        var readme = ReadmeExamples();
        Assert.True(examples.Count >= 20, $"{examples.Count} help examples found");
        Assert.NotEmpty(readme);
        var failures = new List<string>();
        foreach (var example in examples.Concat(readme))
        {
            // Each example in a directory of its own, so one (init) cannot spoil another; all but init's
            // own examples find the my-rules directory that init writes.
            using var files = new TempFiles();
            Prepare(files);
            if (!example.StartsWith("contactrules init ", StringComparison.Ordinal))
            {
                Assert.Equal(0, CliRunner.RunInProcess("init", Path.Combine(files.Directory, "my-rules")).ExitCode);
            }
            var (exitCode, output) = Shell(files.Directory, "dotnet '" + Tool + "' " + example["contactrules ".Length..]);
            if (exitCode != 0)
            {
                failures.Add($"{example}\n  exit {exitCode}: {output.Trim()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Help_says_what_the_tool_does()
    {
        var diffHelp = CliRunner.RunInProcess("diff", "--help").Out;
        var against = diffHelp.Split('\n').Single(l => l.Contains("--against <FILE>", StringComparison.Ordinal));
        Assert.Contains("Required", against, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.RunInProcess("diff", CliRunner.InRepository("examples/cases.json")).ExitCode);
        Assert.Equal(2, CliRunner.RunInProcess("lint", CliRunner.InRepository("rules/commcare-case-contact.yaml"), "--rules", "x.yaml").ExitCode);
        Assert.Equal(2, CliRunner.RunInProcess([]).ExitCode);
        foreach (var reading in new[] { "check", "owners", "explain" })
        {
            var registry = CliRunner.RunInProcess(reading, "--help").Out.Split('\n').SkipWhile(l => !l.Contains("--registry", StringComparison.Ordinal)).Take(4);
            Assert.DoesNotContain("created", string.Concat(registry), StringComparison.Ordinal);
        }
    }

    /// <summary>The files the examples name, in a working directory of their own.</summary>
    private static void Prepare(TempFiles files)
    {
        foreach (var folder in new[] { "examples", "rules" })
        {
            Directory.CreateDirectory(Path.Combine(files.Directory, folder));
            foreach (var file in Directory.GetFiles(CliRunner.InRepository(folder)))
            {
                File.Copy(file, Path.Combine(files.Directory, folder, Path.GetFileName(file)));
            }
        }
        File.Copy(CliRunner.InRepository("examples/cases.csv"), files.PathOf("cases.csv"));
        File.Copy(CliRunner.InRepository("examples/cases.json"), files.PathOf("cases.json"));
        File.Copy(CliRunner.InRepository("examples/cases.jsonl"), files.PathOf("updates.jsonl"));
        File.Copy(CliRunner.InRepository("examples/custom-rules.yaml"), files.PathOf("my-rules.yaml"));
        files.Write("suite.jsonl", "{\"expr\": \"1 + 1\"}\n{\"expr\": \"x * 2\", \"bindings\": {\"x\": {\"int\": \"21\"}}}\n");
        var (exitCode, output) = Shell(files.Directory, "dotnet '" + Tool + "' register examples/cases.json --registry contacts.db --quiet");
        Assert.True(exitCode == 0, output);
    }

    private static (int ExitCode, string Output) Shell(string directory, string command)
    {
        var start = new ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "did not finish in 2 minutes");
        }
        return (process.ExitCode, error.Result + (process.ExitCode == 0 ? "" : output.Result[..Math.Min(output.Result.Length, 2000)]));
    }

    [GeneratedRegex("^    ([a-z]+)\\b")]
    private static partial Regex CommandLine();
}
