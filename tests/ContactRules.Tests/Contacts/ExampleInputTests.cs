using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Projects;
using Xunit;

namespace ContactRules.Tests.Contacts;

/// <summary>The shipped examples load cleanly, and the three case formats hold the same cases.</summary>
public sealed class ExampleInputTests
{
    private static string Examples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples");
            if (File.Exists(Path.Combine(candidate, "project.yaml")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("examples/ not found above the test output directory");
    }

    [Fact]
    public void Example_project_loads_without_diagnostics()
    {
        var bag = new DiagnosticBag();
        var settings = ProjectLoader.LoadFile(Path.Combine(Examples(), "project.yaml"), bag);
        Assert.Empty(bag.Items);
        Assert.NotNull(settings);
        Assert.Equal("Asia/Kolkata", settings.TimeZone);
        Assert.Equal(["AIRTEL-IN", "SAFARICOM-KE", "TWILIO"], settings.Gateways.Select(g => g.Name));
    }

    [Theory]
    [InlineData("cases.json")]
    [InlineData("cases.jsonl")]
    [InlineData("cases.csv")]
    public void Example_cases_read_the_same_in_every_format(string file)
    {
        var results = CaseSource.Open(Path.Combine(Examples(), file)).ToList();
        Assert.Empty(results.Diagnostics());
        var cases = results.Accepted();
        var reference = CaseSource.Open(Path.Combine(Examples(), "cases.json")).Accepted();
        Assert.Equal(12, cases.Count);
        Assert.Equal(reference.Select(Describe), cases.Select(Describe));
        Assert.Equal("254712345678", cases.Single(c => c.Id == "c-wanjiru").Property("contact_phone_number"));
        Assert.True(cases.Single(c => c.Id == "c-closed").Closed);
    }

    /// <summary>A case's content, with blank properties left out (a CSV cell cannot be absent, only empty).</summary>
    private static string Describe(CaseRecord c) =>
        string.Join(
            "|",
            new[] { c.Id, c.Type, c.Name, c.OwnerId, c.Closed.ToString(), c.DateOpened?.Instant?.ToString() ?? "" }
                .Concat(c.Properties.Where(p => p.Value.Length > 0).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)));
}
