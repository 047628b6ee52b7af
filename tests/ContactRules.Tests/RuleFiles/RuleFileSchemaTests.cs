using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContactRules.Tests.Cli;
using ContactRules.Tests.Evaluation;
using Json.Schema;
using Xunit;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContactRules.Tests.RuleFiles;

/// <summary>
/// docs/rule-file.schema.json, the schema editors use to check rule files as they are typed, accepts every
/// shipped rule file and example, and rejects broken ones. YAML is turned into JSON by the YAML 1.2 core
/// schema, so that plain <c>1</c> is an integer and quoted <c>"1"</c> a string, as an editor sees them.
/// </summary>
public sealed partial class RuleFileSchemaTests
{
    // Built once: building registers the schema's $id globally.
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFile(Path.Combine(CliRunner.RepositoryRoot, "docs", "rule-file.schema.json")));

    // Test files (*.tests.yaml) stand beside the rule files but have a schema of their own.
    private static readonly string[] RuleFilePaths = [.. Directory.GetFiles(Path.Combine(CliRunner.RepositoryRoot, "rules"), "*.yaml")
        .Where(f => !f.EndsWith(".tests.yaml", StringComparison.Ordinal))
        .Concat(Directory.GetFiles(Path.Combine(CliRunner.RepositoryRoot, "examples"), "*rules*.yaml"))
        .Select(f => Path.GetRelativePath(CliRunner.RepositoryRoot, f).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)];

    public static TheoryData<string> ShippedRuleFiles => new(RuleFilePaths);

    [Fact]
    public void The_shipped_rule_files_and_a_customised_example_are_checked()
    {
        Assert.Contains("rules/commcare-case-contact.yaml", RuleFilePaths);
        Assert.Contains("rules/commcare-hq-compatible.yaml", RuleFilePaths);
        Assert.Contains("examples/custom-rules.yaml", RuleFilePaths);
    }

    [Theory]
    [MemberData(nameof(ShippedRuleFiles))]
    public void Shipped_rule_files_are_valid_against_the_schema(string file) =>
        Assert.Empty(SchemaErrors(File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot, file))));

    [Theory]
    [MemberData(nameof(ShippedRuleFiles))]
    public void Shipped_rule_files_name_the_schema_for_editors(string file)
    {
        var first = File.ReadLines(Path.Combine(CliRunner.RepositoryRoot, file)).First();
        Assert.Matches(@"^# yaml-language-server: \$schema=(\.\./)+docs/rule-file\.schema\.json$", first);
    }

    [Fact]
    public void A_broken_rule_file_fails_the_schema()
    {
        var errors = SchemaErrors(File.ReadAllText(Corpus.PathOf("lint/21-several-problems.yaml")));
        // rule_file 2, `include`, `destiny`, `fatal`, a lower-case code, `descripton` and a missing title.
        Assert.Contains(errors, e => e.StartsWith("/rule_file", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/channels/sms", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/properties/contact_phone_number/provides", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/properties/contact_phone_number/checks/0/severity", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/errors/PHONE_NUMBER_FORMAT", StringComparison.Ordinal));
    }

    [Fact]
    public void Yaml_scalars_keep_their_types_so_a_quoted_version_is_not_the_integer_1()
    {
        const string Valid = "rule_file: 1\nname: n\nchannels: { sms: { title: SMS } }\nproperties: { p: { channels: { sms: required } } }\n";
        Assert.Equal(JsonValueKind.Number, ToJson(Valid)!["rule_file"]!.GetValueKind());
        Assert.Empty(SchemaErrors(Valid));
        Assert.NotEmpty(SchemaErrors(Valid.Replace("rule_file: 1", "rule_file: \"1\"", StringComparison.Ordinal)));
    }

    /// <summary>Nothing when the file is valid; else each failing location with its message, as <c>/json/pointer: keyword: message</c>.</summary>
    private static List<string> SchemaErrors(string yaml)
    {
        var json = JsonSerializer.SerializeToElement(ToJson(yaml));
        var results = Schema.Value.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }
        // Failed alternatives of a valid anyOf/oneOf also carry errors, hence only for an invalid file.
        return [.. (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }

    /// <summary>The first YAML document as JSON, scalars resolved by the YAML 1.2 core schema.</summary>
    internal static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return ToJson(stream.Documents[0].RootNode);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(e =>
            KeyValuePair.Create(((YamlScalarNode)e.Key).Value!, ToJson(e.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text.StartsWith('t') || text.StartsWith('T'));
        }
        if (CoreInteger().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (CoreFloat().IsMatch(text))
        {
            return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex CoreInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex CoreFloat();
}
