using ContactRules.Contacts;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Pipeline;

/// <summary>Several inputs (pages, files, directories, archives) judged as one population; a case met twice counts once.</summary>
public sealed class PopulationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("contactrules-population-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Case(string id, string phone, string modified, string verified = "1") =>
        $$$"""{"case_id": "{{{id}}}", "case_type": "mother", "case_name": "{{{id}}}", "date_opened": "2024-01-01T00:00:00.000000Z", "last_modified": "{{{modified}}}", "server_last_modified": "{{{modified}}}", "closed": false, "properties": {"contact_phone_number": "{{{phone}}}", "contact_phone_number_is_verified": "{{{verified}}}"}}""";

    private static string Page(string next, params string[] cases) =>
        $$"""{"matching_records": 3, "cases": [{{string.Join(", ", cases)}}]{{next}}}""";

    [Fact]
    public void Api_pages_are_one_population_so_two_way_ownership_holds_across_pages()
    {
        var page1 = Write("page-1.json", Page(", \"next\": \"https://www.commcarehq.org/a/d/api/case/v2/?cursor=x\"", Case("p1", "919812345678", "2024-01-02T00:00:00.000000Z")));
        var page2 = Write("page-2.json", Page("", Case("p2", "919812345678", "2024-01-03T00:00:00.000000Z")));
        var result = CliRunner.RunInProcess("check", page1, page2, "--format", "json");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"case_id\":\"p1\"", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("PHONE_NUMBER_IN_USE", lines[0], StringComparison.Ordinal);
        Assert.Contains("PHONE_NUMBER_IN_USE", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_reads_every_case_file_inside_sorted()
    {
        Write("export/b.csv", "caseid,name\nb1,B\n");
        Write("export/a/one.jsonl", "{\"case_id\": \"a1\"}\n");
        Write("export/notes.txt", "not a case file");
        Assert.Equal(
            [Path.Combine(_directory, "export", "a", "one.jsonl"), Path.Combine(_directory, "export", "b.csv")],
            CasePopulation.Expand([Path.Combine(_directory, "export")]));
        var result = CliRunner.RunInProcess("check", Path.Combine(_directory, "export"), "--format", "json");
        Assert.Equal(2, result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("2 records read: 2 judged, 0 rejected.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_latest_version_of_a_case_wins_and_the_others_are_superseded_with_their_lines()
    {
        // The later file holds the older update: server_last_modified decides, not the order of the files.
        var newer = Write("newer.jsonl", Case("d1", "919812345678", "2024-03-01T00:00:00.000000Z") + "\n" + Case("x", "15551234567", "2024-01-01T00:00:00.000000Z") + "\n");
        var older = Write("older.jsonl", Case("d1", "919800000000", "2024-02-01T00:00:00.000000Z", verified: "") + "\n" + Case("d1", "919811111111", "2024-01-01T00:00:00.000000Z") + "\n");
        var result = CliRunner.RunInProcess("check", newer, older, "--format", "json");
        Assert.Equal(0, result.ExitCode);
        var verdicts = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, verdicts.Length);
        Assert.Contains("+919812345678", verdicts[0], StringComparison.Ordinal);
        Assert.Contains($"{older}:1: warning SUPERSEDED_CASE: the case `d1` is given 3 times; its latest version, at {newer}:1, is judged and this one is superseded", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{older}:2: warning SUPERSEDED_CASE:", result.Error, StringComparison.Ordinal);
        Assert.Contains("4 records read: 2 judged, 0 rejected, 2 superseded by a later version of the same case.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Superseded_versions_claim_no_number_and_explain_shows_the_latest()
    {
        // d1's old version held the number; its latest one moved to another, so d2 owns it.
        var cases = Write("cases.jsonl", string.Join('\n',
            Case("d1", "919812345678", "2024-01-01T00:00:00.000000Z"),
            Case("d2", "919812345678", "2024-01-05T00:00:00.000000Z"),
            Case("d1", "919899999999", "2024-02-01T00:00:00.000000Z")) + "\n");
        var check = CliRunner.RunInProcess("check", cases, "--format", "json");
        Assert.DoesNotContain("PHONE_NUMBER_IN_USE", check.Out, StringComparison.Ordinal);
        var explain = CliRunner.RunInProcess("explain", "d1", cases, "--format", "json");
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("+919899999999", explain.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_diff_and_register_take_several_inputs()
    {
        var a = Write("a.jsonl", Case("a1", "919812345678", "2024-01-01T00:00:00.000000Z") + "\n");
        var b = Write("b.csv", "caseid,contact_phone_number\nb1,---\na1,919812345678\n");
        var audit = CliRunner.RunInProcess("audit", a, b, "--format", "json");
        Assert.Contains("\"read\":3", audit.Out.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"superseded\":1", audit.Out.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var diff = CliRunner.RunInProcess("diff", a, b, "--against", CliRunner.InRepository("rules/commcare-hq-compatible.yaml"));
        Assert.Equal(0, diff.ExitCode);
        var registry = Path.Combine(_directory, "r.db");
        var register = CliRunner.RunInProcess("register", a, b, "--registry", registry);
        Assert.Equal(0, register.ExitCode);
        // register records every update (the registry ignores the older ones itself), so none is superseded.
        Assert.Contains("3 records read: 3 recorded, 0 rejected.", register.Error + register.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_option_maps_renamed_headers_and_a_bad_one_is_a_usage_error()
    {
        var renamed = Write("renamed.csv", "ID,Phone\nr1,919812345678\n");
        var mapped = CliRunner.RunInProcess("check", renamed, "--column", "caseid=ID", "--column", "contact_phone_number=Phone", "--format", "json");
        Assert.Equal(0, mapped.ExitCode);
        Assert.Contains("+919812345678", mapped.Out, StringComparison.Ordinal);
        var unmapped = CliRunner.RunInProcess("check", renamed);
        Assert.Equal(1, unmapped.ExitCode);
        Assert.Contains("the headers are: `ID`, `Phone`", unmapped.Error, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.RunInProcess("check", renamed, "--column", "caseid").ExitCode);
        var project = Write("project.yaml", "time_zone: UTC\ncolumns:\n  caseid: ID\n");
        Assert.Equal(0, CliRunner.RunInProcess("check", renamed, "--project", project).ExitCode);
    }
}
