using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Generation;
using ContactRules.Pipeline;
using ContactRules.RuleFiles;

namespace ContactRules.Benchmarks;

/// <summary>
/// Issue 12's speed target: judging an export with suggestions on is within 1.2× of judging it without them.
/// The cases are the README tour's generated export (20,000, with its share of every flaw); the baseline is
/// the default rules with every <c>suggest:</c> (and its <c>confidence:</c>) taken out, so the two differ by
/// the suggestions alone. Both run the whole pipeline on one thread: ownership settled within the input,
/// then every verdict.
/// </summary>
[MemoryDiagnoser]
public partial class SuggestionBenchmarks
{
    private const int CaseCount = 20_000;

    private CaseReadResult[] _cases = [];
    private CompiledRules _withSuggestions = null!;
    private CompiledRules _withoutSuggestions = null!;

    [GeneratedRegex(@"^\s*(suggest|confidence): .*\n", RegexOptions.Multiline)]
    private static partial Regex SuggestLine();

    [GlobalSetup]
    public void Setup()
    {
        _cases = [.. new CaseGenerator(GeneratorOptions.Default).Generate(CaseCount).Select(CaseReadResult.Accepted)];
        var text = RuleFileLoader.BuiltInText(RuleFileLoader.DefaultName);
        _withSuggestions = Compile(text);
        _withoutSuggestions = Compile(SuggestLine().Replace(text, ""));
        var suggested = Run(_withSuggestions);
        if (Run(_withoutSuggestions) != 0 || suggested == 0)
        {
            throw new InvalidOperationException($"the baseline must suggest nothing and the default rules something ({suggested} suggestions)");
        }
    }

    private static CompiledRules Compile(string text)
    {
        var diagnostics = new DiagnosticBag();
        var file = RuleFileLoader.Load("benchmark.yaml", text, diagnostics);
        return (file is null ? null : CompiledRules.Compile(file, ExampleProject.Settings, diagnostics))
            ?? throw new InvalidOperationException(string.Join('\n', diagnostics.Items));
    }

    /// <summary>The number of reasons with a suggestion, so the verdicts are used.</summary>
    private int Run(CompiledRules rules) =>
        new JudgingRun(rules, new RunOptions { Parallelism = 1 }).Run(() => _cases)
            .Sum(item => item.Verdict is { } verdict ? verdict.Channels.Sum(c => c.Reasons.Count(r => r.Suggestion is not null)) + verdict.Warnings.Count(r => r.Suggestion is not null) : 0);

    [Benchmark(Baseline = true, Description = "judge 20,000 cases, no suggest: in the rules")]
    public int WithoutSuggestions() => Run(_withoutSuggestions);

    [Benchmark(Description = "judge 20,000 cases with suggestions")]
    public int WithSuggestions() => Run(_withSuggestions);
}
