using System.Data.Common;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.Projects;
using ContactRules.Registry;
using ContactRules.RuleFiles;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using Xunit;

namespace ContactRules.Tests.Registry;

/// <summary>The registry's semantics (issue 4, section 1), the same on SQLite and PostgreSQL.</summary>
public sealed class RegistrySemanticsTests
{
    private const string Kenya = "254712345678";
    private const string India = "919812345678";

    private static readonly CompiledRules Rules = CompiledRules.Compile(RuleFileLoader.LoadBuiltIn(), ProjectSettings.Default, new DiagnosticBag())!;

    /// <summary>An update at hour <paramref name="modified"/> of a case opened at hour <paramref name="opened"/>.</summary>
    private static RegistryUpdate U(string caseId, int modified, string claim, int opened = 0) =>
        new(caseId, Hour(modified), claim, Hour(opened));

    private static long Hour(int hour) => Instant.FromUtc(2026, 1, 1, 0, 0).Plus(Duration.FromHours(hour)).ToUnixTimeTicks();

    /// <summary>A case as an export shows it, turned into an update by the default rules.</summary>
    private static RegistryUpdate Case(string id, int modified, string? phone, string? verified = "1", bool closed = false, int opened = 0)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (phone is not null)
        {
            properties["contact_phone_number"] = phone;
        }
        if (verified is not null)
        {
            properties["contact_phone_number_is_verified"] = verified;
        }
        var record = new CaseRecord
        {
            Id = id,
            DateOpened = new CaseTimestamp("opened", Instant.FromUnixTimeTicks(Hour(opened))),
            ServerLastModified = new CaseTimestamp("modified", Instant.FromUnixTimeTicks(Hour(modified))),
            Closed = closed,
            Properties = properties,
        };
        return RegistryUpdates.Of(Rules, record);
    }

    private static IReadOnlyList<string> Owners(ContactRegistry registry) => RegistryModel.Describe(registry.Owners());

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void The_schema_is_created_on_first_use_with_its_version_an_older_one_is_migrated_and_a_newer_one_is_refused(string kind)
    {
        using var target = RegistryTargets.Create(kind);
        using (var registry = target.Open())
        {
            Assert.Empty(registry.Owners());
        }
        using (var again = target.Open())
        {
            Assert.Empty(again.Claims());
        }
        using (var connection = Connect(target))
        {
            Assert.Equal(RegistryStore.SchemaVersion, Convert.ToInt32(Scalar(connection, "SELECT version FROM registry_schema"), System.Globalization.CultureInfo.InvariantCulture));
            // A registry of version 1 (before registry_writes) is migrated when opened.
            Scalar(connection, "DROP TABLE registry_writes");
            Scalar(connection, "DROP TABLE registry_sync");
            Scalar(connection, "UPDATE registry_schema SET version = 1");
        }
        using (var migrated = target.Open())
        {
            migrated.Register([U("c1", 1, Kenya)]);
            Assert.Equal([$"{Kenya}: c1"], Owners(migrated));
        }
        using (var connection = Connect(target))
        {
            Assert.Equal(RegistryStore.SchemaVersion, Convert.ToInt32(Scalar(connection, "SELECT version FROM registry_schema"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(1L, Convert.ToInt64(Scalar(connection, "SELECT generation FROM registry_writes"), System.Globalization.CultureInfo.InvariantCulture));
            Scalar(connection, "UPDATE registry_schema SET version = 99");
        }
        var refused = Assert.Throws<RegistryException>(target.Open);
        Assert.Contains("schema version 99", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void The_earliest_claim_owns_the_number_and_a_tie_goes_to_the_smallest_case_id(string kind)
    {
        using var target = RegistryTargets.Create(kind);
        using var registry = target.Open();
        registry.Register([U("c30", 5, Kenya, opened: 3), U("c20", 5, Kenya, opened: 2), U("c10", 6, Kenya, opened: 2), U("c40", 1, India, opened: 1)]);
        Assert.Equal([$"{Kenya}: c10 c20 c30", $"{India}: c40"], Owners(registry));
        Assert.Equal("c10", registry.Snapshot().TwoWayOwner(Kenya));
        Assert.Null(registry.Snapshot().TwoWayOwner("15551234567"));
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void When_the_owner_closes_changes_number_or_is_unverified_the_next_claimant_owns_at_once(string kind)
    {
        using var target = RegistryTargets.Create(kind);
        using var registry = target.Open();
        registry.Register([Case("a", 10, Kenya, opened: 1), Case("b", 10, Kenya, opened: 2), Case("c", 10, Kenya, opened: 3), Case("d", 10, Kenya, opened: 4)]);
        Assert.Equal([$"{Kenya}: a b c d"], Owners(registry));

        registry.Register([Case("a", 11, Kenya, closed: true, opened: 1)]);
        Assert.Equal([$"{Kenya}: b c d"], Owners(registry));
        registry.Register([Case("b", 12, India, opened: 2)]);
        Assert.Equal([$"{Kenya}: c d", $"{India}: b"], Owners(registry));
        registry.Register([Case("c", 13, Kenya, verified: "0", opened: 3)]);
        Assert.Equal([$"{Kenya}: d", $"{India}: b"], Owners(registry));

        // Back in line, but from the update that verified it again: behind d, who held on all along.
        registry.Register([Case("a", 14, Kenya, opened: 1)]);
        Assert.Equal([$"{Kenya}: d a", $"{India}: b"], Owners(registry));
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void A_claim_counts_from_date_opened_when_first_seen_verified_else_from_the_first_update_verifying_it(string kind)
    {
        using var target = RegistryTargets.Create(kind);
        using var registry = target.Open();
        registry.Register([U("early", 20, "", opened: 1), U("early", 30, Kenya, opened: 1), U("early", 40, Kenya, opened: 1), U("late", 25, Kenya, opened: 5)]);
        Assert.Equal(
            [new CaseClaim("early", Kenya, Hour(30)), new CaseClaim("late", Kenya, Hour(5))],
            RegistryModel.Sorted(registry.Claims()));
        Assert.Equal([$"{Kenya}: late early"], Owners(registry));
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void An_update_older_than_the_recorded_one_does_not_change_what_the_case_claims(string kind)
    {
        using var target = RegistryTargets.Create(kind);
        using var registry = target.Open();
        registry.Register([Case("a", 20, Kenya, closed: true), Case("b", 20, Kenya, opened: 5)]);
        registry.Register([Case("a", 10, Kenya)]);
        Assert.Equal([$"{Kenya}: b"], Owners(registry));
        // It is kept, though: arriving late, it still tells since when a later claim has run.
        Assert.Equal(3, registry.UpdateCount());
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void Registering_the_same_export_twice_changes_nothing(string kind)
    {
        using var target = RegistryTargets.Create(kind);
        using var registry = target.Open();
        var export = ExampleUpdates();
        registry.Register(export);
        var updates = registry.Updates().OrderBy(u => (u.CaseId, u.Modified)).ToList();
        var claims = RegistryModel.Sorted(registry.Claims());
        registry.Register(export, batchSize: 3);
        Assert.Equal(updates, registry.Updates().OrderBy(u => (u.CaseId, u.Modified)));
        Assert.Equal(claims, RegistryModel.Sorted(registry.Claims()));
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void Two_different_updates_of_a_case_at_the_same_time_settle_the_same_way_in_either_order(string kind)
    {
        using var first = RegistryTargets.Create(kind);
        using var second = RegistryTargets.Create(kind);
        using var a = first.Open();
        using var b = second.Open();
        a.Register([U("x", 7, India), U("x", 7, Kenya)]);
        b.Register([U("x", 7, Kenya)]);
        b.Register([U("x", 7, India)]);
        Assert.Equal(RegistryModel.Sorted(a.Claims()), RegistryModel.Sorted(b.Claims()));
        // The smaller claim stands (any fixed rule would do).
        Assert.Equal([$"{Kenya}: x"], Owners(a));
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void Two_writers_taking_turns_each_see_what_the_other_wrote(string kind)
    {
        // Each writer remembers what it wrote last, to skip reading it back; the other's batches in between must void that.
        using var target = RegistryTargets.Create(kind);
        using var first = target.Open();
        using var second = target.Open();
        RegistryUpdate[] turns =
        [
            U("a", 1, "", opened: 1), U("b", 1, Kenya, opened: 2),
            U("a", 3, India, opened: 1),
            U("a", 2, Kenya, opened: 1), U("b", 4, Kenya, opened: 2),
            U("b", 5, "", opened: 2),
            U("b", 3, Kenya, opened: 2),
        ];
        first.Register(turns[..2]);
        second.Register(turns[2..3]);
        first.Register(turns[3..5]);
        second.Register(turns[5..6]);
        first.Register(turns[6..]);
        Assert.Equal([$"{India}: a"], Owners(first));
        Assert.Equal(RegistryModel.Sorted(RegistryModel.Of(turns).Claims()), RegistryModel.Sorted(second.Claims()));
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void Opt_outs_are_added_listed_and_removed_and_a_check_sees_them(string kind)
    {
        using var target = RegistryTargets.Create(kind);
        using var registry = target.Open();
        Assert.True(registry.AddOptOut(Kenya));
        Assert.False(registry.AddOptOut(Kenya));
        Assert.True(registry.AddOptOut(India));
        Assert.Equal([Kenya, India], registry.OptOuts());
        Assert.True(registry.RemoveOptOut(India));
        Assert.False(registry.RemoveOptOut(India));
        Assert.Equal([Kenya], registry.OptOuts());

        var run = new JudgingRun(Rules, new RunOptions { Registry = registry.Snapshot() });
        var record = new CaseRecord { Id = "k", Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["contact_phone_number"] = Kenya } };
        var verdict = run.Run(() => [CaseReadResult.Accepted(record)]).Single().Verdict!;
        Assert.Equal("PHONE_NUMBER_OPTED_OUT", Assert.Single(verdict.Channel("sms")!.Reasons).Code);
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void A_registry_built_from_one_export_agrees_with_check_without_a_registry(string kind)
    {
        foreach (var rules in new[] { "commcare-case-contact.yaml", "commcare-hq-compatible.yaml" })
        {
            using var target = RegistryTargets.Create(kind);
            var compiled = RuleSetLoader.Load(rules, Path.Combine(Examples.Directory, "project.yaml"), new DiagnosticBag())!;
            var cases = Path.Combine(Examples.Directory, "cases.json");
            IEnumerable<CaseReadResult> Open() => CaseSource.Open(cases);

            using (var registry = target.Open())
            {
                registry.Register(RegistryUpdates.Of(compiled, Open().Select(r => r.Record).OfType<CaseRecord>()));
                Assert.NotEmpty(registry.Owners());
            }
            var without = new JudgingRun(compiled).Run(Open).Select(i => VerdictJson.ToJsonLine(i.Verdict!)).ToList();
            using var reopened = ContactRegistry.Open(target.Value, create: false);
            var with = new JudgingRun(compiled, new RunOptions { Registry = reopened.Snapshot() }).Run(Open).Select(i => VerdictJson.ToJsonLine(i.Verdict!)).ToList();
            Assert.Equal(without, with);
            Assert.Contains(without, line => line.Contains(ContactRules.Tests.Evaluation.Corpus.InUseCode(rules), StringComparison.Ordinal));
        }
    }

    private static List<RegistryUpdate> ExampleUpdates()
    {
        var compiled = RuleSetLoader.Load(null, Path.Combine(Examples.Directory, "project.yaml"), new DiagnosticBag())!;
        return [.. RegistryUpdates.Of(compiled, CaseSource.Open(Path.Combine(Examples.Directory, "cases.json")).Select(r => r.Record).OfType<CaseRecord>())];
    }

    private static DbConnection Connect(TestRegistry target)
    {
        DbConnection connection = target.Kind == RegistryTargets.Sqlite ? new SqliteConnection($"Data Source={target.Value};Pooling=False") : new NpgsqlConnection(target.Value);
        connection.Open();
        return connection;
    }

    private static object? Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

/// <summary>The repository's examples/ directory.</summary>
internal static class Examples
{
    public static string Directory { get; } = Path.Combine(Cli.CliRunner.RepositoryRoot, "examples");
}
