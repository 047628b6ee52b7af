using System.Text.Json;
using ContactRules.Expressions;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Checking;
using Xunit;
using Xunit.Abstractions;

namespace ContactRules.Tests.Expressions.Checking;

/// <summary>
/// The conformance suites as the checker's oracle: a test without <c>"check": false</c> is a well-typed
/// expression the checker must accept; one with it is an expression a type checker rejects, and the
/// checker should find something wrong with as many of those as it can. Bindings are declared as dyn.
/// </summary>
public sealed class ConformanceOracleTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("core.json", 32, false)]
    // The string extensions are not in the standard library yet; their tests are counted apart until they are.
    [InlineData("extensions.json", 0, true)]
    public void Accepts_every_well_typed_conformance_expression_and_rejects_the_ill_typed(string suite, int rejectedFloor, bool skipUndeclared)
    {
        var wronglyRejected = new List<string>();
        var missed = new List<string>();
        int wellTyped = 0, illTyped = 0, rejected = 0, unparsed = 0, lacking = 0;
        foreach (var test in ReadTests(suite))
        {
            var parsed = CheckerTesting.Parse(test.Expr);
            if (parsed is null)
            {
                unparsed++;
                continue;
            }
            var environment = test.Bindings.Aggregate(CelEnvironment.Standard, (env, name) => env.WithVariable(name, CelType.Dyn));
            var result = Checker.Check(parsed, environment);
            if (skipUndeclared && UsesUndeclaredFunction(result, environment))
            {
                lacking++;
                continue;
            }
            if (test.Checked)
            {
                wellTyped++;
                if (result.Diagnostics.Length > 0)
                {
                    wronglyRejected.Add($"{test.Id}: {test.Expr} ⇶ {result.Diagnostics[0].Message}");
                }
            }
            else
            {
                illTyped++;
                if (result.Diagnostics.Length > 0)
                {
                    rejected++;
                }
                else
                {
                    missed.Add($"{test.Id}: {test.Expr}");
                }
            }
        }

        output.WriteLine($"{suite}: {wellTyped} well-typed, {illTyped} ill-typed ({rejected} rejected), {unparsed} not parsed, {lacking} using functions the standard library lacks");
        missed.ForEach(output.WriteLine);
        Assert.Empty(wronglyRejected);
        Assert.True(rejected >= rejectedFloor, $"{rejected} ill-typed expressions rejected, below the floor of {rejectedFloor}");
    }

    /// <summary>Whether the expression calls a function the environment does not declare (extensions not yet provided).</summary>
    private static bool UsesUndeclaredFunction(CheckResult result, CelEnvironment environment) =>
        result.Types.Keys.OfType<CallExpr>().Any(call => !call.IsOperator && !result.Functions.ContainsKey(call)
            && !environment.Functions.ContainsKey(call.Function));

    private sealed record ConformanceTest(string Id, string Expr, IReadOnlyList<string> Bindings, bool Checked);

    private static IEnumerable<ConformanceTest> ReadTests(string suite)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SuitePath(suite)));
        foreach (var test in document.RootElement.GetProperty("tests").EnumerateArray())
        {
            var bindings = test.TryGetProperty("bindings", out var b) ? b.EnumerateObject().Select(p => p.Name).ToList() : [];
            var isChecked = !test.TryGetProperty("check", out var check) || check.GetBoolean();
            yield return new ConformanceTest(test.GetProperty("id").GetString()!, test.GetProperty("expr").GetString()!, bindings, isChecked);
        }
    }

    /// <summary>The suites live in the read-only shared folder beside the repository (../shared/conformance/cel).</summary>
    private static string SuitePath(string suite)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "cel", suite);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"shared/conformance/cel/{suite} not found above {AppContext.BaseDirectory}");
    }
}
