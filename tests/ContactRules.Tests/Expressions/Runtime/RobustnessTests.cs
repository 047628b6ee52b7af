using System.Diagnostics;
using ContactRules.Expressions;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;
using ContactRules.Tests.Expressions.Conformance;
using CsCheck;
using Xunit;

namespace ContactRules.Tests.Expressions.Runtime;

/// <summary>
/// Mutated expressions (from the evaluation case files and, when present, the conformance suite) go through
/// parse, check, compile and evaluation: each ends in a value or diagnostics, never an exception, and quickly.
/// Set CONTACTRULES_FUZZ_ITERATIONS (e.g. 1000000) for a longer run.
/// </summary>
public sealed class RobustnessTests
{
    private const string Alphabet = "()[]{}.,:?!<>=&|+-*/%'\"\\ _abcxyz019eE\u00e9\U0001F431";

    private static readonly CelEnvironment Env = CelEnvironment.Standard
        .WithVariable("x", CelType.Dyn)
        .WithVariable("y", CelType.String);

    private static readonly string[] Seeds = [.. LoadSeeds()];

    private static IEnumerable<string> LoadSeeds()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Cases", "evaluation"), "*.txt"))
        {
            foreach (var line in File.ReadLines(file))
            {
                var arrow = line.IndexOf(" ⇶ ", StringComparison.Ordinal);
                if (arrow > 0 && !line.StartsWith('#'))
                {
                    yield return line[..arrow];
                }
            }
        }
        if (ConformanceSuite.Directory is not null)
        {
            foreach (var test in ConformanceSuite.Load("core.json").Concat(ConformanceSuite.Load("extensions.json")))
            {
                yield return test.Expression;
            }
        }
    }

    private static string Mutate(string source, int[] edits, char[] inserts)
    {
        var text = source;
        for (var i = 0; i < edits.Length; i++)
        {
            var at = edits[i] / 4 % (text.Length + 1);
            text = (edits[i] % 4) switch
            {
                0 when at < text.Length => text.Remove(at, 1),
                1 => text.Insert(at, inserts[i % inserts.Length].ToString()),
                2 => text.Insert(at, text.Substring(at, Math.Min(6, text.Length - at))),
                _ => text[..at] + source[Math.Min(at, source.Length)..],
            };
        }
        return text;
    }

    [Fact]
    public void Mutated_expressions_end_in_a_value_or_diagnostics()
    {
        var iterations = long.TryParse(Environment.GetEnvironmentVariable("CONTACTRULES_FUZZ_ITERATIONS"), out var n) ? n : 10_000;
        var gen = Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int[0, 4000].Array[0, 5], Gen.Char[Alphabet].Array[1, 3], Gen.Bool)
            .Select((seed, edits, inserts, check) => (Source: Mutate(Seeds[seed], edits, inserts), Check: check));
        gen.Sample(input =>
        {
            var compiled = Env.Compile(input.Source, input.Check);
            if (compiled.Program is null)
            {
                Assert.NotEmpty(compiled.Diagnostics);
                return;
            }
            var activation = new Activation(Env);
            activation.Set("x", CelValues.Int(3));
            activation.Set("y", "919812345678");
            var watch = Stopwatch.StartNew();
            var value = compiled.Program.Evaluate(activation);
            Assert.NotNull(value);
            Assert.True(watch.ElapsedMilliseconds < 5_000, $"`{input.Source}` ran for {watch.ElapsedMilliseconds} ms");
            Assert.NotNull(compiled.Program.EvaluateTraced(activation).Render());
        }, iter: iterations, threads: 1);
    }
}
