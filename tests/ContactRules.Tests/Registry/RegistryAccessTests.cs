using ContactRules.Tests.Cli;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ContactRules.Tests.Registry;

/// <summary>
/// Reading commands open the registry read-only and never create or migrate it; another program's SQLite
/// file is refused untouched by every command; a corrupt registry is a clear error, not an internal one.
/// </summary>
public sealed class RegistryAccessTests
{
    private static readonly string Cases = CliRunner.InRepository("examples/cases.json");
    private static readonly string Project = CliRunner.InRepository("examples/project.yaml");

    private static string[] Arguments(string[] command) =>
        [.. command.Select(a => a switch { "{cases}" => Cases, "{project}" => Project, _ => a })];

    private static void CreateSqlite(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = sql;
        create.ExecuteNonQuery();
    }

    [Theory]
    [InlineData("owners")]
    [InlineData("optout", "list")]
    [InlineData("optout", "add", "919812345678")]
    [InlineData("optout", "remove", "919812345678")]
    [InlineData("check", "{cases}")]
    [InlineData("register", "{cases}", "--project", "{project}")]
    public void Another_programs_sqlite_file_is_refused_and_left_byte_for_byte(params string[] command)
    {
        using var files = new TempFiles();
        var other = files.PathOf("other.db");
        CreateSqlite(other, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')");
        var before = File.ReadAllBytes(other);

        var result = CliRunner.RunInProcess([.. Arguments(command), "--registry", other]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not a ContactRules registry", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(other));
        Assert.Equal(["other.db"], Directory.GetFiles(files.Directory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("owners")]
    [InlineData("optout", "list")]
    [InlineData("optout", "remove", "919812345678")]
    [InlineData("check", "{cases}")]
    public void A_missing_registry_is_not_created_by_a_command_that_does_not_add(params string[] command)
    {
        using var files = new TempFiles();
        var missing = files.PathOf("missing.db");

        var result = CliRunner.RunInProcess([.. Arguments(command), "--registry", missing]);

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Reading_an_old_registry_does_not_migrate_it()
    {
        using var files = new TempFiles();
        var old = files.PathOf("old.db");
        CreateSqlite(old, "CREATE TABLE registry_schema (version INTEGER NOT NULL); INSERT INTO registry_schema VALUES (1)");
        var before = File.ReadAllBytes(old);

        var result = CliRunner.RunInProcess("owners", "--registry", old);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run `contactrules register` on it once to migrate it", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(old));
    }

    [Fact]
    public void A_corrupt_registry_is_a_clear_error_with_exit_1()
    {
        using var files = new TempFiles();
        var registry = files.PathOf("r.db");
        Assert.Equal(0, CliRunner.RunInProcess("register", Cases, "--project", Project, "--registry", registry).ExitCode);
        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(registry);
        Assert.True(bytes.Length > 8192, $"the registry has {bytes.Length} bytes");
        // Every page after the first (the schema) overwritten: the tables are there, their b-trees are not.
        Array.Fill(bytes, (byte)0xA5, 4096, bytes.Length - 4096);
        File.WriteAllBytes(registry, bytes);

        foreach (var command in (string[])["owners", "optout list", "check {cases}"])
        {
            var result = CliRunner.RunInProcess([.. Arguments(command.Split(' ')), "--registry", registry]);

            Assert.Equal(1, result.ExitCode);
            Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
            Assert.Contains("malformed", result.Error, StringComparison.Ordinal);
        }
    }
}
