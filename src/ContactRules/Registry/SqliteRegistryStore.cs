using System.Data.Common;
using Microsoft.Data.Sqlite;

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
                // synchronous=NORMAL is durable across a killed process in WAL mode (only power loss can
                // lose the last commits, never consistency).
                store.Execute(null, "PRAGMA journal_mode = WAL");
                store.Execute(null, "PRAGMA synchronous = NORMAL");
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
}
