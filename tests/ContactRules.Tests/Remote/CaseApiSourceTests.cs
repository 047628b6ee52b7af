using System.Text.Json;
using System.Text.Json.Nodes;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Remote;

/// <summary>
/// <c>--from https://HOST/a/DOMAIN</c> against a stand-in for CommCare HQ on 127.0.0.1: paging, filters,
/// credentials, retries, failures, bad server data, saved pages; and the key appears in no output.
/// </summary>
public sealed class CaseApiSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("contactrules-api-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string CredentialsFile(bool ownerOnly = true)
    {
        var path = Path.Combine(_dir, ownerOnly ? "credentials" : "open-credentials");
        File.WriteAllText(path, HqStandIn.User + ":" + HqStandIn.Key + "\n");
        if (OperatingSystem.IsWindows())
        {
            return path;
        }
        File.SetUnixFileMode(path, ownerOnly ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    private static HqStandIn Examples() => new(HqStandIn.CasesOf(CliRunner.InRepository("examples/cases.json")));

    private CliRunner.Result Run(HqStandIn hq, params string[] arguments) =>
        CliRunner.RunInProcess([.. arguments, "--from", hq.ProjectUrl, "--credentials", CredentialsFile(), "--project", CliRunner.InRepository("examples/project.yaml")]);

    private static JsonObject Summary(string json, string input)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        Assert.Equal(input, node["input"]!.GetValue<string>());
        node.Remove("input");
        return node;
    }

    [Fact]
    public void An_audit_from_the_project_equals_an_audit_of_the_same_cases_on_disk_and_of_the_saved_pages()
    {
        using var hq = Examples();
        var pages = Path.Combine(_dir, "pages");
        var liveReport = Path.Combine(_dir, "live.html");

        var live = Run(hq, "audit", "--format", "json", "--page-size", "5", "--save-pages", pages, "--report", liveReport);

        Assert.True(live.ExitCode == 0, live.Error);
        // 12 cases in pages of 5: three requests, the first with HQ's own limit parameter, then the cursors.
        Assert.Equal(3, hq.Requests.Count);
        Assert.Equal("/a/demo/api/case/v2/?limit=5", hq.Requests.First());
        Assert.All(hq.Requests.Skip(1), r => Assert.StartsWith("/a/demo/api/case/v2/?cursor=", r, StringComparison.Ordinal));
        // Each page is saved exactly as received.
        Assert.Equal(hq.Pages.ToArray(), Directory.GetFiles(pages).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray());

        var savedReport = Path.Combine(_dir, "saved.html");
        var saved = CliRunner.RunInProcess("audit", pages, "--format", "json", "--project", CliRunner.InRepository("examples/project.yaml"), "--report", savedReport);
        var file = CliRunner.RunInProcess("audit", CliRunner.InRepository("examples/cases.json"), "--format", "json", "--project", CliRunner.InRepository("examples/project.yaml"));

        Assert.Equal(0, saved.ExitCode);
        var expected = Summary(file.Out, CliRunner.InRepository("examples/cases.json"));
        Assert.Equal(expected.ToJsonString(), Summary(live.Out, hq.ProjectUrl).ToJsonString());
        Assert.Equal(expected.ToJsonString(), Summary(saved.Out, pages).ToJsonString());
        // Two-way ownership was settled across pages: the second claim of a number is on another page.
        Assert.Contains("PHONE_NUMBER_IN_USE", live.Out, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(savedReport).Replace(pages, "INPUT", StringComparison.Ordinal), File.ReadAllText(liveReport).Replace(hq.ProjectUrl, "INPUT", StringComparison.Ordinal));
    }

    [Fact]
    public void Filters_are_passed_as_the_apis_own_query_parameters()
    {
        using var hq = Examples();

        var result = Run(hq, "check", "--case-type", "mother", "--case-type", "child", "--owner-id", "o 1", "--closed", "false",
            "--modified-since", "2024-01-01", "--indexed-since", "2024-02-01T00:00:00Z", "--page-size", "5000");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "/a/demo/api/case/v2/?limit=5000&case_type=mother&case_type=child&owner_id=o%201&closed=false&last_modified.gte=2024-01-01&indexed_on.gte=2024-02-01T00%3A00%3A00Z",
            hq.Requests.First());
        // The stand-in applies indexed_on.gte as HQ does (the other filters it leaves to the server): 7 of the 12 cases.
        Assert.Contains("7 records read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_and_diff_read_the_project_too_and_owners_see_its_state()
    {
        using var hq = Examples();
        var registry = Path.Combine(_dir, "registry.db");

        var register = Run(hq, "register", "--registry", registry, "--page-size", "5");
        var owners = CliRunner.RunInProcess("owners", "919812345678", "--registry", registry);
        var diff = Run(hq, "diff", "--rules", CliRunner.InRepository("rules/commcare-case-contact.yaml"), "--against", CliRunner.InRepository("rules/commcare-hq-compatible.yaml"));

        Assert.True(register.ExitCode == 0, register.Error);
        Assert.Contains("12 records read: 12 recorded, 0 rejected.", register.Error, StringComparison.Ordinal);
        Assert.Equal("919812345678  c-asha  (in line: c-asha, c-second-claim)\n", owners.Out);
        Assert.True(diff.ExitCode == 0, diff.Error);
        // register: three pages of 5; diff: one page of 1000, fetched once however many passes the run makes.
        Assert.Equal(4, hq.Requests.Count);
    }

    [Theory]
    [InlineData("--page-size", "5001", "--page-size must be between 1 and 5000")]
    [InlineData("--closed", "maybe", "--closed must be true or false")]
    [InlineData("--modified-since", "yesterday", "--modified-since `yesterday`")]
    public void Bad_filter_values_are_refused_before_anything_is_fetched(string option, string value, string message)
    {
        using var hq = Examples();

        var result = Run(hq, "check", option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(hq.Requests);
    }

    [Fact]
    public void A_429_is_retried_after_the_time_retry_after_asks_and_a_500_is_retried_too()
    {
        using var hq = Examples();
        hq.Faults[1] = HqFault.TooManyRequests;
        hq.Faults[3] = HqFault.ServerError;

        var result = Run(hq, "audit", "--format", "json", "--page-size", "5");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(12, JsonNode.Parse(result.Out)!["records"]!["read"]!.GetValue<int>());
        Assert.Equal(5, hq.Requests.Count);
        var arrivals = hq.Arrivals.ToArray();
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
    }

    [Fact]
    public void Retries_are_bounded_and_the_error_names_the_status_and_url()
    {
        using var hq = Examples();
        for (var i = 1; i <= 10; i++)
        {
            hq.Faults[i] = HqFault.ServerError;
        }

        var result = Run(hq, "check", "--retries", "2");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, hq.Requests.Count);
        Assert.Contains("error CASE_API_FAILED: CommCare HQ answered 500 for " + hq.ProjectUrl + "/api/case/v2/?limit=1000", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_401_is_not_retried_and_names_the_status_the_url_and_hqs_message()
    {
        using var hq = Examples();
        hq.Faults[1] = HqFault.Unauthorized;

        var result = Run(hq, "audit");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(hq.Requests);
        Assert.Contains("CommCare HQ answered 401 for " + hq.ProjectUrl + "/api/case/v2/?limit=1000: Your credentials are invalid.", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_page_is_reported_with_its_page_and_fetching_stops_with_the_cases_read_so_far()
    {
        using var hq = Examples();
        hq.Faults[2] = HqFault.Truncated;

        var result = Run(hq, "audit", "--format", "json", "--page-size", "5");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(2, hq.Requests.Count);
        // Page 1's five cases and the complete cases of page 2's first half; none of page 3.
        Assert.InRange(JsonNode.Parse(result.Out)!["records"]!["read"]!.GetValue<int>(), 6, 9);
        var problems = JsonNode.Parse(result.Out)!["rejected"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains(problems, p => p.StartsWith(hq.ProjectUrl + " page 2:1:", StringComparison.Ordinal) && p.Contains("error MALFORMED_", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("error CASE_API_FAILED: page 2 is not complete JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void A_page_that_hangs_times_out()
    {
        using var hq = Examples();
        hq.Faults[1] = HqFault.Hang;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = Run(hq, "check", "--request-timeout", "1", "--retries", "0");

        Assert.Equal(1, result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
        Assert.Contains("no answer within 1 s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_next_that_loops_back_to_a_page_already_read_is_an_error_not_an_endless_fetch()
    {
        using var hq = Examples();
        hq.Faults[3] = HqFault.LoopingNext;

        var result = Run(hq, "check", "--page-size", "4");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, hq.Requests.Count);
        Assert.Contains("leads back to a page already read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_cases_from_the_server_are_diagnostics_with_page_and_position_and_every_case_is_counted()
    {
        List<string> cases =
        [
            HqStandIn.Case("good-1", "mother", "o1", new Dictionary<string, string?> { ["contact_phone_number"] = "919812345678" }),
            """{"case_type": "mother", "properties": {"contact_phone_number": "919812345679"}}""",
            """{"case_id": "odd", "case_type": "mother", "surprise": {"deep": [1, 2]}, "properties": {"contact_phone_number": 919812345670, "flag": true, "list": [1]}}""",
            HqStandIn.Case("good-2", "mother", "o1", new Dictionary<string, string?> { ["contact_phone_number"] = "254712345678" }),
        ];
        using var hq = new HqStandIn(cases);

        var result = Run(hq, "audit", "--format", "json", "--page-size", "2");

        using var json = JsonDocument.Parse(result.Out);
        var records = json.RootElement.GetProperty("records");
        Assert.Equal(4, records.GetProperty("read").GetInt32());
        Assert.Equal(records.GetProperty("read").GetInt32(), records.GetProperty("accepted").GetInt32() + records.GetProperty("rejected").GetInt32());
        var rejected = json.RootElement.GetProperty("rejected").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(rejected, r => r.StartsWith(hq.ProjectUrl + " page 1:", StringComparison.Ordinal) && r.Contains("case_id", StringComparison.Ordinal));
    }

    [Fact]
    public void The_key_comes_from_the_environment_and_a_credentials_file_readable_by_others_is_refused()
    {
        using var hq = Examples();
        var variable = "CONTACTRULES_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, HqStandIn.User + ":" + HqStandIn.Key);
        try
        {
            var fromEnvironment = CliRunner.RunInProcess("check", "--from", hq.ProjectUrl, "--api-key-env", variable);
            Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        var open = CliRunner.RunInProcess("check", "--from", hq.ProjectUrl, "--credentials", CredentialsFile(ownerOnly: false));
        var missing = CliRunner.RunInProcess("check", "--from", hq.ProjectUrl, "--api-key-env", variable);

        Assert.Equal(1, open.ExitCode);
        Assert.Contains("can be read by others", open.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no CommCare API key: set " + variable, missing.Error, StringComparison.Ordinal);
        Assert.Single(hq.Requests);
    }

    [Theory]
    [InlineData("http://hq.example.org/a/demo", "must use https")]
    [InlineData("https://user:key@hq.example.org/a/demo", "must not carry a user name or key")]
    [InlineData("https://hq.example.org/accounts/login", "is not a CommCare project URL")]
    public void Plain_http_is_only_for_loopback_and_a_url_never_carries_credentials(string url, string message)
    {
        var result = CliRunner.RunInProcess("check", "--from", url, "--credentials", CredentialsFile());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("key@", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_appears_in_no_output_log_report_or_error()
    {
        var outputs = new List<string>();
        foreach (var fault in Enum.GetValues<HqFault>())
        {
            using var hq = Examples();
            hq.Faults[1] = fault;
            hq.Faults[2] = fault;
            var report = Path.Combine(_dir, fault + ".html");
            var results = Path.Combine(_dir, fault + ".jsonl");
            var pages = Path.Combine(_dir, fault + "-pages");
            var audit = Run(hq, "audit", "--report", report, "--out", results, "--save-pages", pages, "--page-size", "5", "--request-timeout", "1", "--retries", "1");
            var check = Run(hq, "check", "--format", "json", "--page-size", "5", "--request-timeout", "1", "--retries", "1");
            outputs.AddRange([audit.Out, audit.Error, check.Out, check.Error]);
            outputs.AddRange(new[] { report, results }.Where(File.Exists).Select(File.ReadAllText));
            if (Directory.Exists(pages))
            {
                outputs.AddRange(Directory.GetFiles(pages).Select(File.ReadAllText));
            }
        }

        Assert.All(outputs, output => Assert.DoesNotContain(HqStandIn.Key, output, StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("answered 401", StringComparison.Ordinal));
    }
}
