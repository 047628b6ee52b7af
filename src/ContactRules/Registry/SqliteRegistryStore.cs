using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ContactRules.Registry;

/// <summary>
/// The registry in a SQLite file, in WAL mode: readers never wait for the writer, and several processes
/// can register at once (each batch takes the write lock with BEGIN IMMEDIATE and waits its turn).
/// </summary>
internal sealed class SqliteRegistryStore : RegistryStore
{
    private SqliteRegistryStore(SqliteConnection connection)
        : base(connection)
    {
    }

    public override string Kind => "SQLite";

    // SQLite compares TEXT with BINARY (UTF-8 bytes) by default: ordinal.
    protected override string OrdinalText => "TEXT";

    // Rows stored in their primary key's b-tree: one insert per row, and a case's updates side by side.
    protected override string KeyedTable => " WITHOUT ROWID";

    protected override string? ForeignTablesSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'";

    protected override string SchemaTableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'registry_schema'";

    /// <summary>
    /// Opens the file: for reading only (<paramref name="access"/> Read), never creating, changing or
    /// migrating it, so it works in a read-only directory and leaves another program's file as it was.
    /// </summary>
    public static SqliteRegistryStore Open(string path, RegistryAccess access)
    {
        try
        {
            return Open(path, access, immutable: false);
        }
        catch (SqliteException e) when (access == RegistryAccess.Read && e.SqliteErrorCode == CantOpen && File.Exists(path))
        {
            // A WAL-mode file whose directory cannot be written: SQLite cannot create the -shm file a reader
            // needs. Nobody can be writing it then (a writer needs that file too), so read it as immutable.
            return Open(path, access, immutable: true);
        }
    }

    private const int CantOpen = 14;

