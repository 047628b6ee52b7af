using System.Data;
using System.Data.Common;

namespace ContactRules.Registry;

/// <summary>
/// The registry's tables, the same on every store: the updates recorded per case, each case's current
/// claim (derived from its updates in the same transaction that records them), and opted-out numbers.
/// Subclasses supply the connection and what differs between SQLite and PostgreSQL: column types,
/// how a writer takes the write lock, how the schema is created safely by concurrent first users.
/// </summary>
internal abstract class RegistryStore : IDisposable
{
    /// <summary>The schema version this code reads and writes; older registries are migrated to it.</summary>
    public const int SchemaVersion = 1;

    protected RegistryStore(DbConnection connection) => Connection = connection;

    protected DbConnection Connection { get; }

    /// <summary>How the store's kind is named in messages: SQLite or PostgreSQL.</summary>
    public abstract string Kind { get; }

    /// <summary>The type of a text column that compares ordinally (code point by code point).</summary>
    protected abstract string OrdinalText { get; }

    /// <summary>Creates the schema, or migrates it, on first use; safe when several processes do it at once.</summary>
    public abstract void Migrate();

    /// <summary>Starts a transaction that holds the registry's write lock until it ends.</summary>
    protected abstract DbTransaction BeginWrite();

    /// <summary>The schema's statements for <paramref name="version"/>, applied in order to go from version - 1 to it.</summary>
    protected IEnumerable<string> MigrationTo(int version) => version switch
    {
        1 =>
        [
            $"CREATE TABLE registry_updates (case_id {OrdinalText} NOT NULL, modified BIGINT NOT NULL, claim {OrdinalText} NOT NULL, opened BIGINT NOT NULL, PRIMARY KEY (case_id, modified))",
            $"CREATE TABLE registry_claims (case_id {OrdinalText} NOT NULL PRIMARY KEY, number {OrdinalText} NOT NULL, claimed BIGINT NOT NULL)",
            "CREATE INDEX registry_claims_by_number ON registry_claims (number, claimed, case_id)",
            $"CREATE TABLE registry_opt_outs (number {OrdinalText} NOT NULL PRIMARY KEY)",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    /// <summary>Brings the schema from the version recorded to <see cref="SchemaVersion"/>; the caller holds a lock that keeps other migrators out.</summary>
    protected void MigrateLocked(DbTransaction transaction)
    {
        Execute(transaction, "CREATE TABLE IF NOT EXISTS registry_schema (version INTEGER NOT NULL)");
        var recorded = Convert.ToInt32(Scalar(transaction, "SELECT COALESCE(MAX(version), 0) FROM registry_schema") ?? 0, System.Globalization.CultureInfo.InvariantCulture);
        if (recorded > SchemaVersion)
        {
            throw new RegistryException(Text.Messages.RegistryTooNew(recorded, SchemaVersion));
        }
        for (var version = recorded + 1; version <= SchemaVersion; version++)
        {
            foreach (var statement in MigrationTo(version))
            {
                Execute(transaction, statement);
            }
            Execute(transaction, "DELETE FROM registry_schema");
            using var record = Command(transaction, "INSERT INTO registry_schema (version) VALUES (@version)");
            Add(record, "version", version);
            record.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Records a batch of updates and re-derives the claim of every case they touch, in one transaction
    /// under the write lock: either all of the batch is in the registry, consistently, or none of it.
    /// </summary>
    public void Apply(IReadOnlyList<RegistryUpdate> batch)
    {
        using var transaction = BeginWrite();
        using var record = Command(transaction,
            "INSERT INTO registry_updates (case_id, modified, claim, opened) VALUES (@case, @modified, @claim, @opened) " +
            "ON CONFLICT (case_id, modified) DO UPDATE SET claim = excluded.claim, opened = excluded.opened " +
            "WHERE excluded.claim < registry_updates.claim OR (excluded.claim = registry_updates.claim AND excluded.opened < registry_updates.opened)");
        var recordCase = Add(record, "case", "");
        var recordModified = Add(record, "modified", 0L);
        var recordClaim = Add(record, "claim", "");
        var recordOpened = Add(record, "opened", 0L);
        record.Prepare();

        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var update in batch)
        {
            recordCase.Value = update.CaseId;
            recordModified.Value = update.Modified;
            recordClaim.Value = update.Claim;
            recordOpened.Value = update.Opened;
            record.ExecuteNonQuery();
            touched.Add(update.CaseId);
        }

        using var history = Command(transaction, "SELECT modified, claim, opened FROM registry_updates WHERE case_id = @case ORDER BY modified DESC");
        var historyCase = Add(history, "case", "");
        history.Prepare();
        using var upsert = Command(transaction,
            "INSERT INTO registry_claims (case_id, number, claimed) VALUES (@case, @number, @claimed) " +
            "ON CONFLICT (case_id) DO UPDATE SET number = excluded.number, claimed = excluded.claimed");
        var upsertCase = Add(upsert, "case", "");
        var upsertNumber = Add(upsert, "number", "");
        var upsertClaimed = Add(upsert, "claimed", 0L);
        upsert.Prepare();
        using var remove = Command(transaction, "DELETE FROM registry_claims WHERE case_id = @case");
        var removeCase = Add(remove, "case", "");
        remove.Prepare();

        foreach (var caseId in touched)
        {
            historyCase.Value = caseId;
            CaseClaim? claim;
            using (var reader = history.ExecuteReader())
            {
                claim = ClaimDerivation.Derive(caseId, Read(reader, caseId));
            }
            if (claim is { } c)
            {
                upsertCase.Value = caseId;
                upsertNumber.Value = c.Number;
                upsertClaimed.Value = c.Claimed;
                upsert.ExecuteNonQuery();
            }
            else
            {
                removeCase.Value = caseId;
                remove.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }

    private static IEnumerable<RegistryUpdate> Read(DbDataReader reader, string caseId)
    {
        while (reader.Read())
        {
            yield return new RegistryUpdate(caseId, reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2));
        }
    }

    /// <summary>The claims on <paramref name="number"/>, or on every number when null, read in one statement (one consistent snapshot).</summary>
    public IReadOnlyList<CaseClaim> Claims(string? number)
    {
        using var command = Command(null, number is null
            ? "SELECT case_id, number, claimed FROM registry_claims"
            : "SELECT case_id, number, claimed FROM registry_claims WHERE number = @number");
        if (number is not null)
        {
            Add(command, "number", number);
        }
        var claims = new List<CaseClaim>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            claims.Add(new CaseClaim(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }
        return claims;
    }

    /// <summary>Every update recorded (for checks of consistency).</summary>
    public IReadOnlyList<RegistryUpdate> Updates()
    {
        using var command = Command(null, "SELECT case_id, modified, claim, opened FROM registry_updates");
        var updates = new List<RegistryUpdate>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            updates.Add(new RegistryUpdate(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3)));
        }
        return updates;
    }

    public long UpdateCount()
    {
        using var command = Command(null, "SELECT COUNT(*) FROM registry_updates");
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<string> OptOuts()
    {
        using var command = Command(null, "SELECT number FROM registry_opt_outs");
        var numbers = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            numbers.Add(reader.GetString(0));
        }
        numbers.Sort(StringComparer.Ordinal);
        return numbers;
    }

    /// <summary>Adds an opt-out; false when the number had already opted out.</summary>
    public bool AddOptOut(string number) =>
        ExecuteOne("INSERT INTO registry_opt_outs (number) VALUES (@number) ON CONFLICT (number) DO NOTHING", number) > 0;

    /// <summary>Removes an opt-out; false when the number had not opted out.</summary>
    public bool RemoveOptOut(string number) => ExecuteOne("DELETE FROM registry_opt_outs WHERE number = @number", number) > 0;

    private int ExecuteOne(string sql, string number)
    {
        using var transaction = BeginWrite();
        using var command = Command(transaction, sql);
        Add(command, "number", number);
        var changed = command.ExecuteNonQuery();
        transaction.Commit();
        return changed;
    }

    protected DbCommand Command(DbTransaction? transaction, string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 300;
        return command;
    }

    protected void Execute(DbTransaction? transaction, string sql)
    {
        using var command = Command(transaction, sql);
        command.ExecuteNonQuery();
    }

    private object? Scalar(DbTransaction transaction, string sql)
    {
        using var command = Command(transaction, sql);
        return command.ExecuteScalar();
    }

    protected static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        parameter.DbType = value is long ? DbType.Int64 : value is int ? DbType.Int32 : DbType.String;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public void Dispose()
    {
        Connection.Dispose();
        GC.SuppressFinalize(this);
    }
}
