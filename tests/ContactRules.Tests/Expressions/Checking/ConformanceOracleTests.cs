using ContactRules.Expressions;
using ContactRules.Expressions.Checking;
using ContactRules.Tests.Expressions.Conformance;
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
    [ConformanceFact]
    public void Accepts_every_well_typed_core_expression_and_rejects_every_ill_typed_one() => Judge("core.json", rejectedFloor: 32);

    [ConformanceFact]
    public void Accepts_every_well_typed_extension_expression_and_rejects_every_ill_typed_one() => Judge("extensions.json", rejectedFloor: 35);

    private void Judge(string suite, int rejectedFloor)
    {
        var wronglyRejected = new List<string>();
        int wellTyped = 0, illTyped = 0, rejected = 0;
        foreach (var test in ConformanceSuite.Load(suite))
        {
            var parsed = CheckerTesting.Parse(test.Expression);
            Assert.True(parsed is not null, $"{test.Id}: does not parse");
            var environment = test.Bindings.Keys.Aggregate(CelEnvironment.Standard, (env, name) => env.WithVariable(name, CelType.Dyn));
            var result = Checker.Check(parsed, environment);
            if (test.Check)
            {
                wellTyped++;
                if (!result.Success)
                {
                    wronglyRejected.Add($"{test.Id}: {test.Expression} ⇶ {result.Diagnostics[0].Message}");
                }
            }
            else
            {
                illTyped++;
                if (!result.Success)
                {
                    rejected++;
                }
                else
                {
                    output.WriteLine($"accepted ill-typed {test.Id}: {test.Expression}");
                }
            }
        }

        output.WriteLine($"{suite}: {wellTyped} well-typed, {wellTyped - wronglyRejected.Count} accepted; {illTyped} ill-typed, {rejected} rejected");
        Assert.Empty(wronglyRejected);
        Assert.True(rejected >= rejectedFloor, $"{rejected} ill-typed expressions rejected, below the floor of {rejectedFloor}");
    }
}
