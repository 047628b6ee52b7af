using System.Collections.Immutable;
using ContactRules.RuleFiles;
using ContactRules.Text;

namespace ContactRules.Testing;

/// <summary>A file <c>init</c> writes: its name in the new directory and its text.</summary>
internal sealed record StarterFile(string Name, string Text);

/// <summary>
/// What <c>contactrules init</c> gives a project team: a copy of a built-in rule file (<c>rules.yaml</c>),
/// its test suite pointed at the copy (<c>rules.tests.yaml</c>), project settings with every key explained
/// (<c>project.yaml</c>), a README of the workflow, and the two schemas editors check the files with.
/// </summary>
internal static class StarterKit
{
    public const string RulesFile = "rules.yaml";
    public const string TestsFile = "rules.tests.yaml";
    public const string ProjectFile = "project.yaml";
    public const string ReadmeFile = "README.md";
    public const string SchemaFolder = "schemas";

    /// <summary>The built-in rule files a kit starts from, by the name <c>--from</c> takes.</summary>
    public static ImmutableArray<string> Sources { get; } = [.. RuleFileLoader.BuiltInNames.Select(n => n[..^".yaml".Length])];

    /// <summary>The files, for <paramref name="from"/> (one of <see cref="Sources"/>).</summary>
    public static ImmutableArray<StarterFile> Files(string from)
    {
        if (!Sources.Contains(from))
        {
            throw new ArgumentException(Messages.NoSuchBuiltInRules(from, Sources), nameof(from));
        }
        var rules = Retarget(RuleFileLoader.BuiltInText(from + ".yaml"), "rule-file");
        var tests = Retarget(RuleFileLoader.BuiltInText(from + RuleTestLoader.Suffix), "rule-tests")
            .Replace($"rules: {from}.yaml", "rules: " + RulesFile, StringComparison.Ordinal);
        return
        [
            new(RulesFile, rules),
            new(TestsFile, tests),
            new(ProjectFile, Messages.StarterProject),
            new(ReadmeFile, Messages.StarterReadme(from)),
            new(SchemaFolder + "/rule-file.schema.json", Schema("rule-file")),
            new(SchemaFolder + "/rule-tests.schema.json", Schema("rule-tests")),
        ];
    }

    /// <summary>The schema comment of a shipped file points into the repository's docs/; a kit has its own copy.</summary>
    private static string Retarget(string text, string schema) =>
        text.Replace($"$schema=../docs/{schema}.schema.json", $"$schema=./{SchemaFolder}/{schema}.schema.json", StringComparison.Ordinal);

    private static string Schema(string name)
    {
        using var stream = typeof(StarterKit).Assembly.GetManifestResourceStream($"ContactRules.Schemas.{name}.schema.json")
            ?? throw new InvalidOperationException(name + " schema is not built in");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
