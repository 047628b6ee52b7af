using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Projects;
using ContactRules.Registry;
using ContactRules.RuleFiles;
using NodaTime;

namespace ContactRules.Benchmarks;

/// <summary>
/// Issue 14's speed targets. Registering 1,000,000 updates into a SQLite registry at 100,000 updates/s
/// or more, into PostgreSQL at 50,000/s: the updates are judged beforehand (judging is the rules' cost,
/// measured by the verdict benchmarks, and register spreads it over all cores), so this measures the
/// registry itself. Each iteration registers all of them into a new file (SQLite) or a new schema
/// (PostgreSQL); the result is per update. <see cref="RegisterOntoExisting"/> registers them into a registry
/// that already holds a million earlier updates of the same cases, as a daily run does, so that each case's
/// history is read before its claim is derived. PostgreSQL runs when CONTACTRULES_TEST_POSTGRES holds a
/// connection string, as for the tests (<c>export CONTACTRULES_TEST_POSTGRES="$(scripts/postgres.sh)"</c>).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RegistryBenchmarks
{
    private const int Updates = 1_000_000;

    private const string PostgresVariable = "CONTACTRULES_TEST_POSTGRES";

    private RegistryUpdate[] _updates = null!;
    private RegistryUpdate[] _earlier = null!;
    private string _directory = null!;
    private string _registry = null!;
    private readonly List<string> _schemas = [];

    /// <summary>SQLite always; PostgreSQL when a server is configured (else skipped, saying how to run it).</summary>
    public static IEnumerable<string> Stores()
    {
        yield return "SQLite";
        if (PostgresServer is not null)
        {
            yield return "PostgreSQL";
        }
        else
        {
            Console.WriteLine($"// RegistryBenchmarks: PostgreSQL skipped: set {PostgresVariable} (export {PostgresVariable}=\"$(scripts/postgres.sh)\") to run it");
        }
    }

    private static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "SQLite";

    /// <summary>In order of time, as exports are; or shuffled, as if they arrived in any order.</summary>
    [Params(false, true)]
    public bool Shuffled { get; set; }

    /// <summary>Updates per transaction: `register`'s default (50,000) and the earlier default (5,000).</summary>
    [Params(5_000, 50_000)]
    public int BatchSize { get; set; } = 5_000;

    [GlobalSetup]
    public void Setup()
    {
        _updates = MakeUpdates(Updates, seed: 1);
        // The same cases a year before, with other numbers for some.
        _earlier = MakeUpdates(Updates, seed: 3, Instant.FromUtc(2025, 1, 1, 0, 0));
        if (Shuffled)
        {
            new Random(2).Shuffle(_updates);
        }
        _directory = Directory.CreateTempSubdirectory("contactrules-bench-").FullName;
    }

    /// <summary>A new, empty registry: a file, or a schema named first on the connection's search path.</summary>
    [IterationSetup(Target = nameof(Register))]
    public void NewRegistry()
    {
        if (Store == "SQLite")
        {
            _registry = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");
            return;
        }
        var server = PostgresServer ?? throw new InvalidOperationException(PostgresVariable + " is not set");
        var schema = "bench_" + Guid.NewGuid().ToString("N");
        Postgres(server, $"CREATE SCHEMA {schema}");
        _schemas.Add(schema);
        _registry = new Npgsql.NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public long Register()
    {
        using var registry = ContactRegistry.Open(_registry);
        return registry.Register(_updates, BatchSize);
    }

    /// <summary>A new registry holding the earlier million updates (not measured).</summary>
    [IterationSetup(Target = nameof(RegisterOntoExisting))]
    public void RegistryWithEarlierUpdates()
    {
        NewRegistry();
        using var registry = ContactRegistry.Open(_registry);
        registry.Register(_earlier, ContactRegistry.DefaultBatchSize);
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public long RegisterOntoExisting()
    {
        using var registry = ContactRegistry.Open(_registry);
        return registry.Register(_updates, BatchSize);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Directory.Delete(_directory, recursive: true);
        foreach (var schema in _schemas)
        {
            Postgres(PostgresServer!, $"DROP SCHEMA {schema} CASCADE");
        }
        _schemas.Clear();
    }

    private static void Postgres(string connectionString, string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Updates of 250,000 cases over 100,000 numbers, four per case on average, in order of time:
    /// most claim their number, some drop it, a few move to another.
    /// </summary>
    internal static RegistryUpdate[] MakeUpdates(int count, int seed, Instant? from = null)
    {
        var random = new Random(seed);
        // A case opens at the same time in every set of updates.
        var opening = Instant.FromUtc(2026, 1, 1, 0, 0).ToUnixTimeTicks();
        var start = from?.ToUnixTimeTicks() ?? opening;
        var updates = new RegistryUpdate[count];
        for (var i = 0; i < count; i++)
        {
            var c = random.Next(250_000);
            var number = random.NextDouble() < 0.95 ? c % 100_000 : random.Next(100_000);
            var claim = random.NextDouble() < 0.85 ? "2547" + number.ToString("D8", System.Globalization.CultureInfo.InvariantCulture) : "";
            updates[i] = new RegistryUpdate("case-" + c.ToString(System.Globalization.CultureInfo.InvariantCulture), start + i * TimeSpan.TicksPerSecond, claim, opening - c * TimeSpan.TicksPerMinute);
        }
        return updates;
    }
}

/// <summary>
/// What consulting a registry adds to judging a case during <c>check</c> (target: at most 5 µs): the
/// verdict with owners and opt-outs from a registry of 100,000 owners, against the same verdict with the
/// in-run ownership a check without a registry uses.
/// </summary>
[MemoryDiagnoser]
public class RegistryLookupBenchmarks
{
    private static readonly CaseRecord Case = new()
    {
        Id = "case-4242",
        DateOpened = CaseTimestamp.Parse("2026-01-05T08:00:00Z"),
        Properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["contact_phone_number"] = "254700004242",
            ["contact_phone_number_is_verified"] = "1",
            ["time_zone"] = "Africa/Nairobi",
        },
    };

    private static readonly CompiledRules Rules = Compile();
    private RunContext _withRegistry = null!;
    private RunContext _inRun = null!;
    private RegistrySnapshot _snapshot = null!;

    [GlobalSetup]
    public void Setup()
    {
        var claims = Enumerable.Range(0, 100_000).Select(i => new CaseClaim("case-" + i, "2547" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), i));
        var optOuts = Enumerable.Range(0, 10_000).Select(i => "2541" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
        _snapshot = new RegistrySnapshot(claims, optOuts);
        _withRegistry = new RunContext(_snapshot);
        var owners = new TwoWayOwnership();
        owners.Claim("254700004242", Case);
        _inRun = new RunContext(owners);
    }

    private static CompiledRules Compile()
    {
        var diagnostics = new DiagnosticBag();
        return CompiledRules.Compile(RuleFileLoader.LoadBuiltIn(), ProjectSettings.Default, diagnostics)
            ?? throw new InvalidOperationException(string.Join("\n", diagnostics.Items));
    }

    [Benchmark(Baseline = true)]
    public ContactVerdict VerdictWithInRunOwnership() => Rules.Evaluate(Case, _inRun, trace: false);

    [Benchmark]
    public ContactVerdict VerdictWithRegistry() => Rules.Evaluate(Case, _withRegistry, trace: false);

    /// <summary>The lookups alone: one owner and one opt-out per case.</summary>
    [Benchmark]
    public bool LookupsAlone() => _snapshot.TwoWayOwner("254700004242") is not null && !_snapshot.IsOptedOut("254700004242");
}
