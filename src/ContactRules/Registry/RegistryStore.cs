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
    public const int SchemaVersion = 3;

    protected RegistryStore(DbConnection connection) => Connection = connection;

    protected DbConnection Connection { get; }

    /// <summary>How the store's kind is named in messages: SQLite or PostgreSQL.</summary>
    public abstract string Kind { get; }

    /// <summary>The type of a text column that compares ordinally (code point by code point).</summary>
    protected abstract string OrdinalText { get; }

    /// <summary>What follows CREATE TABLE (…) for a table keyed by its primary key.</summary>
    protected virtual string KeyedTable => "";

    /// <summary>Creates the schema, or migrates it, on first use; safe when several processes do it at once.</summary>
    public abstract void Migrate();

    /// <summary>
    /// A query listing the names of the tables where the registry's tables live (SQLite: the file; PostgreSQL:
    /// the current schema), or null when other tables there are no sign of a foreign database (a shared
    /// PostgreSQL database holds other programs' tables by design).
    /// </summary>
    protected abstract string? ForeignTablesSql { get; }

    /// <summary>A query giving 1 when the table registry_schema exists, else 0.</summary>
    protected abstract string SchemaTableExistsSql { get; }

    /// <summary>
    /// Refuses, before anything is written, a database that is not a ContactRules registry: for reading, one
    /// without the registry's schema table or at another schema version (reading never creates or migrates);
    /// for writing, one that already holds other tables and not the registry's (another program's file).
    /// </summary>
    public void EnsureRegistry(bool readOnly, string name)
    {
        // Tables are counted before the schema table is looked for: another process creating the registry
        // commits its tables and registry_schema together, so tables seen first and no schema table seen
        // after can only be another program's. The other order took a registry created in between for one.
        var hasTables = ForeignTablesSql is { } sql && Convert.ToInt64(Scalar(null, sql) ?? 0L, System.Globalization.CultureInfo.InvariantCulture) > 0;
        var hasSchema = Convert.ToInt64(Scalar(null, SchemaTableExistsSql) ?? 0L, System.Globalization.CultureInfo.InvariantCulture) > 0;
        if (!hasSchema)
        {
            if (readOnly || hasTables)
            {
                throw new RegistryException(Text.Messages.RegistryNotARegistry(name));
            }
            return;
        }
        if (!readOnly)
        {
            return;
        }
        var recorded = Convert.ToInt32(Scalar(null, "SELECT COALESCE(MAX(version), 0) FROM registry_schema") ?? 0, System.Globalization.CultureInfo.InvariantCulture);
        if (recorded > SchemaVersion)
        {
            throw new RegistryException(Text.Messages.RegistryTooNew(recorded, SchemaVersion));
        }
        if (recorded < SchemaVersion)
        {
            throw new RegistryException(Text.Messages.RegistryTooOldToRead(name, recorded, SchemaVersion));
        }
    }

    /// <summary>Starts a transaction that holds the registry's write lock until it ends.</summary>
    protected abstract DbTransaction BeginWrite();

    /// <summary>The schema's statements for <paramref name="version"/>, applied in order to go from version - 1 to it.</summary>
    protected IEnumerable<string> MigrationTo(int version) => version switch
    {
        1 =>
        [
            $"CREATE TABLE registry_updates (case_id {OrdinalText} NOT NULL, modified BIGINT NOT NULL, claim {OrdinalText} NOT NULL, opened BIGINT NOT NULL, PRIMARY KEY (case_id, modified)){KeyedTable}",
            $"CREATE TABLE registry_claims (case_id {OrdinalText} NOT NULL PRIMARY KEY, number {OrdinalText} NOT NULL, claimed BIGINT NOT NULL){KeyedTable}",
            "CREATE INDEX registry_claims_by_number ON registry_claims (number, claimed, case_id)",
            $"CREATE TABLE registry_opt_outs (number {OrdinalText} NOT NULL PRIMARY KEY){KeyedTable}",
        ],
        // A count of the batches written, so a writer knows whether anyone else wrote since its last batch.
        2 =>
        [
            "CREATE TABLE registry_writes (generation BIGINT NOT NULL)",
            "INSERT INTO registry_writes (generation) VALUES (0)",
        ],
        // Where a sync from the Case API stopped, per project and case type ('' for every type): the latest
        // indexed_on seen, as HQ wrote it (what the next run asks from) and as ticks (to keep the latest).
        3 =>
        [
            $"CREATE TABLE registry_sync (domain {OrdinalText} NOT NULL, case_type {OrdinalText} NOT NULL, indexed_on {OrdinalText} NOT NULL, indexed_ticks BIGINT NOT NULL, PRIMARY KEY (domain, case_type)){KeyedTable}",
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
    /// Rows per multi-row statement: few statements per batch, yet few parameters per statement (SQLite
    /// finds a parameter by name with a linear search, so a statement's binding grows with its square).
    /// </summary>
    private const int RowsPerStatement = 16;

    /// <summary>
    /// Records a batch of updates and re-derives the claim of every case they touch, in one transaction
    /// under the write lock: either all of the batch is in the registry, consistently, or none of it.
    /// </summary>
    public void Apply(IReadOnlyList<RegistryUpdate> batch, IReadOnlyList<SyncCursor>? cursors = null)
    {
        try
        {
            ApplyLocked(batch, cursors ?? []);
        }
        catch
        {
            // What is cached may now be ahead of what was committed.
            _cache.Clear();
            _generation = -1;
            throw;
        }
    }

    /// <summary>
    /// Each case's recorded updates (newest first) and claim, as this writer last wrote them; good only
    /// while nobody else has written since (<see cref="_generation"/>): it spares reading them back.
    /// </summary>
    private readonly Dictionary<string, (List<RegistryUpdate> Updates, CaseClaim? Claim)> _cache = new(StringComparer.Ordinal);

    private const int MaxCachedCases = 1_000_000;

    /// <summary>The batch count after this writer's last batch; -1 when it knows nothing.</summary>
    private long _generation = -1;

    private void ApplyLocked(IReadOnlyList<RegistryUpdate> batch, IReadOnlyList<SyncCursor> cursors)
    {
        // One row per case and time (a statement may not upsert the same row twice), as the table keeps them.
        var rows = new Dictionary<(string, long), RegistryUpdate>(batch.Count);
        foreach (var update in batch)
        {
            var key = (update.CaseId, update.Modified);
            if (!rows.TryGetValue(key, out var kept) || RegistryUpdate.Supersedes(update, kept))
            {
                rows[key] = update;
            }
        }

        using var transaction = BeginWrite();
        var generation = Convert.ToInt64(Scalar(transaction, "SELECT generation FROM registry_writes"), System.Globalization.CultureInfo.InvariantCulture);
        if (generation != _generation || _cache.Count > MaxCachedCases)
        {
            _cache.Clear();
        }
        using var record = new RowStatements(this, transaction, 4, values =>
            "INSERT INTO registry_updates (case_id, modified, claim, opened) VALUES " + values + " " +
            "ON CONFLICT (case_id, modified) DO UPDATE SET claim = excluded.claim, opened = excluded.opened " +
            "WHERE excluded.claim < registry_updates.claim OR (excluded.claim = registry_updates.claim AND excluded.opened < registry_updates.opened)");
        foreach (var chunk in rows.Values.Chunk(RowsPerStatement))
        {
            record.Execute(chunk.SelectMany(u => new object[] { u.CaseId, u.Modified, u.Claim, u.Opened }), chunk.Length);
        }

        var claims = new List<CaseClaim>();
        var unclaimed = new List<string>();
        void Settle(string caseId, List<RegistryUpdate> updates, CaseClaim? recorded)
        {
            // Only what changes is written: most updates leave their case's claim as it was.
            var claim = ClaimDerivation.Derive(caseId, updates);
            _cache[caseId] = (updates, claim);
            if (claim == recorded)
            {
                return;
            }
            if (claim is { } changed)
            {
                claims.Add(changed);
            }
            else
            {
                unclaimed.Add(caseId);
            }
        }
        var unknown = new List<string>();
        foreach (var group in rows.Values.GroupBy(u => u.CaseId, StringComparer.Ordinal))
        {
            if (_cache.TryGetValue(group.Key, out var cached))
            {
                Settle(group.Key, Merge(cached.Updates, group), cached.Claim);
            }
            else
            {
                unknown.Add(group.Key);
            }
        }
        using var history = new RowStatements(this, transaction, RowStatements.List, values =>
            "SELECT u.case_id, u.modified, u.claim, u.opened, c.number, c.claimed FROM registry_updates u " +
            "LEFT JOIN registry_claims c ON c.case_id = u.case_id WHERE u.case_id IN (" + values + ") ORDER BY u.case_id, u.modified DESC");
        foreach (var chunk in unknown.Chunk(RowsPerStatement))
        {
            using var reader = history.Read(chunk, chunk.Length);
            foreach (var (caseId, updates, recorded) in ByCase(reader))
            {
                Settle(caseId, updates, recorded);
            }
        }
        using var upsert = new RowStatements(this, transaction, 3, values =>
            "INSERT INTO registry_claims (case_id, number, claimed) VALUES " + values + " " +
            "ON CONFLICT (case_id) DO UPDATE SET number = excluded.number, claimed = excluded.claimed");
        foreach (var chunk in claims.Chunk(RowsPerStatement))
        {
            upsert.Execute(chunk.SelectMany(c => new object[] { c.CaseId, c.Number, c.Claimed }), chunk.Length);
        }
        using var remove = new RowStatements(this, transaction, RowStatements.List, values =>
            "DELETE FROM registry_claims WHERE case_id IN (" + values + ")");
        foreach (var chunk in unclaimed.Chunk(RowsPerStatement))
        {
            remove.Execute(chunk, chunk.Length);
        }
        // The sync cursor commits with the batch it covers: a run killed after this commit resumes after
        // the batch, one killed before it fetches the batch again. It only moves forward.
        foreach (var cursor in cursors)
        {
            using var advance = Command(transaction,
                "INSERT INTO registry_sync (domain, case_type, indexed_on, indexed_ticks) VALUES (@domain, @type, @raw, @ticks) " +
                "ON CONFLICT (domain, case_type) DO UPDATE SET indexed_on = excluded.indexed_on, indexed_ticks = excluded.indexed_ticks " +
                "WHERE excluded.indexed_ticks > registry_sync.indexed_ticks");
            Add(advance, "domain", cursor.Domain);
            Add(advance, "type", cursor.CaseType);
            Add(advance, "raw", cursor.IndexedOn);
            Add(advance, "ticks", cursor.Ticks);
            advance.ExecuteNonQuery();
        }
        Execute(transaction, "UPDATE registry_writes SET generation = generation + 1");
        _generation = -1;
        transaction.Commit();
        _generation = generation + 1;
    }

    /// <summary>
    /// A case's recorded updates (newest first) with a batch's merged in, one per time as the table keeps
    /// them (on a tie, the superseding one).
    /// </summary>
    private static List<RegistryUpdate> Merge(List<RegistryUpdate> recorded, IEnumerable<RegistryUpdate> batch)
    {
        var merged = new List<RegistryUpdate>(recorded);
        foreach (var update in batch)
        {
            var at = merged.FindIndex(u => u.Modified <= update.Modified);
            if (at < 0)
            {
                merged.Add(update);
            }
            else if (merged[at].Modified != update.Modified)
            {
                merged.Insert(at, update);
            }
            else if (RegistryUpdate.Supersedes(update, merged[at]))
            {
                merged[at] = update;
            }
        }
        return merged;
    }

    /// <summary>
    /// One multi-row statement, made once per row count and reused within a transaction: the rows'
    /// parameters stand in its text as <c>(@p0, @p1), (@p2, @p3)</c>, or as <c>@p0, @p1</c> for a
    /// <see cref="List"/> of single values.
    /// </summary>
    private sealed class RowStatements(RegistryStore store, DbTransaction transaction, int columns, Func<string, string> sql) : IDisposable
    {
        /// <summary>The columns of a list of single values, written without parentheses (for IN).</summary>
        public const int List = 0;

        private readonly Dictionary<int, DbCommand> _byRows = [];

        public void Execute(IEnumerable<object> values, int rows) => For(values, rows).ExecuteNonQuery();

        public DbDataReader Read(IEnumerable<object> values, int rows) => For(values, rows).ExecuteReader();

        private DbCommand For(IEnumerable<object> values, int rows)
        {
            if (!_byRows.TryGetValue(rows, out var command))
            {
                command = store.Command(transaction, sql(Placeholders(rows, columns)));
                foreach (var value in values)
                {
                    Add(command, "@p" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
                }
                _byRows[rows] = command;
                return command;
            }
            var i = 0;
            foreach (var value in values)
            {
                command.Parameters[i++].Value = value;
            }
            return command;
        }

        private static string Placeholders(int rows, int columns)
        {
            if (columns == List)
            {
                return string.Join(", ", Enumerable.Range(0, rows).Select(i => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            var text = new System.Text.StringBuilder();
            for (var row = 0; row < rows; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < columns; column++)
                {
                    text.Append(column == 0 ? "@p" : ", @p").Append((row * columns) + column);
                }
                text.Append(')');
            }
            return text.ToString();
        }

        public void Dispose()
        {
            foreach (var command in _byRows.Values)
            {
                command.Dispose();
            }
        }
    }

    /// <summary>
    /// Each case's updates, newest first, and its claim as recorded, from rows ordered by case and then
    /// time descending (each row repeats its case's recorded claim, or nulls when it has none).
    /// </summary>
    private static IEnumerable<(string CaseId, List<RegistryUpdate> Updates, CaseClaim? Recorded)> ByCase(DbDataReader reader)
    {
        string? current = null;
        CaseClaim? recorded = null;
        var updates = new List<RegistryUpdate>();
        while (reader.Read())
        {
            var caseId = reader.GetString(0);
            if (current is not null && caseId != current)
            {
                yield return (current, updates, recorded);
                updates = [];
            }
            current = caseId;
            recorded = reader.IsDBNull(4) ? null : new CaseClaim(caseId, reader.GetString(4), reader.GetInt64(5));
            updates.Add(new RegistryUpdate(caseId, reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3)));
        }
        if (current is not null)
        {
            yield return (current, updates, recorded);
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

    /// <summary>The sync cursors recorded for <paramref name="domain"/>, by case type ('' for every type).</summary>
    public IReadOnlyList<SyncCursor> Cursors(string domain)
    {
        using var command = Command(null, "SELECT domain, case_type, indexed_on, indexed_ticks FROM registry_sync WHERE domain = @domain");
        Add(command, "domain", domain);
        var cursors = new List<SyncCursor>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cursors.Add(new SyncCursor(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }
        return cursors;
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

    private object? Scalar(DbTransaction? transaction, string sql)
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
