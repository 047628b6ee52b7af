using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Projects;
using Xunit;

namespace ContactRules.Tests.Evaluation;

/// <summary>
/// The two tiers of gateways, as CommCare HQ routes: the project's map whole (longest prefix, then its
/// catch-all), and only when it gives nothing the server-wide map. Each case follows a step of HQ's own test,
/// corehq/apps/sms/tests/test_backends.py (<c>SQLMobileBackendTestCase.test_load_default_by_phone_and_domain</c>
/// and <c>OutgoingFrameworkTestCase</c>), the code it tests being <c>SQLMobileBackend.load_default_by_phone_and_domain</c>
/// in corehq/apps/sms/models.py.
/// </summary>
public sealed class GatewayTierTests
{
    private static readonly Gateway Backend1 = new("BACKEND1", ["*"]);
    private static readonly Gateway Backend2 = new("BACKEND2", ["27"]);
    private static readonly Gateway Backend3 = new("BACKEND3", ["*"]);
    private static readonly Gateway Backend4 = new("BACKEND4", ["27"]);

    // test_load_default_by_phone_and_domain: "Test global prefix map" (another domain, with no map of its own).
    [Fact]
    public void A_project_without_a_map_of_its_own_routes_by_the_global_prefix() =>
        Assert.Equal(new GatewayRoute("BACKEND2", GatewayChoice.GlobalPrefix, "27"),
            new GatewayTable([], [Backend1, Backend2]).Route("2700000000"));

    // "Test domain-level prefix map": the project's prefix beats the global one.
    [Fact]
    public void The_projects_prefix_beats_the_global_prefix() =>
        Assert.Equal(new GatewayRoute("BACKEND4", GatewayChoice.Prefix, "27"),
            new GatewayTable([Backend3, Backend4], [Backend1, Backend2]).Route("2700000000"));

    // "Test domain catch-all" (BACKEND4 soft-deleted): the project's catch-all beats a global prefix match.
    [Fact]
    public void The_projects_catch_all_beats_a_global_prefix() =>
        Assert.Equal(new GatewayRoute("BACKEND3", GatewayChoice.CatchAll, "*"),
            new GatewayTable([Backend3], [Backend1, Backend2]).Route("2700000000"));

    // "Test global prefix map" again (BACKEND3 soft-deleted too), then "Test global catch-all" (BACKEND2 gone).
    [Fact]
    public void The_global_map_is_consulted_only_when_the_projects_gives_nothing()
    {
        Assert.Equal(new GatewayRoute("BACKEND2", GatewayChoice.GlobalPrefix, "27"),
            new GatewayTable([new Gateway("BACKEND5", ["91"])], [Backend1, Backend2]).Route("2700000000"));
        Assert.Equal(new GatewayRoute("BACKEND1", GatewayChoice.GlobalCatchAll, "*"),
            new GatewayTable([new Gateway("BACKEND5", ["91"])], [Backend1]).Route("2700000000"));
    }

    // "Test raising exception if nothing found": no gateway at all in either tier.
    [Fact]
    public void Nothing_in_either_tier_is_no_gateway() =>
        Assert.Equal(GatewayChoice.None, new GatewayTable([new Gateway("BACKEND5", ["91"])], [new Gateway("BACKEND6", ["44"])]).Route("2700000000").Choice);

    // OutgoingFrameworkTestCase.test_multiple_country_prefixes: the longest global prefix wins.
    [Theory]
    [InlineData("256800000000", "BACKEND5", "256")]
    [InlineData("256700000000", "BACKEND6", "25670")]
    [InlineData("256750000000", "BACKEND7", "25675")]
    public void The_longest_global_prefix_wins(string number, string gateway, string prefix)
    {
        var table = new GatewayTable([], [
            new Gateway("BACKEND1", ["*"]), new Gateway("BACKEND2", ["1"]), new Gateway("BACKEND3", ["91"]),
            new Gateway("BACKEND4", ["265"]), new Gateway("BACKEND5", ["256"]), new Gateway("BACKEND6", ["25670"]),
            new Gateway("BACKEND7", ["25675"])]);
        Assert.Equal(new GatewayRoute(gateway, GatewayChoice.GlobalPrefix, prefix), table.Route(number));
    }

