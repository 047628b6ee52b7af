using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Tests.Cli;
using ContactRules.Tests.Evaluation;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace ContactRules.Tests.RuleFiles;

/// <summary>
/// What <c>lint</c> reports for broken rule files (Cases/lint, each saying in its first line what is wrong):
/// every problem, in file order, at its line and column. Each position in the snapshots was checked by hand
/// against the file.
/// </summary>
public sealed class LintSnapshotTests
{
    public static TheoryData<string> BrokenFiles => new(
        Directory.GetFiles(Corpus.PathOf("lint"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Lint_reports_every_problem_at_its_position(string file)
    {
        var lines = Lint(file);
        Assert.NotEmpty(lines);
        Snapshot.Match(string.Join('\n', lines) + "\n", SnapshotNameExtension.Create(Path.GetFileNameWithoutExtension(file)));
    }

    [Fact]
    public void There_are_at_least_fifteen_broken_files() => Assert.True(BrokenFiles.Count >= 15);

    [Fact]
    public void Several_problems_in_one_file_are_all_reported_structural_and_expression_alike()
    {
        var codes = Lint("21-several-problems.yaml").Select(l => l.Split(' ')[2].TrimEnd(':')).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(DiagnosticCodes.UnknownKey, codes);
        Assert.Contains(DiagnosticCodes.ExpressionSyntax, codes);
        // Checker errors carry the code of their kind (once all were EXPRESSION_CHECK).
        Assert.Contains(DiagnosticCodes.UnknownField, codes);
        Assert.Contains(DiagnosticCodes.TypeMismatch, codes);
    }

    [Fact]
    public void Cli_lint_prints_the_diagnostics_and_exits_with_1()
    {
        var result = CliRunner.Run(null, "lint", "tests/ContactRules.Tests/Cases/lint/21-several-problems.yaml");
        Snapshot.Match(CorpusSnapshotTests.Transcript(result));
    }

    /// <summary>The diagnostics of loading and compiling a file, as <c>lint/NAME:line:column: error CODE: message</c>.</summary>
    private static List<string> Lint(string file)
    {
        var diagnostics = new DiagnosticBag();
        var compiled = RuleSetLoader.Load(Corpus.PathOf(Path.Combine("lint", file)), null, diagnostics);
        Assert.Null(compiled);
        return [.. diagnostics.Sorted().Select(d => (d with { Location = d.Location with { Path = "lint/" + file } }).ToString())];
    }
}
