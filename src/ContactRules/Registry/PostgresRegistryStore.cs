using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace ContactRules.Registry;

/// <summary>
/// The registry in a PostgreSQL database, for a deployment where several hosts share it. Writers take an
/// exclusive lock on the updates table per batch, so they are serialised as on SQLite; readers (owners,
/// check) are never blocked and each of their statements sees one committed state.
/// </summary>
internal sealed class PostgresRegistryStore : RegistryStore
{
    // Any fixed number: the key of the advisory lock that keeps concurrent first users from creating the schema twice.
    private const long MigrationLock = 0x436F6E7461637452;

    private PostgresRegistryStore(NpgsqlConnection connection)
        : base(connection)
    {
    }

    public override string Kind => "PostgreSQL";

    protected override string OrdinalText => "TEXT COLLATE \"C\"";

    protected override string? ForeignTablesSql => null;

    protected override string SchemaTableExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'registry_schema'";

    public static PostgresRegistryStore Open(string connectionString)
    {
        // One connection per registry opened, closed with it: a pool would keep connections idle for nothing.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return new PostgresRegistryStore(connection);
    }

    public override void Migrate()
    {
        using var transaction = Connection.BeginTransaction();
        using (var command = Command(transaction, "SELECT pg_advisory_xact_lock(@key)"))
        {
            Add(command, "key", MigrationLock);
            command.ExecuteNonQuery();
        }
        MigrateLocked(transaction);
        transaction.Commit();
    }

    protected override DbTransaction BeginWrite()
    {
        if (!_staging)
        {
            // Once per connection, outside any transaction (a rolled-back one would take the tables with it).
            Execute(null, $"CREATE TEMPORARY TABLE {StagedUpdates} (case_id {OrdinalText} NOT NULL, modified BIGINT NOT NULL, claim {OrdinalText} NOT NULL, opened BIGINT NOT NULL) ON COMMIT DELETE ROWS");
            Execute(null, $"CREATE TEMPORARY TABLE {StagedClaims} (case_id {OrdinalText} NOT NULL, number {OrdinalText} NOT NULL, claimed BIGINT NOT NULL) ON COMMIT DELETE ROWS");
            _staging = true;
        }
        var transaction = Connection.BeginTransaction();
        Execute(transaction, "LOCK TABLE registry_updates IN EXCLUSIVE MODE");
        return transaction;
    }

    // A batch's rows go to the server by binary COPY into these (this session's own, emptied at each
    // commit), then into the registry's tables by one set-based statement each.
    private const string StagedUpdates = "pg_temp.registry_staged_updates";
    private const string StagedClaims = "pg_temp.registry_staged_claims";
    private bool _staging;

    /// <summary>Sends <paramref name="rows"/> into a staging table by binary COPY (in the current transaction).</summary>
    private void Stage<T>(string table, string columns, IReadOnlyList<T> rows, Action<NpgsqlBinaryImporter, T> write)
    {
        using var copy = ((NpgsqlConnection)Connection).BeginBinaryImport($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            copy.StartRow();
            write(copy, row);
        }
        copy.Complete();
    }

    protected override void ReadHistory(DbTransaction transaction, IReadOnlyList<string> caseIds, Dictionary<string, CaseHistory> into)
    {
        using var command = Command(transaction,
            "SELECT u.case_id, u.modified, u.claim, u.opened, c.number, c.claimed FROM registry_updates u " +
            "LEFT JOIN registry_claims c ON c.case_id = u.case_id WHERE u.case_id = ANY(@cases) ORDER BY u.case_id, u.modified DESC");
        command.Parameters.Add(new NpgsqlParameter("cases", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = caseIds.ToArray() });
        using var reader = command.ExecuteReader();
        ReadHistories(reader, into);
    }

    protected override void WriteUpdates(DbTransaction transaction, IReadOnlyList<RegistryUpdate> rows)
    {
        Stage(StagedUpdates, "case_id, modified, claim, opened", rows, (copy, row) =>
        {
            copy.Write(row.CaseId, NpgsqlDbType.Text);
            copy.Write(row.Modified, NpgsqlDbType.Bigint);
            copy.Write(row.Claim, NpgsqlDbType.Text);
            copy.Write(row.Opened, NpgsqlDbType.Bigint);
        });
        Execute(transaction, $"INSERT INTO registry_updates (case_id, modified, claim, opened) SELECT case_id, modified, claim, opened FROM {StagedUpdates} " + UpdateConflict);
    }

    protected override void WriteClaims(DbTransaction transaction, IReadOnlyList<CaseClaim> claims, IReadOnlyList<string> unclaimed)
    {
        if (claims.Count > 0)
        {
            Stage(StagedClaims, "case_id, number, claimed", claims, (copy, claim) =>
            {
                copy.Write(claim.CaseId, NpgsqlDbType.Text);
                copy.Write(claim.Number, NpgsqlDbType.Text);
                copy.Write(claim.Claimed, NpgsqlDbType.Bigint);
            });
            Execute(transaction, $"INSERT INTO registry_claims (case_id, number, claimed) SELECT case_id, number, claimed FROM {StagedClaims} " + ClaimConflict);
        }
        if (unclaimed.Count > 0)
        {
            using var remove = Command(transaction, "DELETE FROM registry_claims WHERE case_id = ANY(@cases)");
            remove.Parameters.Add(new NpgsqlParameter("cases", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = unclaimed.ToArray() });
            remove.ExecuteNonQuery();
        }
    }
}
