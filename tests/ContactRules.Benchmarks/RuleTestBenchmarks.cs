using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ContactRules.Diagnostics;
using ContactRules.RuleFiles;
using ContactRules.Testing;

namespace ContactRules.Benchmarks;

/// <summary>
/// Issue 11's speed target: a suite of 1,000 tests runs in under 2 s warm, so teams run it on every save.
/// The suite is the shipped default suite's single-case and several-case tests, repeated (each copy renamed)
/// to exactly 1,000; loading it (YAML, the rule file, compiling) and running it are measured together, as
/// <c>contactrules test</c> does both, and running alone.
/// </summary>
[MemoryDiagnoser]
public class RuleTestBenchmarks
{
    private const int TestCount = 1000;

    private string _text = "";
    private RuleTestFile _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        var suite = RuleFileLoader.BuiltInText("commcare-case-contact" + RuleTestLoader.Suffix);
        var split = suite.IndexOf("\ntests:\n", StringComparison.Ordinal) + "\ntests:\n".Length;
        // Table-driven tests run once per value; only the others are repeated, so the count is exact.
        var tests = suite[split..].Split("\n  - name: ").Select(t => t.TrimStart().StartsWith("- name: ", StringComparison.Ordinal) ? t.TrimStart()[8..] : t)
            .Where(t => !t.Contains("\n    values:", StringComparison.Ordinal)).ToArray();
        var text = new StringBuilder(suite[..split]);
        for (var i = 0; i < TestCount; i++)
        {
            var test = tests[i % tests.Length];
            var line = test.IndexOf('\n', StringComparison.Ordinal);
            text.Append(CultureInfo.InvariantCulture, $"  - name: {test[..line].TrimEnd()} ({i})").Append(test[line..].TrimEnd()).Append('\n');
        }
        _text = text.ToString();
        _file = Load();
        var results = RuleTestRunner.Run(_file);
        if (results.Length != TestCount || results.Any(r => !r.Passed))
        {
            throw new InvalidOperationException($"the benchmark suite has {results.Length} tests, {results.Count(r => !r.Passed)} failing");
        }
    }

    /// <summary>The rules are named by their built-in name, as no file stands beside this one.</summary>
    private RuleTestFile Load()
    {
        var diagnostics = new DiagnosticBag();
        return RuleTestLoader.Load("benchmark.tests.yaml", _text, diagnostics)
            ?? throw new InvalidOperationException(string.Join('\n', diagnostics.Items));
    }

    [Benchmark(Description = "load and run 1,000 tests")]
    public int LoadAndRun() => RuleTestRunner.Run(Load()).Length;

    [Benchmark(Description = "run 1,000 tests (loaded)")]
    public int Run() => RuleTestRunner.Run(_file).Length;

    [Benchmark(Description = "run 1,000 tests with coverage")]
    public int RunWithCoverage() => RuleTestRunner.Run(_file, coverage: new RuleCoverage(_file.Rules.Rules)).Length;
}
