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

    public static SqliteRegistryStore Open(string path, bool create)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 300,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        var store = new SqliteRegistryStore(connection);
        // The busy timeout makes a writer wait for another process's transaction rather than fail;
        // synchronous=NORMAL is durable across a killed process in WAL mode (only power loss can lose
        // the last commits, never consistency).
        store.Execute(null, "PRAGMA busy_timeout = 300000");
        store.Execute(null, "PRAGMA journal_mode = WAL");
        store.Execute(null, "PRAGMA synchronous = NORMAL");
        store.Execute(null, "PRAGMA cache_size = -65536");
        return store;
    }

    public override void Migrate()
    {
        using var transaction = BeginWrite();
        MigrateLocked(transaction);
        transaction.Commit();
    }

    protected override DbTransaction BeginWrite() => ((SqliteConnection)Connection).BeginTransaction(deferred: false);
}