    // OutgoingFrameworkTestCase.__test_contact_level_backend: a name is the project's own gateway first, then one
    // shared with it (a gateway of the project reached only by name), then a global one; otherwise not found.
    [Fact]
    public void A_name_is_found_in_the_project_first_then_among_the_global_gateways()
    {
        var both = new GatewayTable([new Gateway("BACKEND", [])], [new Gateway("backend", []), new Gateway("BACKEND10", [])]);
        Assert.Equal("BACKEND", both.Find(" backend ", ignoreCase: true));
        Assert.Equal("BACKEND10", both.Find("backend10", ignoreCase: true));
        Assert.Null(both.Find("BACKEND11", ignoreCase: true));
        Assert.Null(both.Find("backend10", ignoreCase: false));
        // A gateway reached only by name routes nothing.
        Assert.Equal(GatewayChoice.None, both.Route("15551234567").Choice);
    }

    [Fact]
    public void Global_gateways_alone_turn_routing_on()
    {
        var project = ProjectSettings.Default with { GlobalGateways = [Backend2] };
        Assert.True(project.HasGateways);
        Assert.True(GatewayTable.For(project).IsConfigured);
        Assert.Equal(GatewayChoice.None, GatewayTable.For(project).Route("919812345678").Choice);
        Assert.Equal(GatewayChoice.NotConfigured, GatewayTable.For(ProjectSettings.Default).Route("919812345678").Choice);
    }

    [Fact]
    public void The_project_file_reads_both_tiers_and_gateways_reached_only_by_name()
    {
        var bag = new DiagnosticBag();
        var project = ProjectLoader.Load("p.yaml", """
            gateways:
              - { name: BACKEND4, prefixes: ["27"] }
              - { name: SHARED, prefixes: [] }
            global_gateways:
              - { name: BACKEND2, prefixes: ["27"] }
              - { name: BACKEND1, prefixes: ["*"] }
            """, bag);
        Assert.Empty(bag.Items);
        Assert.NotNull(project);
        Assert.Equal(["BACKEND4", "SHARED"], project.Gateways.Select(g => g.Name));
        Assert.Empty(project.Gateways[1].Prefixes);
        Assert.Equal(["BACKEND2", "BACKEND1"], project.GlobalGateways.Select(g => g.Name));
        var table = GatewayTable.For(project);
        Assert.Equal("BACKEND4", table.Route("2700000000").Gateway);
        Assert.Equal(new GatewayRoute("BACKEND1", GatewayChoice.GlobalCatchAll, "*"), table.Route("919812345678"));
        Assert.Equal("SHARED", table.Find("shared", ignoreCase: true));
    }
}

/// <summary><c>lint --project</c> checks a project file: its problems at their positions, or what each tier holds.</summary>
public sealed class LintProjectTests
{
    [Fact]
    public void Lint_checks_a_project_file_given_alone()
    {
        var ok = ContactRules.Tests.Cli.CliRunner.RunInProcess("lint", ContactRules.Tests.Cli.CliRunner.InRepository("examples/project.yaml"));
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("project.yaml: ok: 3 project gateways, 0 global gateways (0 reached only by name), 3 languages", ok.Out, StringComparison.Ordinal);
        var broken = ContactRules.Tests.Cli.CliRunner.RunInProcess("lint",
            ContactRules.Tests.Cli.CliRunner.InRepository("tests/ContactRules.Tests/Cases/inputs/projects/global-gateways.yaml"));
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("global-gateways.yaml:13:13: error DUPLICATE_NAME", broken.Error, StringComparison.Ordinal);
        // A rule file is still linted as one.
        Assert.Equal(0, ContactRules.Tests.Cli.CliRunner.RunInProcess("lint", ContactRules.Tests.Cli.CliRunner.InRepository("rules/commcare-hq-compatible.yaml")).ExitCode);
    }

    private static ContactRules.Tests.Cli.CliRunner.Result Lint(string projectFile) =>
        ContactRules.Tests.Cli.CliRunner.RunInProcess("lint", ContactRules.Tests.Cli.CliRunner.InRepository("rules/commcare-hq-compatible.yaml"),
            "--project", ContactRules.Tests.Cli.CliRunner.InRepository("tests/ContactRules.Tests/Cases/inputs/projects/" + projectFile));

    [Fact]
    public void Lint_reports_the_tiers_of_a_project_that_loads()
    {
        var result = Lint("global-gateways-ok.yaml");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("global-gateways-ok.yaml: ok: 1 project gateways, 2 global gateways (0 reached only by name), 1 languages", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_reports_every_problem_of_a_project_file_with_its_position()
    {
        var result = Lint("global-gateways.yaml");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("global-gateways.yaml:12:31: error DUPLICATE_NAME: the number prefix `*` is already routed to the gateway `BACKEND1`", result.Error, StringComparison.Ordinal);
        Assert.Contains("global-gateways.yaml:14:5: error WRONG_KIND", result.Error, StringComparison.Ordinal);
    }
}
