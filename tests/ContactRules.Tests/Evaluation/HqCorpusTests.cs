using System.Text.Json;
using ContactRules.Contacts;
using ContactRules.Evaluation;
using Xunit;

namespace ContactRules.Tests.Evaluation;

/// <summary>
/// The HQ-derived corpus (<c>Cases/hq/corpus.txt</c>), run against rules/commcare-hq-compatible.yaml: one case a
/// line, <c>NAME {properties} ⇶ expectations</c>, NAME the HQ test or function the case comes from. The
/// properties are the case's; <c>_closed</c>, <c>_deleted</c>, <c>_owner</c> (another case owning the number for
/// two-way SMS) and <c>_project</c> (a project file under Cases/hq, else project.yaml) set the rest. Each
/// expectation is <c>channel=+DIGITS</c> (eligible, sent to that number), <c>channel=ok</c> (eligible),
/// <c>channel=CODE</c> (not eligible, for that reason among others), <c>gateway=NAME</c> (the SMS gateway),
/// <c>time_zone=ID</c> or <c>language=CODE</c> (what the sender uses).
/// </summary>
public sealed class HqCorpusTests
{
    private const string Arrow = " ⇶ ";

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Cases", "hq");

    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        var lines = File.ReadAllLines(Path.Combine(Folder, "corpus.txt"));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var location = $"corpus.txt:{i + 1}";
            var arrow = line.IndexOf(Arrow, StringComparison.Ordinal);
            var brace = line.IndexOf(" {", StringComparison.Ordinal);
            if (arrow < 0 || brace < 0 || brace > arrow)
            {
                throw new InvalidDataException($"{location}: expected `NAME {{properties}}{Arrow}expectations`");
            }
            data.Add(location, line[..brace], line[(brace + 1)..arrow], line[(arrow + Arrow.Length)..].Trim());
        }
        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_sixty_pairs_each_named_after_its_hq_source()
    {
        var cases = Cases();
        Assert.True(cases.Count >= 60, $"only {cases.Count} pairs");
        Assert.All(cases, c => Assert.Matches(@"^[A-Za-z_][\w.]*$", (string)c[1]));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string location, string name, string properties, string expectations)
    {
        var json = JsonDocument.Parse(properties).RootElement;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string project = "project.yaml", owner = "";
        bool closed = false, deleted = false;
        foreach (var p in json.EnumerateObject())
        {
            switch (p.Name)
            {
                case "_closed": closed = p.Value.GetBoolean(); break;
                case "_deleted": deleted = p.Value.GetBoolean(); break;
                case "_owner": owner = p.Value.GetString()!; break;
                case "_project": project = p.Value.GetString()!; break;
                default: values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(); break;
            }
        }
        var rules = Corpus.Compile(Corpus.HqCompatible, Corpus.Project(Path.Combine("hq", project)));
        var record = new CaseRecord { Id = "case", Closed = closed, Deleted = deleted, Properties = values };
        var verdict = rules.Evaluate(record, new RunContext(new OwnerRegistry(owner)));
        var what = $"{location} {name}: {VerdictJson.ToJsonLine(verdict)}";
        foreach (var expectation in expectations.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, want) = (expectation[..expectation.IndexOf('=', StringComparison.Ordinal)], expectation[(expectation.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            switch (key)
            {
                case "time_zone":
                    Assert.True(want == verdict.TimeZone?.Value, what);
                    break;
                case "language":
                    Assert.True(want == verdict.Language?.Value, what);
                    break;
                case "gateway":
                    Assert.True(want == verdict.Channel("sms")?.Gateway?.Gateway, what);
                    break;
                default:
                    var channel = verdict.Channel(key);
                    Assert.True(channel is not null, what);
                    if (want == "ok" || want.StartsWith('+'))
                    {
                        Assert.True(channel.Eligible, what);
                        Assert.True(want == "ok" || want == channel.Destination, what);
                    }
                    else
                    {
                        Assert.False(channel.Eligible, what);
                        Assert.True(channel.Reasons.Any(r => r.Code == want), what);
                    }
                    break;
            }
        }
    }

    /// <summary>A registry in which <c>other</c> owns one number for two-way SMS.</summary>
    private sealed class OwnerRegistry(string number) : IContactRegistry
    {
        public string? TwoWayOwner(string n) => number.Length > 0 && n == number ? "other" : null;

        public bool IsOptedOut(string n) => false;
    }
}
