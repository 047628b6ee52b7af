using ContactRules.Diagnostics;
using ContactRules.Yaml;
using Xunit;

namespace ContactRules.Tests.Yaml;

public sealed class ScalarPositionTests
{
    private static YamlScalarNode ValueOf(string yaml, string key = "rule")
    {
        var bag = new DiagnosticBag();
        var root = YamlDocumentLoader.Load("r.yaml", yaml, bag);
        Assert.Empty(bag.Items);
        var mapping = Assert.IsType<YamlMappingNode>(root);
        return Assert.IsType<YamlScalarNode>(mapping.Entries.Single(e => e.Name == key).Value);
    }

    /// <summary>
    /// Every letter or digit of the value maps to the same character in the file, offsets never go
    /// backwards, and the rescan reproduced YamlDotNet's value exactly.
    /// </summary>
    private static void AssertConsistent(YamlScalarNode node)
    {
        Assert.True(node.Offsets.IsExact, $"rescan did not reproduce {node.Style} value");
        var text = node.Source.Text;
        var previous = -1;
        for (var i = 0; i <= node.Value.Length; i++)
        {
            var at = node.Offsets.SourceOffsetOf(i);
            Assert.True(at >= previous, $"offset of value[{i}] goes backwards");
            previous = at;
            // An escape sequence maps to its backslash.
            if (i < node.Value.Length && char.IsLetterOrDigit(node.Value[i]) && text[at] != '\\')
            {
                Assert.Equal(node.Value[i], text[at]);
            }
        }
    }

    private static string At(YamlScalarNode node, int valueOffset)
    {
        var location = node.LocationOf(valueOffset);
        return $"{location.Line}:{location.Column}";
    }

    public static TheoryData<string, string> Styles => new()
    {
        { "plain one line", "rule: value.size() > 3\n" },
        { "plain multi-line", "rule: value.size()\n  > 3 &&\n\n  value != 'x'\n" },
        { "plain in a sequence", "rule:\n  - a\n" },
        { "single-quoted", "rule: 'value == ''x'' && y'\n" },
        { "single-quoted multi-line", "rule: 'a  \n    b\n\n\n    c  '\n" },
        { "double-quoted escapes", "rule: \"a\\tb\\\"c\\\\d\\u00e9f\\x41g\\U0001F600h\"\n" },
        { "double-quoted folded", "rule: \"first   \n   second\n\n   third\"\n" },
        { "double-quoted escaped break", "rule: \"abc\\\n    def \\\n  ghi\"\n" },
        { "literal clip", "rule: |\n  line one\n    indented\n  line three\n\nnext: 1\n" },
        { "literal strip", "rule: |-\n  a\n  b\n\n\nnext: 1\n" },
        { "literal keep", "rule: |+\n  a\n  b\n\n\nnext: 1\n" },
        { "literal leading empty lines", "rule: |\n\n\n  a\n" },
        { "literal indentation indicator", "rule: |2\n    indented\n  base\n" },
        { "literal indicator and chomping", "rule: |2-\n    x\n  y\n" },
        { "literal chomping then indicator", "rule: |-2\n    x\n  y\n" },
        { "literal with comment in header", "rule: | # why\n  a\n" },
        { "folded clip", "rule: >\n  one\n  two\n\n  three\n    more\n  four\n" },
        { "folded strip", "rule: >-\n  value.size() > 3 &&\n  value != 'x'\n" },
        { "folded keep", "rule: >+\n  a\n  b\n\n" },
        { "folded nested", "checks:\n  - code: X\n    rule: >\n      a &&\n      b\nz: 1\n" },
        { "CRLF plain", "rule: a\r\n  b\r\n" },
        { "CRLF literal", "rule: |\r\n  a\r\n  b\r\n" },
        { "CRLF double-quoted", "rule: \"a\r\n  b\\\r\n  c\"\r\n" },
        { "flow mapping value", "x: { rule: \"a\\nb\", y: 1 }\n" },
        { "block without final break", "rule: |\n  a\n  b" },
        { "byte order mark", "\uFEFFrule: 'a''b'\n" },
    };

