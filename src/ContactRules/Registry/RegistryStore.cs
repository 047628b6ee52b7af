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
            _complete = false;
            _generation = -1;
            throw;
        }
    }

    /// <summary>
    /// Each case's recorded updates (newest first) and claim, as this writer last wrote them; good only
    /// while nobody else has written since (<see cref="_generation"/>): it spares reading them back.
    /// </summary>
    private readonly Dictionary<string, CaseHistory> _cache = new(StringComparer.Ordinal);

    private const int MaxCachedCases = 1_000_000;

    /// <summary>The batch count after this writer's last batch; -1 when it knows nothing.</summary>
    private long _generation = -1;

    /// <summary>
    /// Whether the cache holds every case recorded: this writer found the registry empty and nobody else
    /// has written since, so a case the cache lacks has no history to read (a first registration).
    /// </summary>
    private bool _complete;

    /// <summary>
    /// A case's recorded updates, one per modification time, newest first, and its recorded claim. A cached
    /// one is changed in place by the batch being written (a failed batch clears the cache).
    /// </summary>
    protected internal sealed class CaseHistory(List<RegistryUpdate> updates, CaseClaim? claim)
    {
        public List<RegistryUpdate> Updates { get; } = updates;

        public CaseClaim? Claim { get; set; } = claim;
    }

    /// <summary>What an update of registry_updates does with a row it finds there: the same as <see cref="RegistryUpdate.Supersedes"/>.</summary>
    protected const string UpdateConflict =
        "ON CONFLICT (case_id, modified) DO UPDATE SET claim = excluded.claim, opened = excluded.opened " +
        "WHERE excluded.claim < registry_updates.claim OR (excluded.claim = registry_updates.claim AND excluded.opened < registry_updates.opened)";

    /// <summary>What an upsert of registry_claims does with the case's claim it finds there.</summary>
    protected const string ClaimConflict = "ON CONFLICT (case_id) DO UPDATE SET number = excluded.number, claimed = excluded.claimed";

    /// <summary>
    /// The recorded history of each of <paramref name="caseIds"/> that has any (the others have none),
    /// read under the write lock.
    /// </summary>
    protected abstract void ReadHistory(DbTransaction transaction, IReadOnlyList<string> caseIds, Dictionary<string, CaseHistory> into);

    /// <summary>
    /// Records <paramref name="rows"/> (one per case and time, each new or superseding the row recorded):
    /// an upsert with <see cref="UpdateConflict"/>, which keeps the table right even if a row is not.
    /// </summary>
    protected abstract void WriteUpdates(DbTransaction transaction, IReadOnlyList<RegistryUpdate> rows);

    /// <summary>Records the claims that changed and removes those of the cases that no longer claim a number.</summary>
    protected abstract void WriteClaims(DbTransaction transaction, IReadOnlyList<CaseClaim> claims, IReadOnlyList<string> unclaimed);

    private void ApplyLocked(IReadOnlyList<RegistryUpdate> batch, IReadOnlyList<SyncCursor> cursors)
    {
        // In key order (case, then time): each case's rows side by side, and what is written goes in the
        // tables' own order, so neighbouring rows land on the same pages.
        var rows = batch.ToArray();
        Array.Sort(rows, ByKey);
        var cases = new List<(int Start, int End)>();
        for (var start = 0; start < rows.Length;)
        {
            var end = start + 1;
            while (end < rows.Length && string.Equals(rows[end].CaseId, rows[start].CaseId, StringComparison.Ordinal))
            {
                end++;
            }
            cases.Add((start, end));
            start = end;
        }

        using var transaction = BeginWrite();
        var generation = Convert.ToInt64(Scalar(transaction, "SELECT generation FROM registry_writes"), System.Globalization.CultureInfo.InvariantCulture);
        if (generation != _generation || _cache.Count > MaxCachedCases)
        {
            _cache.Clear();
            _complete = Scalar(transaction, "SELECT 1 FROM registry_updates LIMIT 1") is null;
        }
        // Claims are derived here, in memory, from each case's history: the cached one, or the one read
        // before anything is written (the lock keeps it as read); then only what changes is written.
        var histories = new CaseHistory?[cases.Count];
        var unknown = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var caseId = rows[cases[i].Start].CaseId;
            if (_cache.TryGetValue(caseId, out var cached))
            {
                histories[i] = cached;
            }
            else
            {
                unknown.Add(caseId);
            }
        }
        var recorded = new Dictionary<string, CaseHistory>(StringComparer.Ordinal);
        if (unknown.Count > 0 && !_complete)
        {
            ReadHistory(transaction, unknown, recorded);
        }
        var changed = new List<RegistryUpdate>();
        var claims = new List<CaseClaim>();
        var unclaimed = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (start, end) = cases[i];
            var caseId = rows[start].CaseId;
            var history = histories[i];
            if (history is null)
            {
                history = recorded.TryGetValue(caseId, out var read) ? read : new CaseHistory([], null);
                _cache[caseId] = history;
            }
            if (!Merge(history.Updates, rows.AsSpan(start, end - start), changed))
            {
                continue;
            }
            // Only what changes is written: most updates leave their case's claim as it was.
            var claim = ClaimDerivation.Derive(caseId, history.Updates);
            if (claim == history.Claim)
            {
                continue;
            }
            history.Claim = claim;
            if (claim is { } claiming)
            {
                claims.Add(claiming);
            }
            else
            {
                unclaimed.Add(caseId);
            }
        }
        if (changed.Count > 0)
        {
            WriteUpdates(transaction, changed);
        }
        if (claims.Count > 0 || unclaimed.Count > 0)
        {
            WriteClaims(transaction, claims, unclaimed);
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

    private static readonly Comparison<RegistryUpdate> ByKey = static (a, b) =>
        string.CompareOrdinal(a.CaseId, b.CaseId) is var c && c != 0 ? c : a.Modified.CompareTo(b.Modified);

    /// <summary>
    /// Merges one case's rows of a batch (oldest first) into its recorded updates (newest first), in place,
    /// keeping one per time as the table does (on a tie, the superseding one); the rows that change it are
    /// added to <paramref name="changed"/>. Returns whether any did.
    /// </summary>
    private static bool Merge(List<RegistryUpdate> recorded, Span<RegistryUpdate> batch, List<RegistryUpdate> changed)
    {
        var any = false;
        for (var i = 0; i < batch.Length; i++)
        {
            var update = batch[i];
            // Of two rows of the batch at one time, only the one that stands is merged.
            if (i + 1 < batch.Length && batch[i + 1].Modified == update.Modified)
            {
                if (RegistryUpdate.Supersedes(update, batch[i + 1]))
                {
                    batch[i + 1] = update;
                }
                continue;
            }
            var at = 0;
            while (at < recorded.Count && recorded[at].Modified > update.Modified)
            {
                at++;
            }
            if (at == recorded.Count || recorded[at].Modified != update.Modified)
            {
                recorded.Insert(at, update);
            }
            else if (RegistryUpdate.Supersedes(update, recorded[at]))
            {
                recorded[at] = update;
            }
            else
            {
                continue;
            }
            changed.Add(update);
            any = true;
        }
        return any;
    }

    /// <summary>
    /// Each case's updates, newest first, and its claim as recorded, from rows of (case_id, modified, claim,
    /// opened, number, claimed) ordered by case and then time descending (each row repeats its case's
    /// recorded claim, or nulls when it has none).
    /// </summary>
    protected static void ReadHistories(DbDataReader reader, Dictionary<string, CaseHistory> into)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(into);
        string? current = null;
        CaseClaim? claim = null;
        var updates = new List<RegistryUpdate>();
        while (reader.Read())
        {
            var caseId = reader.GetString(0);
            if (current is not null && caseId != current)
            {
                into[current] = new CaseHistory(updates, claim);
                updates = [];
            }
            current = caseId;
            claim = reader.IsDBNull(4) ? null : new CaseClaim(caseId, reader.GetString(4), reader.GetInt64(5));
            updates.Add(new RegistryUpdate(caseId, reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3)));
        }
        if (current is not null)
        {
            into[current] = new CaseHistory(updates, claim);
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

    protected object? Scalar(DbTransaction? transaction, string sql)
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

    /// <summary>Releases what a store keeps open on its connection (prepared statements), before the connection closes.</summary>
    protected virtual void Release()
    {
    }

    public void Dispose()
    {
        Release();
        Connection.Dispose();
        GC.SuppressFinalize(this);
    }
}
