using System.Globalization;
using ContactRules.Registry;
using ContactRules.Tests.Cli;
using ContactRules.Tests.Remote;
using Xunit;

namespace ContactRules.Tests.Registry;

/// <summary>
/// <c>register --from URL --registry R</c> as a cron job runs it: a first sync of 10,000 cases over 10
/// pages, a second of 500 changed cases asked for by the stored cursor, a third cut off part-way by a
/// dropped connection and run again, a fourth killed part-way (SIGKILL) and run again. After each the registry holds exactly what a from-scratch
/// registration of every case version HQ served holds (updates and claims).
/// </summary>
public sealed class RegistrySyncTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("contactrules-sync-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly DateTime Start = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Case <paramref name="i"/> at <paramref name="version"/>: two cases share each indexed_on instant, and numbers are shared by several cases.</summary>
    private static string Case(int i, int version, int at)
    {
        var time = Start.AddDays(version).AddSeconds(at / 2).ToString("yyyy-MM-dd'T'HH:mm:ss'.000000Z'", CultureInfo.InvariantCulture);
        var number = (919800000000L + ((i + (version * 1_000)) % 3_000)).ToString(CultureInfo.InvariantCulture);
        return HqStandIn.Case("c-" + i.ToString("D5", CultureInfo.InvariantCulture), "mother", "owner-1",
            new Dictionary<string, string?> { ["contact_phone_number"] = number, ["contact_phone_number_is_verified"] = "1" }, time);
    }

    private string Credentials()
    {
        var path = Path.Combine(_dir, "credentials");
        File.WriteAllText(path, HqStandIn.User + ":" + HqStandIn.Key + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return path;
    }

    private CliRunner.Result Sync(HqStandIn hq, string registry, params string[] arguments) =>
        CliRunner.RunInProcess(["register", "--registry", registry, "--from", hq.ProjectUrl, "--credentials", Credentials(),
            "--project", CliRunner.InRepository("examples/project.yaml"), "--retries", "0", .. arguments]);

    /// <summary>The registry a from-scratch registration of <paramref name="served"/> (every version, in one file) makes.</summary>
    private (List<RegistryUpdate> Updates, List<CaseClaim> Claims) FromScratch(string kind, IEnumerable<string> served)
    {
        var file = Path.Combine(_dir, "served-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, "{\"cases\": [" + string.Join(", ", served) + "]}");
        using var target = RegistryTargets.Create(kind);
        var register = CliRunner.RunInProcess(["register", file, "--registry", target.Value, "--project", CliRunner.InRepository("examples/project.yaml")]);
        Assert.True(register.ExitCode == 0, register.Error);
        return Contents(target.Value);
    }

    private static (List<RegistryUpdate> Updates, List<CaseClaim> Claims) Contents(string registry)
    {
        using var opened = ContactRegistry.Open(registry, RegistryAccess.Read);
        return (
            [.. opened.Updates().OrderBy(u => u.CaseId, StringComparer.Ordinal).ThenBy(u => u.Modified)],
            [.. opened.Claims().OrderBy(c => c.CaseId, StringComparer.Ordinal)]);
    }

    private void AssertEqualsFromScratch(string kind, string registry, IEnumerable<string> served)
    {
        var expected = FromScratch(kind, served);
        var actual = Contents(registry);
        Assert.Equal(expected.Updates, actual.Updates);
        Assert.Equal(expected.Claims, actual.Claims);
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void A_sync_resumes_from_its_cursor_and_equals_a_registration_from_scratch_after_every_run_even_when_cut_off(string kind)
    {
        using var target = RegistryTargets.Create(kind);
        var first = Enumerable.Range(0, 10_000).Select(i => Case(i, 0, i)).ToList();
        var served = new List<string>(first);

        // 1: everything, 10 pages of 1,000; nothing stored yet, so nothing is filtered.
        using (var hq = new HqStandIn(first))
        {
            var run = Sync(hq, target.Value, "--page-size", "1000");
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Equal(10, hq.Requests.Count);
            Assert.DoesNotContain("indexed_on.gte", hq.Requests.First(), StringComparison.Ordinal);
        }
        AssertEqualsFromScratch(kind, target.Value, served);

        // 2: 500 cases changed since; the next run asks only from the cursor (the last indexed_on seen).
        var changed = Enumerable.Range(0, 500).Select(k => k * 20).ToHashSet();
        var second = first.Where((_, i) => !changed.Contains(i)).Concat(changed.Order().Select((i, k) => Case(i, 1, k))).ToList();
        served.AddRange(changed.Order().Select((i, k) => Case(i, 1, k)));
        using (var hq = new HqStandIn(second))
        {
            var run = Sync(hq, target.Value, "--page-size", "1000");
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("indexed_on.gte=2024-03-01T01%3A23%3A19.000000Z", hq.Requests.First(), StringComparison.Ordinal);
            // The two cases of the cursor's instant again (inclusive), then the 500 changed ones.
            Assert.Contains("502 records read: 502 recorded", run.Error, StringComparison.Ordinal);
        }
        AssertEqualsFromScratch(kind, target.Value, served);

        // 3: 500 more changed; the connection drops on the third page of 100, after two batches were committed
        // (the two cases of the cursor's instant, seen again, add nothing).
        var again = Enumerable.Range(0, 500).Select(k => (k * 20) + 7).ToHashSet();
        var third = second.Where(c => !again.Contains(int.Parse(c.AsSpan(c.IndexOf("\"c-", StringComparison.Ordinal) + 3, 5), CultureInfo.InvariantCulture)))
            .Concat(again.Order().Select((i, k) => Case(i, 2, k))).ToList();
        served.AddRange(again.Order().Select((i, k) => Case(i, 2, k)));
        using (var hq = new HqStandIn(third))
        {
            hq.Faults[3] = HqFault.Dropped;
            var run = Sync(hq, target.Value, "--page-size", "100", "--batch-size", "100");
            Assert.NotEqual(0, run.ExitCode);
        }
        using (var opened = ContactRegistry.Open(target.Value, RegistryAccess.Read))
        {
            Assert.Equal(first.Count + changed.Count + 198, opened.UpdateCount());
        }
        using (var hq = new HqStandIn(third))
        {
            var run = Sync(hq, target.Value, "--page-size", "100", "--batch-size", "100");
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("indexed_on.gte=2024-03-03T00%3A01%3A38.000000Z", hq.Requests.First(), StringComparison.Ordinal);
        }
        AssertEqualsFromScratch(kind, target.Value, served);

        // 4: 500 more changed; the process is killed (SIGKILL, no clean-up of any kind) while it waits for the
        // third page of 100, after two batches were committed; the next run resumes from the cursor they left.
        var killedAt = Enumerable.Range(0, 500).Select(k => (k * 20) + 13).ToHashSet();
        var fourth = third.Where(c => !killedAt.Contains(int.Parse(c.AsSpan(c.IndexOf("\"c-", StringComparison.Ordinal) + 3, 5), CultureInfo.InvariantCulture)))
            .Concat(killedAt.Order().Select((i, k) => Case(i, 3, k))).ToList();
        served.AddRange(killedAt.Order().Select((i, k) => Case(i, 3, k)));
        var before = Contents(target.Value).Updates.Count;
        using (var hq = new HqStandIn(fourth))
        {
            hq.Faults[3] = HqFault.Hang;
            using var process = CliRunner.Start(_dir, ["register", "--registry", target.Value, "--from", hq.ProjectUrl, "--credentials", Credentials(),
                "--project", CliRunner.InRepository("examples/project.yaml"), "--retries", "0", "--page-size", "100", "--batch-size", "100"]);
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (hq.Requests.Count < 3 && !process.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
            Assert.False(process.HasExited, "the sync ended before it was killed: " + process.StandardError.ReadToEnd());
            Assert.Equal(3, hq.Requests.Count);
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Assert.InRange(Contents(target.Value).Updates.Count, before + 1, before + 200);
        using (var hq = new HqStandIn(fourth))
        {
            var run = Sync(hq, target.Value, "--page-size", "100", "--batch-size", "100");
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("indexed_on.gte=2024-03-04T", hq.Requests.First(), StringComparison.Ordinal);
        }
        AssertEqualsFromScratch(kind, target.Value, served);

        // --full asks for everything again: nothing changes.
        using (var hq = new HqStandIn(third))
        {
            var run = Sync(hq, target.Value, "--page-size", "5000", "--full");
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.DoesNotContain("indexed_on.gte", hq.Requests.First(), StringComparison.Ordinal);
        }
        AssertEqualsFromScratch(kind, target.Value, served);
    }
}