    [Theory]
    [MemberData(nameof(Styles))]
    public void Every_style_maps_value_offsets_back_to_the_file(string name, string yaml)
    {
        Assert.NotNull(name);
        var bag = new DiagnosticBag();
        var root = YamlDocumentLoader.Load("r.yaml", yaml, bag);
        Assert.Empty(bag.Items);
        foreach (var scalar in Scalars(root))
        {
            AssertConsistent(scalar);
        }
    }

    private static IEnumerable<YamlScalarNode> Scalars(YamlNode? node) => node switch
    {
        YamlScalarNode s => [s],
        YamlMappingNode m => m.Entries.SelectMany(e => Scalars(e.Key).Concat(Scalars(e.Value))),
        YamlSequenceNode q => q.Items.SelectMany(Scalars),
        _ => [],
    };

    [Fact]
    public void Plain_scalar_offsets_are_columns_on_its_line()
    {
        var node = ValueOf("name: x\nrule: value.size() > 3\n");
        Assert.Equal("value.size() > 3", node.Value);
        Assert.Equal("2:7", At(node, 0));
        Assert.Equal("2:13", At(node, 6));
        Assert.Equal("2:23", At(node, node.Value.Length));
    }

    [Fact]
    public void Multi_line_plain_scalar_offsets_follow_the_lines()
    {
        var node = ValueOf("rule: a &&\n   bb ||\n\n   c\n");
        Assert.Equal("a && bb ||\nc", node.Value);
        Assert.Equal("2:4", At(node, 5));
        Assert.Equal("1:11", At(node, 4));
        Assert.Equal("4:4", At(node, 11));
    }

    [Fact]
    public void Double_quoted_escapes_count_as_one_value_character()
    {
        var node = ValueOf("rule: \"a\\\"b\\u00e9 c\"\n");
        Assert.Equal("a\"b\u00e9 c", node.Value);
        Assert.Equal("1:8", At(node, 0));
        Assert.Equal("1:9", At(node, 1));
        Assert.Equal("1:11", At(node, 2));
        Assert.Equal("1:12", At(node, 3));
        Assert.Equal("1:19", At(node, 5));
    }

    [Fact]
    public void Single_quoted_doubled_quote_maps_to_the_first_quote()
    {
        var node = ValueOf("rule: 'it''s x'\n");
        Assert.Equal("it's x", node.Value);
        Assert.Equal("1:10", At(node, 2));
        Assert.Equal("1:12", At(node, 3));
        Assert.Equal("1:14", At(node, 5));
        Assert.Equal("1:15", At(node, 6));
    }

    [Fact]
    public void Literal_block_offsets_skip_the_indentation()
    {
        var node = ValueOf("rule: |\n  value.size() > 3 &&\n    value != 'x'\n");
        Assert.Equal("value.size() > 3 &&\n  value != 'x'\n", node.Value);
        Assert.Equal("2:3", At(node, 0));
        Assert.Equal("3:3", At(node, 20));
        Assert.Equal("3:5", At(node, 22));
    }

    [Fact]
    public void Folded_block_offsets_follow_the_folded_lines()
    {
        var node = ValueOf("rule: >-\n      a &&\n      has(b)\n");
        Assert.Equal("a && has(b)", node.Value);
        Assert.Equal("2:7", At(node, 0));
        Assert.Equal("2:11", At(node, 4));
        Assert.Equal("3:7", At(node, 5));
        Assert.Equal("3:11", At(node, 9));
    }

    [Fact]
    public void Indentation_indicator_keeps_the_extra_spaces()
    {
        var node = ValueOf("rule: |1\n  x\n y\n");
        Assert.Equal(" x\ny\n", node.Value);
        Assert.Equal("2:2", At(node, 0));
        Assert.Equal("2:3", At(node, 1));
        Assert.Equal("3:2", At(node, 3));
    }
}
