using System.Text.Json;
using ContactRules.Expressions;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;
using ContactRules.Tests.Expressions.Runtime;
using Xunit;

namespace ContactRules.Tests.Expressions.Conformance;

/// <summary>
/// The CEL conformance tests converted to JSON in <c>shared/conformance/cel</c>, a folder beside the
/// repository (found by walking up from the test assembly), and the logic that runs one of them.
/// </summary>
internal static class ConformanceSuite
{
    public static string? Directory { get; } = Locate();

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "cel");
            if (File.Exists(Path.Combine(candidate, "core.json")))
            {
                return candidate;
            }
        }
        return null;
    }

    public static IReadOnlyList<ConformanceCase> Load(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory!, file)));
        return [.. doc.RootElement.GetProperty("tests").EnumerateArray().Select(ConformanceCase.Read)];
    }

    /// <summary>Runs one case; null when it passes, else what went wrong.</summary>
    public static string? Run(ConformanceCase test, bool useChecker)
    {
        var env = test.Bindings.Keys.Aggregate(CelEnvironment.Standard, (e, name) => e.WithVariable(name, CelType.Dyn));
        var compiled = env.Compile(test.Expression, check: useChecker && test.Check);
        if (compiled.Program is null)
        {
            return "did not compile: " + string.Join("; ", compiled.Diagnostics.Select(d => d.Format(test.Expression)));
        }
        var activation = new Activation(env);
        foreach (var (name, value) in test.Bindings)
        {
            activation.Set(name, value);
        }
        var actual = compiled.Program.Evaluate(activation);
        if (test.ExpectsError)
        {
            return actual is CelError ? null : "expected an error, got " + CelLiteral.Format(actual);
        }
        return StrictValues.AreEqual(test.Expected!, actual)
            ? null
            : $"expected {CelLiteral.Format(test.Expected)}, got {CelLiteral.Format(actual)}";
    }
}

internal sealed record ConformanceCase(string Id, string Expression, IReadOnlyDictionary<string, object> Bindings, object? Expected, bool Check)
{
    public bool ExpectsError => Expected is null;

    /// <summary>The section: the first part of the id (<c>basic</c>, <c>logic</c>, ...).</summary>
    public string Section => Id.Split('/')[0];

    public static ConformanceCase Read(JsonElement json)
    {
        var bindings = new Dictionary<string, object>(StringComparer.Ordinal);
        if (json.TryGetProperty("bindings", out var b))
        {
            foreach (var p in b.EnumerateObject())
            {
                bindings[p.Name] = CelJson.ReadTagged(p.Value);
            }
        }
        var expect = json.GetProperty("expect");
        var expected = expect.TryGetProperty("value", out var v) ? CelJson.ReadTagged(v) : null;
        var check = !json.TryGetProperty("check", out var c) || c.GetBoolean();
        return new ConformanceCase(json.GetProperty("id").GetString()!, json.GetProperty("expr").GetString()!, bindings, expected, check);
    }
}

/// <summary>A fact that is skipped, saying why, when the conformance data is not beside the repository.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (ConformanceSuite.Directory is null)
        {
            Skip = "The CEL conformance data (shared/conformance/cel next to the repository) was not found.";
        }
    }
}