    private static SqliteRegistryStore Open(string path, RegistryAccess access, bool immutable)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = immutable ? new Uri(Path.GetFullPath(path)).AbsoluteUri + "?immutable=1" : path,
            Mode = access switch
            {
                RegistryAccess.Read => SqliteOpenMode.ReadOnly,
                RegistryAccess.Write => SqliteOpenMode.ReadWrite,
                _ => SqliteOpenMode.ReadWriteCreate,
            },
            Pooling = false,
            DefaultTimeout = 300,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        var store = new SqliteRegistryStore(connection);
        try
        {
            // The busy timeout makes a writer wait for another process's transaction rather than fail.
            store.Execute(null, "PRAGMA busy_timeout = 300000");
            store.Execute(null, "PRAGMA cache_size = -65536");
            // Checked before the journal mode is set, which rewrites the file's header.
            store.EnsureRegistry(access == RegistryAccess.Read, path);
            if (access != RegistryAccess.Read)
            {
                // WAL with synchronous=NORMAL: a commit is in the WAL file when Commit returns, so a killed
                // process (kill -9) loses nothing committed; only a power loss or OS crash can lose the last
                // commits (the WAL is synced at checkpoints, not at each commit), never consistency.
                store.Execute(null, "PRAGMA journal_mode = WAL");
                store.Execute(null, "PRAGMA synchronous = NORMAL");
                // A checkpoint (copying the WAL into the file, then syncing both) every 64 MB of WAL instead of
                // every 4 MB: a batch of 5,000 updates rewrites about 5,000 pages, so the default checkpointed
                // after every batch, writing each page twice and syncing twice per batch. Durability is the
                // same (checkpoints only move committed pages); the WAL file is truncated back to 64 MB after.
                store.Execute(null, "PRAGMA wal_autocheckpoint = 16384");
                store.Execute(null, "PRAGMA journal_size_limit = 67108864");
            }
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public override void Migrate()
    {
        using var transaction = BeginWrite();
        MigrateLocked(transaction);
        transaction.Commit();
    }

    protected override DbTransaction BeginWrite() => ((SqliteConnection)Connection).BeginTransaction(deferred: false);

    // The write path's statements, prepared once for the connection's life and reused by every batch,
    // and bound by position through SQLite's own API: one row per step costs less than a multi-row
    // statement's parameters bound by name.
    private Statement? _history;
    private Statement? _insertUpdate;
    private Statement? _upsertClaim;
    private Statement? _deleteClaim;

    private Statement Prepared(ref Statement? statement, string sql) => statement ??= new Statement(((SqliteConnection)Connection).Handle!, sql);

    protected override void ReadHistory(DbTransaction transaction, IReadOnlyList<string> caseIds, Dictionary<string, CaseHistory> into)
    {
        var read = Prepared(ref _history,
            "SELECT u.modified, u.claim, u.opened, c.number, c.claimed FROM registry_updates u " +
            "LEFT JOIN registry_claims c ON c.case_id = u.case_id WHERE u.case_id = ?1 ORDER BY u.modified DESC");
        foreach (var caseId in caseIds)
        {
            read.Text(1, caseId);
            List<RegistryUpdate>? updates = null;
            CaseClaim? claim = null;
            while (read.Step())
            {
                updates ??= [];
                updates.Add(new RegistryUpdate(caseId, read.Int64(0), read.String(1), read.Int64(2)));
                claim = read.IsNull(3) ? null : new CaseClaim(caseId, read.String(3), read.Int64(4));
            }
            if (updates is not null)
            {
                into[caseId] = new CaseHistory(updates, claim);
            }
        }
    }

    protected override void WriteUpdates(DbTransaction transaction, IReadOnlyList<RegistryUpdate> rows)
    {
        var insert = Prepared(ref _insertUpdate, "INSERT INTO registry_updates (case_id, modified, claim, opened) VALUES (?1, ?2, ?3, ?4) " + UpdateConflict);
        foreach (var row in rows)
        {
            insert.Text(1, row.CaseId).Int64(2, row.Modified).Text(3, row.Claim).Int64(4, row.Opened).Run();
        }
    }

    protected override void WriteClaims(DbTransaction transaction, IReadOnlyList<CaseClaim> claims, IReadOnlyList<string> unclaimed)
    {
        var upsert = Prepared(ref _upsertClaim, "INSERT INTO registry_claims (case_id, number, claimed) VALUES (?1, ?2, ?3) " + ClaimConflict);
        foreach (var claim in claims)
        {
            upsert.Text(1, claim.CaseId).Text(2, claim.Number).Int64(3, claim.Claimed).Run();
        }
        var delete = Prepared(ref _deleteClaim, "DELETE FROM registry_claims WHERE case_id = ?1");
        foreach (var caseId in unclaimed)
        {
            delete.Text(1, caseId).Run();
        }
    }

    protected override void Release()
    {
        _history?.Dispose();
        _insertUpdate?.Dispose();
        _upsertClaim?.Dispose();
        _deleteClaim?.Dispose();
    }

    /// <summary>A prepared statement on the connection's handle; a failure is a <see cref="SqliteException"/>, as from any command.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;

        public Statement(sqlite3 db, string sql)
        {
            _db = db;
            Check(raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement));
        }

        public Statement Text(int index, string value)
        {
            // An empty span would bind NULL (it has no address): "" is bound as the empty C string.
            Check(value.Length == 0 ? raw.sqlite3_bind_text(_statement, index, "") : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));
            return this;
        }

        public Statement Int64(int index, long value)
        {
            Check(raw.sqlite3_bind_int64(_statement, index, value));
            return this;
        }

        /// <summary>Runs a statement that returns no rows.</summary>
        public void Run()
        {
            while (Step())
            {
            }
        }

        /// <summary>The next row: true while there is one; at the end (or on failure) the statement is reset for its next use.</summary>
        public bool Step()
        {
            var result = raw.sqlite3_step(_statement);
            if (result == raw.SQLITE_ROW)
            {
                return true;
            }
            raw.sqlite3_reset(_statement);
            if (result != raw.SQLITE_DONE)
            {
                Check(result);
            }
            return false;
        }

        public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

        public string String(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string() ?? "";

        public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

        private void Check(int result) => SqliteException.ThrowExceptionForRC(result, _db);

        public void Dispose() => _statement.Dispose();
    }
}
