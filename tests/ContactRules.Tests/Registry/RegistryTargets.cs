using System.Reflection;
using ContactRules.Registry;
using Npgsql;
using Xunit.Sdk;

namespace ContactRules.Tests.Registry;

/// <summary>
/// Runs a registry test against one store: <c>[Store("sqlite")]</c> always, <c>[Store("postgres")]</c>
/// when CONTACTRULES_TEST_POSTGRES holds a connection string (see scripts/postgres.sh). Without it the
/// PostgreSQL case is skipped, except under CI=true, where it runs and fails: CI must test both stores.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class StoreAttribute : DataAttribute
{
    private readonly string _kind;

    public StoreAttribute(string kind)
    {
        _kind = kind;
        if (kind == RegistryTargets.Postgres && RegistryTargets.PostgresServer is null && !RegistryTargets.InCi)
        {
            Skip = $"PostgreSQL: set {RegistryTargets.PostgresVariable} (export {RegistryTargets.PostgresVariable}=\"$(scripts/postgres.sh)\") to run it";
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[_kind]];
}

/// <summary>A fresh, empty registry for one test, removed when disposed.</summary>
internal sealed class TestRegistry : IDisposable
{
    private readonly Action _remove;

    public TestRegistry(string kind, string value, Action remove)
    {
        Kind = kind;
        Value = value;
        _remove = remove;
    }

    public string Kind { get; }

    /// <summary>What --registry takes: the file path or the connection string.</summary>
    public string Value { get; }

    public ContactRegistry Open() => ContactRegistry.Open(Value);

    public void Dispose() => _remove();
}

internal static class RegistryTargets
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string PostgresVariable = "CONTACTRULES_TEST_POSTGRES";

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A new registry: a file in a new temporary directory, or a new schema in the test database (each
    /// PostgreSQL registry lives in its own schema, named first on the connection's search path).
    /// </summary>
    public static TestRegistry Create(string kind)
    {
        if (kind == Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("contactrules-registry-");
            return new TestRegistry(kind, Path.Combine(directory.FullName, "registry.db"), () => directory.Delete(recursive: true));
        }
        var server = PostgresServer
            ?? throw new InvalidOperationException($"CI=true but {PostgresVariable} is not set: CI must start PostgreSQL (scripts/postgres.sh) for the registry tests");
        var schema = "t_" + Guid.NewGuid().ToString("N");
        Execute(server, $"CREATE SCHEMA {schema}");
        var value = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        return new TestRegistry(kind, value, () => Execute(server, $"DROP SCHEMA {schema} CASCADE"));
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
