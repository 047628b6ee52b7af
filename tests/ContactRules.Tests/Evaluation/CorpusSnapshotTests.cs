using ContactRules.Evaluation;
using ContactRules.Tests.Cli;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace ContactRules.Tests.Evaluation;

/// <summary>
/// Snapshots of the verdicts on the corpus (Cases/contacts), text and JSON, under both shipped rule files,
/// through the library and through the real tool. Every snapshot was read and checked by hand; a changed
/// verdict fails here until it is reviewed again.
/// </summary>
public sealed class CorpusSnapshotTests
{
    [Theory]
    [MemberData(nameof(Corpus.RuleFiles), MemberType = typeof(Corpus))]
    public void Check_text_of_the_corpus(string ruleFile) =>
        Snapshot.Match(Corpus.CheckText(Corpus.Judge(ruleFile)), SnapshotNameExtension.Create(Short(ruleFile)));

    [Theory]
    [MemberData(nameof(Corpus.RuleFiles), MemberType = typeof(Corpus))]
    public void Check_json_of_the_corpus(string ruleFile) =>
        Snapshot.Match(Corpus.CheckJson(Corpus.Judge(ruleFile)), SnapshotNameExtension.Create(Short(ruleFile)));

    [Theory]
    [MemberData(nameof(Corpus.RuleFiles), MemberType = typeof(Corpus))]
    public void Check_text_of_malformed_json_lines(string ruleFile) =>
        Snapshot.Match(Corpus.CheckText(Corpus.Judge(ruleFile, Corpus.Malformed)), SnapshotNameExtension.Create(Short(ruleFile)));

    public static TheoryData<string, string> ExplainedCases => new()
    {
        { Corpus.Documented, "all-channels" },
        { Corpus.Documented, "seed-us-example" },
        { Corpus.Documented, "phone-arabic-indic" },
        { Corpus.Documented, "phone-leading-zero" },
        { Corpus.Documented, "phone-three-digits" },
        { Corpus.Documented, "phone-opted-out" },
        { Corpus.Documented, "claim-3-later" },
        { Corpus.Documented, "claim-closed-early" },
        { Corpus.Documented, "tz-lowercase" },
        { Corpus.Documented, "gateway-case-and-spaces" },
        { Corpus.HqCompatible, "phone-parens-dots-tab" },
        { Corpus.HqCompatible, "phone-zero" },
        { Corpus.HqCompatible, "claim-plain-late" },
        { Corpus.HqCompatible, "tz-leading-space" },
        { Corpus.HqCompatible, "gateway-unknown" },
    };

    [Theory]
    [MemberData(nameof(ExplainedCases))]
    public void Explain_text(string ruleFile, string caseId)
    {
        var judged = Corpus.Judge(ruleFile, trace: true);
        var item = judged.Item(caseId);
        Snapshot.Match(VerdictText.Explain(item.Verdict!, item.Record!, judged.Rules.Rules), SnapshotNameExtension.Create(Short(ruleFile), caseId));
    }

    [Fact]
    public void Explain_json_carries_the_traces_of_failed_rules()
    {
        var judged = Corpus.Judge(Corpus.Documented, trace: true);
        string[] cases = ["phone-too-long", "verified-padded"];
        var json = string.Join("\n\n", cases.Select(id => Corpus.Indented(VerdictJson.ToJsonLine(judged.Verdict(id), includeTraces: true))));
        Snapshot.Match(json + "\n");
    }

    // Through the real tool: paths are relative to the repository root, where the tool runs.
    private const string CorpusPath = "tests/ContactRules.Tests/Cases/contacts/corpus.json";
    private const string ProjectPath = "tests/ContactRules.Tests/Cases/contacts/project.yaml";
    private const string MalformedPath = "tests/ContactRules.Tests/Cases/contacts/malformed.jsonl";

    [Fact]
    public void Cli_check_json_of_the_corpus()
    {
        var result = CliRunner.Run(null, "check", CorpusPath, "--project", ProjectPath, "--format", "json");
        Snapshot.Match(Transcript(result));
    }

    [Fact]
    public void Cli_json_lines_are_the_library_verdicts_one_per_line()
    {
        // The tool has no registry yet, so the opted-out number is only known to the library run.
        static bool Comparable(string line) => !line.Contains("\"phone-opted-out\"", StringComparison.Ordinal);
        var tool = CliRunner.Run(null, "check", CorpusPath, "--project", ProjectPath, "--format", "json")
            .Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var library = Corpus.Judge(Corpus.Documented).Verdicts.Select(v => VerdictJson.ToJsonLine(v));
        Assert.Equal(library.Where(Comparable), tool.Where(Comparable));
        Assert.Equal(61, tool.Length);
    }

    [Fact]
    public void Cli_check_text_of_malformed_json_lines()
    {
        var result = CliRunner.Run(null, "check", MalformedPath, "--project", ProjectPath);
        Snapshot.Match(Transcript(result));
    }

    [Fact]
    public void Cli_reads_the_same_cases_from_standard_input_detecting_json_lines()
    {
        var file = CliRunner.Run(null, "check", MalformedPath, "--project", ProjectPath);
        var input = CliRunner.Run(File.ReadAllText(Corpus.PathOf(Corpus.Malformed)), "check", "-", "--project", ProjectPath);
        Assert.Equal(file.Out, input.Out);
        Assert.Equal(file.Error.Replace(MalformedPath + ":", "-:", StringComparison.Ordinal), input.Error);
        Assert.Equal(1, input.ExitCode);
    }

    [Fact]
    public void Cli_explain_text_with_the_hq_compatible_rules()
    {
        var result = CliRunner.Run(null, "explain", "claim-plain-late", CorpusPath, "--project", ProjectPath, "--rules", Corpus.HqCompatible);
        Snapshot.Match(Transcript(result));
    }

    /// <summary>The tool's run as one text: exit code, standard output, standard error.</summary>
    internal static string Transcript(CliRunner.Result result) =>
        $"exit code: {result.ExitCode}\n--- standard output ---\n{result.Out}--- standard error ---\n{result.Error}";

    private static string Short(string ruleFile) => ruleFile == Corpus.Documented ? "documented" : "hq";
}
