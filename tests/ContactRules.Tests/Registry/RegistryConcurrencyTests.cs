using System.Diagnostics;
using ContactRules.Registry;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Registry;

/// <summary>
/// Several <c>register</c> processes at once, and a <c>register</c> killed part-way (issue 4, section 1):
/// real processes of the real tool against one SQLite file or one PostgreSQL database.
/// </summary>
[Collection(RegistryProcesses.Name)]
public sealed class RegistryConcurrencyTests
{
    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public async Task Four_processes_registering_overlapping_updates_at_once_end_with_the_owners_of_one_sequential_run(string kind)
    {
        const int Processes = 4, UpdatesEach = 10_000;
        using var files = new TemporaryFiles();
        var paths = Enumerable.Range(1, Processes).Select(i => files.Path($"updates-{i}.jsonl")).ToList();
        for (var i = 0; i < Processes; i++)
        {
            UpdateStreams.Write(paths[i], seed: i + 1, UpdatesEach);
        }

        var all = paths.SelectMany(UpdateStreams.Read).ToList();
        var expected = RegistryModel.Of(all).Owners();
        using (var sequential = RegistryTargets.Create(kind))
        using (var registry = sequential.Open())
        {
            registry.Register(all);
            Assert.Equal(expected, RegistryModel.Describe(registry.Owners()));
        }

        using var target = RegistryTargets.Create(kind);
        using var stop = new CancellationTokenSource();
        var reads = Task.Run(() => ReadWhileWriting(target.Value, stop.Token));
        // The processes also race to create the schema: none of them finds it there.
        var processes = paths.Select(p => Start("register", p, "--registry", target.Value, "--batch-size", "500")).ToList();
        foreach (var process in processes)
        {
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "register did not finish");
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
            process.Dispose();
        }
        stop.Cancel();
        Assert.True(await reads > 0, "the reader never read the registry while it was written");

        using var final = target.Open();
        Assert.Equal(expected, RegistryModel.Describe(final.Owners()));
        Assert.Equal(RegistryModel.Sorted(RegistryModel.Of(final.Updates()).Claims()), RegistryModel.Sorted(final.Claims()));
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void A_register_killed_part_way_leaves_a_consistent_registry_and_running_it_again_completes_the_job(string kind)
    {
        using var files = new TemporaryFiles();
        var path = files.Path("updates.jsonl");
        UpdateStreams.Write(path, seed: 7, 30_000);
        var all = UpdateStreams.Read(path);
        var complete = RegistryModel.Of(all);
        using var target = RegistryTargets.Create(kind);

        foreach (var killAt in new[] { 3_000, 12_000 })
        {
            using var process = Start("register", path, "--registry", target.Value, "--batch-size", "100");
            long seen;
            using (var watcher = WaitForRegistry(target.Value))
            {
                while ((seen = watcher.UpdateCount()) < killAt)
                {
                    Assert.False(process.HasExited, "register finished before it could be killed");
                    Thread.Sleep(5);
                }
            }
            process.Kill();
            process.WaitForExit();

            using var registry = target.Open();
            var recorded = registry.Updates();
            Assert.True(recorded.Count >= seen && recorded.Count < complete.Updates.Count(), $"killed after {seen} updates, {recorded.Count} recorded of {complete.Updates.Count()}");
            // Consistent: the claims are exactly those its recorded updates make.
            Assert.Equal(RegistryModel.Sorted(RegistryModel.Of(recorded).Claims()), RegistryModel.Sorted(registry.Claims()));
        }

        var rerun = CliRunner.Run(null, "register", path, "--registry", target.Value);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        using var done = target.Open();
        Assert.Equal(complete.Owners(), RegistryModel.Describe(done.Owners()));
        Assert.Equal(complete.Updates.Count(), done.UpdateCount());
    }

    /// <summary>Reads owners over and over until stopped; every read sees one owner per number, first in its line. Returns how many reads it made.</summary>
    private static int ReadWhileWriting(string registry, CancellationToken stop)
    {
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            ContactRegistry opened;
            try
            {
                opened = ContactRegistry.Open(registry, create: false);
            }
            catch (RegistryException)
            {
                // Not created yet by the writers.
                Thread.Sleep(10);
                continue;
            }
            using (opened)
            {
                var claims = opened.Claims();
                Assert.Equal(claims.Count, claims.Select(c => c.CaseId).Distinct(StringComparer.Ordinal).Count());
                var owners = ContactRegistry.Ownership(claims);
                Assert.Equal(owners.Count, owners.Select(o => o.Number).Distinct(StringComparer.Ordinal).Count());
                var snapshot = new RegistrySnapshot(claims, []);
                Assert.All(owners, o => Assert.Equal(o.Owner, snapshot.TwoWayOwner(o.Number)));
                reads++;
            }
        }
        return reads;
    }

    private static ContactRegistry WaitForRegistry(string registry)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                return ContactRegistry.Open(registry, create: false);
            }
            catch (RegistryException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }
        }
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = CliRunner.RepositoryRoot,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "contactrules.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start)!;
    }
}

/// <summary>The tests that start several processes run one at a time, not beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RegistryProcesses
{
    public const string Name = "registry processes";
}

/// <summary>A temporary directory for a test's files, deleted afterwards.</summary>
internal sealed class TemporaryFiles : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("contactrules-test-");

    public string Path(string name) => System.IO.Path.Combine(_directory.FullName, name);

    public void Dispose() => _directory.Delete(recursive: true);
}
