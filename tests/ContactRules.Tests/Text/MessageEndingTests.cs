using System.Reflection;
using ContactRules.Cli;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Expressions.Checking;
using ContactRules.Text;
using Xunit;

namespace ContactRules.Tests.Text;

/// <summary>
/// Holds the messages to one convention: a message ends without a full stop, and a member marked
/// <see cref="SentencesAttribute"/> (prose) ends with one. Constants are read; methods are called with
/// sample arguments (every value of an enum or a bool, a value and null for a nullable).
/// </summary>
public sealed class MessageEndingTests
{
    private static readonly Type[] MessageClasses = [typeof(Messages), typeof(CliMessages)];

    /// <summary>Methods whose arguments the test cannot make up; each is a place to look when it changes.</summary>
    private static readonly string[] NotCalled = ["Messages.NoMatchingOverload"];

    [Fact]
    public void Messages_end_without_a_full_stop_and_prose_ends_with_one()
    {
        var wrong = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = 0;
        foreach (var (member, text) in Texts())
        {
            seen++;
            var trimmed = text.TrimEnd(' ');
            if (trimmed.Length == 0 || trimmed.EndsWith('\n'))
            {
                continue; // an empty part, or the content of a file init writes (a document, not a message)
            }
            var prose = member.IsDefined(typeof(SentencesAttribute));
            var abbreviation = trimmed.EndsWith("e.g.", StringComparison.Ordinal) || trimmed.EndsWith("...", StringComparison.Ordinal);
            if (trimmed.EndsWith('.') != prose && !abbreviation)
            {
                wrong.TryAdd($"{member.DeclaringType!.Name}.{member.Name}", $"{(prose ? "prose without" : "a message with")} a full stop: {text}");
            }
        }
        Assert.True(seen > 300, $"only {seen} texts were read");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Select(w => w.Key + ": " + w.Value)));
    }

    [Fact]
    public void Every_message_method_but_the_listed_ones_is_called()
    {
        var skipped = Methods().Where(m => Arguments(m) is null).Select(m => $"{m.DeclaringType!.Name}.{m.Name}").Distinct().Order(StringComparer.Ordinal);
        Assert.True(NotCalled.Order(StringComparer.Ordinal).SequenceEqual(skipped), string.Join("\n", skipped));
    }

    private static IEnumerable<MethodInfo> Methods() => MessageClasses
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => m.ReturnType == typeof(string) && !m.IsSpecialName && !m.IsGenericMethodDefinition);

    private static IEnumerable<(MemberInfo Member, string Text)> Texts()
    {
        foreach (var type in MessageClasses)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(string)))
            {
                yield return (field, (string)field.GetValue(null)!);
            }
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(string)))
            {
                yield return (property, (string)property.GetValue(null)!);
            }
        }
        foreach (var method in Methods())
        {
            foreach (var arguments in Arguments(method) ?? [])
            {
                yield return (method, (string)method.Invoke(null, arguments)!);
            }
        }
    }

    /// <summary>Every combination of the sample values of the parameters, or null when one cannot be made.</summary>
    private static List<object?[]>? Arguments(MethodInfo method)
    {
        var combinations = new List<object?[]> { Array.Empty<object?>() };
        var nullability = new NullabilityInfoContext();
        foreach (var parameter in method.GetParameters())
        {
            var samples = Samples(parameter.ParameterType, nullability.Create(parameter).WriteState == NullabilityState.Nullable);
            if (samples is null)
            {
                return null;
            }
            combinations = [.. combinations.SelectMany(c => samples.Select(s => (object?[])[.. c, s]))];
        }
        return combinations;
    }

    private static List<object?>? Samples(Type type, bool nullable)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Samples(underlying, false) is { } values ? [.. values, null] : null;
        }
        List<object?>? samples = type switch
        {
            _ when type == typeof(string) => ["x"],
            _ when type == typeof(int) => [0, 2],
            _ when type == typeof(long) => [0L, 2L],
            _ when type == typeof(double) => [0.5],
            _ when type == typeof(char) => ['x'],
            _ when type == typeof(byte) => [(byte)0xC3],
            _ when type == typeof(bool) => [true, false],
            _ when type == typeof(CelType) => [CelType.Int],
            _ when type == typeof(System.Text.Json.JsonException) => [new System.Text.Json.JsonException("x. Path: $ | LineNumber: 0")],
            _ when type == typeof(InputLimits) => [InputLimits.Default],
            _ when type == typeof(Suggestion) => [new Suggestion("x", SuggestionConfidence.Certain), new Suggestion("x", SuggestionConfidence.Likely, "c")],
            _ when type == typeof(IEnumerable<Diagnostic>) => [new[] { Diagnostic.Error("CODE", SourceLocation.File("f"), "x") }],
            _ when type.IsEnum => [.. Enum.GetValues(type).Cast<object>()],
            _ when type == typeof(IEnumerable<string>) || type == typeof(IReadOnlyList<string>) => [Array.Empty<string>(), new[] { "a" }, new[] { "a", "b" }],
            _ when type == typeof(IReadOnlyList<int>) => [new[] { 1 }, new[] { 0 }, new[] { 1, 2 }],
            _ when type == typeof(IReadOnlyList<CelType>) => [new[] { CelType.Int, CelType.String }],
            _ => null,
        };
        return samples is not null && nullable && !type.IsValueType ? [.. samples, null] : samples;
    }
}
