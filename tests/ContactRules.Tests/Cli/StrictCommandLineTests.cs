using Xunit;

namespace ContactRules.Tests.Cli;

/// <summary>The command line says no to what it does not know, and never lets an output destroy an input.</summary>
public sealed class StrictCommandLineTests
{
    [Fact]
    public void An_unknown_option_is_a_usage_error_that_names_the_option_it_resembles()
    {
        var result = CliRunner.RunInProcess("check", "examples/cases.json", "--redcat");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--redcat", result.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean `--redact`?", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void A_misspelt_rules_option_does_not_fall_back_to_the_built_in_rules()
    {
        var result = CliRunner.RunInProcess("check", "examples/cases.json", "--rulez", "commcare-hq-compatible.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean `--rules`?", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void An_extra_argument_and_a_bare_command_line_are_usage_errors()
    {
        // check takes any number of case inputs; lint takes one rule file.
        Assert.Equal(2, CliRunner.RunInProcess("lint", "rules/commcare-case-contact.yaml", "extra").ExitCode);
        Assert.Equal(2, CliRunner.RunInProcess([]).ExitCode);
    }

    [Fact]
    public void No_color_and_quiet_are_accepted()
    {
        var result = CliRunner.RunInProcess("check", CliRunner.InRepository("examples/cases.json"), "--no-color", "--quiet");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("\u001b[", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_that_is_the_input_is_refused_and_the_input_is_left_whole()
    {
        var dir = Directory.CreateTempSubdirectory("contactrules-out-");
        try
        {
            var input = Path.Combine(dir.FullName, "x.json");
            File.Copy(CliRunner.InRepository("examples/cases.json"), input);
            var before = File.ReadAllBytes(input);

            var asOut = CliRunner.RunInProcess("audit", input, "--out", input);
            var asReport = CliRunner.RunInProcess("audit", input, "--report", Path.Combine(dir.FullName, ".", "x.json"));

            Assert.NotEqual(0, asOut.ExitCode);
            Assert.NotEqual(0, asReport.ExitCode);
            Assert.Equal(before, File.ReadAllBytes(input));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Terminal_control_sequences_in_a_case_id_are_escaped()
    {
        const string Cases = "{\"case_id\": \"evil\\u001b[2J\\u001b]0;owned\\u0007\", \"properties\": {\"contact_phone_number\": \"919812345678\"}}\n";

        var result = CliRunner.Run(Cases, "check", "-");

        Assert.DoesNotContain('\u001b', result.Out);
        Assert.DoesNotContain('\u0007', result.Out);
        Assert.Contains("evil", result.Out, StringComparison.Ordinal);
    }
}
