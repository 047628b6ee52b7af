using System.Data.Common;
using Npgsql;

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
        var transaction = Connection.BeginTransaction();
        Execute(transaction, "LOCK TABLE registry_updates IN EXCLUSIVE MODE");
        return transaction;
    }
}
