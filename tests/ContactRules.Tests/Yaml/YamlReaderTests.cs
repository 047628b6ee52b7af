using ContactRules.Diagnostics;
using ContactRules.Yaml;
using Xunit;

namespace ContactRules.Tests.Yaml;

public sealed class YamlReaderTests
{
    private static (YamlMappingNode Root, YamlReader Reader, DiagnosticBag Bag) Load(string yaml)
    {
        var bag = new DiagnosticBag();
        var root = YamlDocumentLoader.Load("f.yaml", yaml, bag);
        Assert.Empty(bag.Items);
        return (Assert.IsType<YamlMappingNode>(root), new YamlReader(bag), bag);
    }

    private static YamlNode Value(YamlMappingNode root, string key) => root.Entries.First(e => e.Name == key).Value;

    [Theory]
    [InlineData("n: 42", 42L, null)]
    [InlineData("n: -7", -7L, null)]
    [InlineData("n: '12'", 12L, null)]
    [InlineData("n: 4.5", null, "f.yaml:1:4: error INVALID_VALUE: `n` must be a whole number, found `4.5`")]
    [InlineData("n: 99999999999999999999", null, "f.yaml:1:4: error INVALID_VALUE: `n` must be a whole number, found `99999999999999999999`")]
    [InlineData("n:", null, "f.yaml:1:3: error INVALID_VALUE: `n` must not be empty")]
    [InlineData("n: [1]", null, "f.yaml:1:4: error WRONG_KIND: expected a single value for `n`, found a list")]
    public void Integers(string yaml, long? expected, string? diagnostic)
    {
        var (root, reader, bag) = Load(yaml);
        Assert.Equal(expected, reader.Integer(Value(root, "n"), "`n`"));
        Assert.Equal(diagnostic is null ? [] : [diagnostic], bag.Items.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("b: true", true, null)]
    [InlineData("b: False", false, null)]
    [InlineData("b: yes", null, "f.yaml:1:4: error INVALID_VALUE: `b` must be true or false, found `yes`")]
    public void Booleans_are_YAML_1_2_core_booleans(string yaml, bool? expected, string? diagnostic)
    {
        var (root, reader, bag) = Load(yaml);
        Assert.Equal(expected, reader.Boolean(Value(root, "b"), "`b`"));
        Assert.Equal(diagnostic is null ? [] : [diagnostic], bag.Items.Select(d => d.ToString()));
    }

    [Fact]
    public void Fields_report_duplicates_at_the_second_and_unknown_keys_with_a_suggestion()
    {
        var (root, reader, bag) = Load("outer:\n  rule: a\n  code: X\n  rule: b\n  mesage: m\n");
        var fields = reader.Fields(reader.Mapping(Value(root, "outer"), "a check")!, "a check", ["rule", "code", "message"]);
        Assert.Equal(
            [
                "f.yaml:4:3: error DUPLICATE_KEY: duplicate key `rule` in a check (first given on line 2)",
                "f.yaml:5:3: error UNKNOWN_KEY: unknown key `mesage` in a check; did you mean `message`?",
            ],
            bag.Items.Select(d => d.ToString()));
        Assert.Equal("a", Assert.IsType<YamlScalarNode>(fields.Optional("rule")).Value);
        Assert.Equal(["rule", "code"], fields.Entries.Select(e => e.Name));
        Assert.Null(fields.Required("message"));
        Assert.Equal("f.yaml:2:3: error MISSING_KEY: missing key `message` in a check", bag.Items[^1].ToString());
    }

    [Fact]
    public void Free_form_mappings_check_duplicates_only()
    {
        var (root, reader, bag) = Load("errors: { A: 1, B: 2, A: 3 }\n");
        var fields = reader.Fields(reader.Mapping(Value(root, "errors"), "`errors`")!, "`errors`");
        Assert.Equal(["A", "B"], fields.Entries.Select(e => e.Name));
        Assert.Equal(["f.yaml:1:23: error DUPLICATE_KEY: duplicate key `A` in `errors` (first given on line 1)"], bag.Items.Select(d => d.ToString()));
    }

    [Fact]
    public void Non_scalar_keys_are_reported()
    {
        var (root, reader, bag) = Load("? [a, b]\n: 1\nc: 2\n");
        var fields = reader.Fields(root, "the file", ["c"]);
        Assert.Equal(["c"], fields.Entries.Select(e => e.Name));
        Assert.Equal(["f.yaml:1:3: error WRONG_KIND: a key in the file must be a plain name"], bag.Items.Select(d => d.ToString()));
    }

    [Fact]
    public void Nodes_know_their_positions()
    {
        var (root, _, _) = Load("a:\n  - x\n  - {k: v}\n");
        var list = Assert.IsType<YamlSequenceNode>(Value(root, "a"));
        Assert.Equal("2:3", $"{list.Location.Line}:{list.Location.Column}");
        Assert.Equal("3:5", $"{list.Items[1].Location.Line}:{list.Items[1].Location.Column}");
        Assert.Equal("1:1", $"{root.Location.Line}:{root.Location.Column}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    public void Empty_documents_have_no_root(string yaml)
    {
        var bag = new DiagnosticBag();
        Assert.Null(YamlDocumentLoader.Load("f.yaml", yaml, bag));
        Assert.Empty(bag.Items);
    }

    [Fact]
    public void Syntax_error_in_a_later_document_is_reported()
    {
        var bag = new DiagnosticBag();
        YamlDocumentLoader.Load("f.yaml", "a: 1\n---\nb: [\n", bag);
        Assert.Equal(DiagnosticCodes.YamlSyntax, Assert.Single(bag.Items).Code);
    }

    [Fact]
    public void Errors_inside_a_scalar_are_placed_in_the_file()
    {
        const string yaml = "properties:\n  phone:\n    checks:\n      - rule: >-\n          value.size() > 3 &&\n          value.matches('[0-9]+')\n";
        var bag = new DiagnosticBag();
        var root = (YamlMappingNode)YamlDocumentLoader.Load("rules.yaml", yaml, bag)!;
        var phone = (YamlMappingNode)((YamlMappingNode)root.Entries[0].Value).Entries[0].Value;
        var check = (YamlMappingNode)((YamlSequenceNode)phone.Entries[0].Value).Items[0];
        var rule = (YamlScalarNode)check.Entries[0].Value;
        Assert.Equal("value.size() > 3 && value.matches('[0-9]+')", rule.Value);
        new YamlReader(bag).ErrorAt(rule, rule.Value.IndexOf("matches", StringComparison.Ordinal), "EXPRESSION", "no such function");
        Assert.Equal("rules.yaml:6:17: error EXPRESSION: no such function", Assert.Single(bag.Items).ToString());
    }
}
