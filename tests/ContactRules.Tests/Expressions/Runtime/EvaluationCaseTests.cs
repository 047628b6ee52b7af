using System.Globalization;
using ContactRules.Expressions;
using ContactRules.Expressions.Runtime;
using Xunit;

namespace ContactRules.Tests.Expressions.Runtime;

/// <summary>
/// The evaluation specification in <c>Cases/evaluation/*.txt</c>: one case a line, <c>expression ⇶ expected</c>,
/// where expected is a CEL literal or <c>error: message</c> (<c>error: start…</c> to give only the start). Every case runs under the invariant culture and
/// under fr-FR (decimal comma), to show that evaluation never depends on the current culture. An expression
/// is evaluated unchecked and, when the checker accepts it, checked too; both must give the expected result.
/// </summary>
public sealed class EvaluationCaseTests
{
    private const string Arrow = " ⇶ ";

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        var folder = Path.Combine(AppContext.BaseDirectory, "Cases", "evaluation");
        foreach (var file in Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }
                var arrow = line.IndexOf(Arrow, StringComparison.Ordinal);
                var location = $"{Path.GetFileName(file)}:{i + 1}";
                if (arrow < 0)
                {
                    throw new InvalidDataException($"{location}: expected `expression{Arrow}expected`");
                }
                var expression = line[..arrow].Trim();
                var expected = line[(arrow + Arrow.Length)..].Trim();
                data.Add(location, expression, expected, "");
                data.Add(location, expression, expected, "fr-FR");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string location, string expression, string expected, string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture.Length == 0 ? CultureInfo.InvariantCulture : new CultureInfo(culture);
        try
        {
            var unchecked_ = Evaluate(expression, check: false);
            Assert.True(unchecked_.Compiled, $"{location}: {unchecked_.Problem}");
            Verify(location, expected, unchecked_.Value!);
            var checked_ = Evaluate(expression, check: true);
            if (checked_.Compiled)
            {
                Verify(location, expected, checked_.Value!);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static void Verify(string location, string expected, object actual)
    {
        const string errorPrefix = "error: ";
        if (expected.StartsWith(errorPrefix, StringComparison.Ordinal))
        {
            // A message ending in … gives only its beginning (the rest comes from .NET, e.g. a regex parser's words).
            Assert.True(actual is CelError, $"{location}: expected an error, got {CelLiteral.Format(actual)}");
            var message = ((CelError)actual).Message;
            var want = expected[errorPrefix.Length..];
            if (want.EndsWith('…'))
            {
                Assert.StartsWith(want[..^1], message, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(want, message);
            }
            return;
        }
        var literal = Evaluate(expected, check: false);
        Assert.True(literal.Compiled, $"{location}: the expected value does not parse: {literal.Problem}");
        Assert.True(StrictValues.AreEqual(literal.Value!, actual),
            $"{location}: expected {CelLiteral.Format(literal.Value)}, got {CelLiteral.Format(actual)}");
    }

    private static (bool Compiled, object? Value, string Problem) Evaluate(string expression, bool check)
    {
        var env = CelEnvironment.Standard;
        var compiled = env.Compile(expression, check);
        return compiled.Program is null
            ? (false, null, string.Join("; ", compiled.Diagnostics.Select(d => d.Format(expression))))
            : (true, compiled.Program.Evaluate(new Activation(env)), "");
    }
}
