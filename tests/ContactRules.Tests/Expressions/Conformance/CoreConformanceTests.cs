using Xunit;
using Xunit.Abstractions;

namespace ContactRules.Tests.Expressions.Conformance;

/// <summary>
/// Runs every case of <c>core.json</c> (and the string extensions and two-variable macros of
/// <c>extensions.json</c>), failing when fewer pass than the recorded floor.
/// </summary>
public sealed class CoreConformanceTests(ITestOutputHelper output)
{
    /// <summary>The cases deliberately not supported, each with its reason. The one place to list them.</summary>
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
    };

    private const int CoreFloorWithChecker = 507;
    private const int CoreFloorWithoutChecker = 507;
    private const int ExtensionsFloor = 224;

    [ConformanceFact]
    public void Core_cases_pass_with_the_checker() => RunSuite("core.json", useChecker: true, CoreFloorWithChecker);

    [ConformanceFact]
    public void Core_cases_pass_without_the_checker() => RunSuite("core.json", useChecker: false, CoreFloorWithoutChecker);

    [ConformanceFact]
    public void Extension_cases_pass() => RunSuite("extensions.json", useChecker: true, ExtensionsFloor);

    private void RunSuite(string file, bool useChecker, int floor)
    {
        var cases = ConformanceSuite.Load(file);
        var passed = 0;
        var unexpectedPasses = new List<string>();
        foreach (var section in cases.GroupBy(c => c.Section))
        {
            var sectionPassed = 0;
            foreach (var test in section)
            {
                string? failure;
                try
                {
                    failure = ConformanceSuite.Run(test, useChecker);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failure = "threw " + e.GetType().Name + ": " + e.Message;
                }
                if (failure is null)
                {
                    sectionPassed++;
                    if (Unsupported.ContainsKey(test.Id))
                    {
                        unexpectedPasses.Add(test.Id);
                    }
                }
                else if (Unsupported.TryGetValue(test.Id, out var reason))
                {
                    output.WriteLine($"  unsupported {test.Id}: {reason}");
                }
                else
                {
                    output.WriteLine($"  FAIL {test.Id}: `{test.Expression}` {failure}");
                }
            }
            output.WriteLine($"{section.Key}: {sectionPassed}/{section.Count()}");
            passed += sectionPassed;
        }
        output.WriteLine($"{file} ({(useChecker ? "checked" : "unchecked")}): {passed}/{cases.Count} passed");
        Assert.True(passed >= floor, $"{passed}/{cases.Count} passed, below the floor of {floor}");
        Assert.Empty(unexpectedPasses);
    }
}
