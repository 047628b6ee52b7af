using System.Text;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Yaml;
using CsCheck;
using Xunit;

namespace ContactRules.Tests.Contacts;

/// <summary>Arbitrary input never throws to the caller, never hangs, and every record is accounted for.</summary>
public sealed class InputRobustnessTests
{
    private static readonly Gen<string> YamlishText =
        Gen.String[Gen.Char["ab: -|>'\"\\\n#[]{},&*!?+12"], 0, 60];

    private static readonly Gen<string> Jsonish =
        Gen.String[Gen.Char["{}[]\":,\n 1e-ab\\tn"], 0, 80];

    [Fact]
    public void Any_text_loads_as_YAML_or_reports_a_syntax_error()
    {
        YamlishText.Sample(text =>
        {
            var bag = new DiagnosticBag();
            var root = YamlDocumentLoader.Load("f.yaml", text, bag);
            foreach (var scalar in Scalars(root))
            {
                for (var i = 0; i <= scalar.Value.Length; i++)
                {
                    var at = scalar.LocationOf(i);
                    Assert.InRange(at.Line, 1, text.Count(c => c == '\n') + 1);
                }
            }
        }, iter: 5000);
    }

    /// <summary>
    /// Scalars nested under a key (as every expression in a rule file is) are rescanned exactly, whatever
    /// mix of quotes, escapes, block indicators and line breaks they contain.
    /// </summary>
    [Fact]
    public void Nested_scalars_of_any_shape_map_exactly()
    {
        Gen.String[Gen.Char["ab: -|>'\"\\\n#[]{},12\t"], 0, 40].Sample(text =>
        {
            var yaml = "k: " + text.Replace("\n", "\n  ", StringComparison.Ordinal);
            var root = YamlDocumentLoader.Load("f.yaml", yaml, new DiagnosticBag());
            Assert.All(Scalars(root), s => Assert.True(s.Offsets.IsExact, $"{s.Style} scalar [{s.Value}] in [{yaml}]"));
        }, iter: 20000);
    }

    [Fact]
    public void A_block_scalar_whose_lines_are_as_shallow_as_its_parent_maps_exactly()
    {
        // Found by the test above (seed 2C_IiHX85DO1): `#a:]` is as deep as the key, so the folded scalar is empty.
        var yaml = "k: #}]\n  2]}[#,[a|-'[: >\n  \n  #a:]";
        var root = YamlDocumentLoader.Load("f.yaml", yaml, new DiagnosticBag());
        var scalars = Scalars(root).ToList();
        Assert.Contains(scalars, s => s.Value.Length == 0);
        Assert.All(scalars, s => Assert.True(s.Offsets.IsExact, $"{s.Style} scalar [{s.Value}]"));
    }

    [Fact]
    public void Any_bytes_read_as_cases_without_throwing()
    {
        Jsonish.Sample(text =>
        {
            foreach (var format in new CaseFormat?[] { null, CaseFormat.Json, CaseFormat.JsonLines, CaseFormat.Csv })
            {
                var results = CaseSource.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "in", format).ToList();
                var summary = results.Aggregate(default(CaseReadSummary), (s, r) => s.Add(r));
                Assert.Equal(summary.Read, summary.Accepted + summary.Rejected);
                Assert.All(results.Where(r => r.Kind != CaseReadKind.Accepted), r => Assert.NotNull(r.Diagnostic));
            }
        }, iter: 3000);
    }

    private static IEnumerable<YamlScalarNode> Scalars(YamlNode? node) => node switch
    {
        YamlScalarNode s => [s],
        YamlMappingNode m => m.Entries.SelectMany(e => Scalars(e.Key).Concat(Scalars(e.Value))),
        YamlSequenceNode q => q.Items.SelectMany(Scalars),
        _ => [],
    };
}
