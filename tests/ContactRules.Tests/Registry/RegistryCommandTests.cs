using ContactRules.Registry;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Registry;

/// <summary>register, owners, optout and check --registry as a user runs them.</summary>
public sealed class RegistryCommandTests
{
    private static readonly string[] Project = ["--project", "examples/project.yaml"];

    private static CliRunner.Result Run(params string[] arguments)
    {
        var result = CliRunner.Run(null, arguments);
        return result;
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void Register_then_owners_optout_and_check_with_the_registry(string kind)
    {
        using var target = RegistryTargets.Create(kind);
        var register = Run(["register", "examples/cases.json", "--registry", target.Value, .. Project]);
        Assert.True(register.ExitCode == 0, register.Error);
        Assert.Contains("12 records read: 12 recorded, 0 rejected.", register.Error, StringComparison.Ordinal);

        var owners = Run("owners", "--registry", target.Value, "--format", "json");
        Assert.Equal(
            "{\"number\":\"254712345678\",\"owner\":\"c-wanjiru\",\"claimants\":[\"c-wanjiru\"]}\n" +
            "{\"number\":\"919812345678\",\"owner\":\"c-asha\",\"claimants\":[\"c-asha\",\"c-second-claim\"]}\n",
            owners.Out);
        Assert.Equal("919812345678  c-asha  (in line: c-asha, c-second-claim)\n", Run("owners", "+919812345678", "--registry", target.Value).Out);
        Assert.Equal("{\"number\":\"15551234567\",\"owner\":null,\"claimants\":[]}\n", Run("owners", "15551234567", "--registry", target.Value, "--format", "json").Out);

        var without = Run(["check", "examples/cases.json", "--format", "json", .. Project]);
        var with = Run(["check", "examples/cases.json", "--format", "json", "--registry", target.Value, .. Project]);
        Assert.Equal(without.Out, with.Out);

        Assert.Equal(0, Run("optout", "add", "254712345678", "--registry", target.Value).ExitCode);
        Assert.Equal("254712345678\n", Run("optout", "list", "--registry", target.Value).Out);
        var optedOut = Run(["explain", "c-wanjiru", "examples/cases.json", "--registry", target.Value, .. Project]);
        Assert.Contains("PHONE_NUMBER_OPTED_OUT", optedOut.Out, StringComparison.Ordinal);
        Assert.Equal(0, Run("optout", "remove", "254712345678", "--registry", target.Value).ExitCode);
        Assert.Equal("", Run("optout", "list", "--registry", target.Value).Out);
    }

    [Fact]
    public void A_registry_that_is_not_there_is_an_error_for_commands_that_only_read()
    {
        var missing = Path.Combine(Path.GetTempPath(), "contactrules-missing-" + Guid.NewGuid().ToString("N") + ".db");
        var check = Run("check", "examples/cases.json", "--registry", missing);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("cannot open the registry", check.Error, StringComparison.Ordinal);
        Assert.Equal(1, Run("owners", "--registry", missing).ExitCode);
        Assert.False(File.Exists(missing));
    }

    [Theory]
    [InlineData("optout", "add", "+254 7123", "--registry", "x.db")]
    [InlineData("optout", "add", "--registry", "x.db")]
    [InlineData("optout", "list", "254712345678", "--registry", "x.db")]
    [InlineData("optout", "block", "254712345678", "--registry", "x.db")]
    [InlineData("owners", "phone", "--registry", "x.db")]
    [InlineData("owners", "--registry", "x.db", "--format", "xml")]
    [InlineData("owners")]
    [InlineData("register", "examples/cases.json")]
    public void Usage_errors_exit_with_2(params string[] arguments) => Assert.Equal(2, Run(arguments).ExitCode);

    [Theory]
    [InlineData("register")]
    [InlineData("owners")]
    [InlineData("optout")]
    [InlineData("schedule")]
    [InlineData("check")]
    public void Each_command_has_help_with_examples(string command)
    {
        var help = Run(command, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("EXAMPLES:", help.Out, StringComparison.Ordinal);
        if (command is not "schedule")
        {
            Assert.Contains("--registry", help.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("postgresql://alice:s%40cret@db.example.org:5433/contacts?sslmode=require", "Host=db.example.org;Port=5433;Username=alice;Password=s@cret;Database=contacts;SSL Mode=Require")]
    [InlineData("postgres://db.example.org/contacts", "Host=db.example.org;Database=contacts")]
    public void A_PostgreSQL_URI_becomes_the_keyword_form(string uri, string expected)
    {
        var target = ContactRules.Registry.RegistryTarget.Parse(uri);
        Assert.True(target.IsPostgres);
        Assert.Equal(expected, target.Value);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=contacts", true)]
    [InlineData("server=db;database=x", true)]
    [InlineData("contacts.db", false)]
    [InlineData("/var/lib/contactrules/a=b.db", false)]
    public void A_registry_is_PostgreSQL_when_it_says_so_else_a_SQLite_file(string value, bool postgres) =>
        Assert.Equal(postgres, ContactRules.Registry.RegistryTarget.Parse(value).IsPostgres);
}
