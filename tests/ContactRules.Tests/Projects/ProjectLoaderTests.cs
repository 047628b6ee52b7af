using ContactRules.Diagnostics;
using ContactRules.Projects;
using Xunit;

namespace ContactRules.Tests.Projects;

public sealed class ProjectLoaderTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Cases", "inputs", "projects");

    /// <summary>Each file under Cases/inputs/projects lists the diagnostics it must produce in <c># expect:</c> lines.</summary>
    public static TheoryData<string> Files() => [.. Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Project_file_reports_exactly_the_expected_diagnostics(string file)
    {
        var path = Path.Combine(Folder, file);
        var expected = File.ReadAllLines(path)
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.StartsWith("# expect: ", StringComparison.Ordinal) && l != "# expect: (none)")
            .Select(l => l["# expect: ".Length..])
            .Select(l => char.IsAsciiDigit(l[0]) ? file + ":" + l : file + ": " + l)
            .Order(StringComparer.Ordinal)
            .ToList();
        var bag = new DiagnosticBag();
        var settings = ProjectLoader.LoadFile(path, bag);
        var actual = bag.Items.Select(d => d.ToString().Replace(path, file, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
        Assert.Equal(bag.HasErrors, settings is null);
    }

    [Fact]
    public void Full_project_is_read_into_settings()
    {
        var bag = new DiagnosticBag();
        var settings = ProjectLoader.LoadFile(Path.Combine(Folder, "good-full.yaml"), bag);
        Assert.NotNull(settings);
        Assert.Equal("Kenya pilot", settings.Name);
        Assert.Equal("Africa/Nairobi", settings.TimeZone);
        Assert.Equal("en", settings.DefaultLanguage);
        Assert.Equal(["en", "swa"], settings.Languages);
        Assert.Equal(2, settings.Gateways.Count);
        Assert.Equal("SAFARICOM", settings.Gateways[0].Name);
        Assert.Equal(["254"], settings.Gateways[0].Prefixes);
        Assert.Equal(["1", "91", "*"], settings.Gateways[1].Prefixes);
        Assert.True(settings.Gateways[1].IsCatchAll);
        Assert.True(settings.HasGateways);
    }

    [Fact]
    public void Default_project_is_UTC_English_without_gateways()
    {
        var settings = ProjectSettings.Default;
        Assert.Equal("default", settings.Name);
        Assert.Equal("UTC", settings.TimeZone);
        Assert.Equal("en", settings.DefaultLanguage);
        Assert.Equal(["en"], settings.Languages);
        Assert.Empty(settings.Gateways);
        Assert.False(settings.HasGateways);
    }

    [Theory]
    [InlineData("languages: [hin, en]\n", "hin", "hin,en")]
    [InlineData("default_language: swa\n", "swa", "swa")]
    [InlineData("name: x\n", "en", "en")]
    public void Languages_and_default_language_complete_each_other(string yaml, string defaultLanguage, string languages)
    {
        var settings = ProjectLoader.Load("p.yaml", yaml, new DiagnosticBag());
        Assert.NotNull(settings);
        Assert.Equal(defaultLanguage, settings.DefaultLanguage);
        Assert.Equal(languages, string.Join(',', settings.Languages));
        Assert.Equal("UTC", settings.TimeZone);
    }

    [Fact]
    public void Missing_file_is_a_diagnostic_not_an_exception()
    {
        var bag = new DiagnosticBag();
        Assert.Null(ProjectLoader.LoadFile("/nonexistent/project.yaml", bag));
        var diagnostic = Assert.Single(bag.Items);
        Assert.Equal(DiagnosticCodes.FileUnreadable, diagnostic.Code);
        Assert.StartsWith("/nonexistent/project.yaml: error FILE_UNREADABLE: cannot read the file: ", diagnostic.ToString(), StringComparison.Ordinal);
    }
}
