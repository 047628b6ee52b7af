using System.Text.Json;
using System.Text.Json.Nodes;
using ContactRules.Expressions.Runtime;
using ContactRules.Tests.Expressions.Conformance;
using ContactRules.Tests.Expressions.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace ContactRules.Tests.Cli;

public sealed class EvalCommandTests(ITestOutputHelper output)
{
    private const int CoreFloorThroughTheTool = 507;

    /// <summary>The whole core suite through <c>contactrules eval</c>'s batch mode, in one process.</summary>
    [ConformanceFact]
    public void Core_conformance_through_the_tool_batch_mode()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(ConformanceSuite.Directory!, "core.json")));
        var tests = document.RootElement.GetProperty("tests").EnumerateArray().ToList();
        var input = string.Join('\n', tests.Select(t =>
        {
            var line = new JsonObject { ["expr"] = t.GetProperty("expr").GetString() };
            if (t.TryGetProperty("bindings", out var bindings))
            {
                line["bindings"] = JsonNode.Parse(bindings.GetRawText());
            }
            if (t.TryGetProperty("check", out var check))
            {
                line["check"] = check.GetBoolean();
            }
            return line.ToJsonString();
        })) + "\n";

        var result = CliRunner.Run(input, "eval");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(tests.Count, lines.Length);
        var passed = 0;
        for (var i = 0; i < tests.Count; i++)
        {
            var expect = tests[i].GetProperty("expect");
            using var answer = JsonDocument.Parse(lines[i]);
            var ok = expect.TryGetProperty("value", out var expected)
                ? answer.RootElement.TryGetProperty("value", out var value) && StrictValues.AreEqual(CelJson.ReadTagged(expected), CelJson.ReadTagged(value))
                : answer.RootElement.TryGetProperty("error", out _);
            if (ok)
            {
                passed++;
            }
            else
            {
                output.WriteLine($"{tests[i].GetProperty("id").GetString()}: {lines[i]}");
            }
        }
        output.WriteLine($"core conformance through `contactrules eval`: {passed}/{tests.Count}");
        Assert.True(passed >= CoreFloorThroughTheTool, $"{passed}/{tests.Count} passed, below the floor of {CoreFloorThroughTheTool}");
    }

    [Fact]
    public void Evaluates_one_expression_with_variables()
    {
        var result = CliRunner.Run(null, "eval", "value.startsWith('91') && size(value) == 12", "--var", "value=\"919812345678\"");
        Assert.Equal((0, "true\n"), (result.ExitCode, result.Out));
    }

    [Fact]
    public void A_mistake_is_shown_at_its_position_with_a_suggestion()
    {
        var result = CliRunner.Run(null, "eval", "vlaue + 1", "--var", "value=1");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "Error (line 1, column 1): undeclared reference to `vlaue`; did you mean `value`?\n  vlaue + 1\n  ^^^^^\n",
            result.Error);
    }

    [Fact]
    public void Batch_mode_answers_every_line_even_a_malformed_one()
    {
        var result = CliRunner.Run("{\"expr\":\"1 + x\",\"bindings\":{\"x\":{\"int\":\"2\"}}}\nnot json\n{\"expr\":\"1 / 0\"}\n", "eval");
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"value\":{\"int\":\"3\"}}", lines[0]);
        Assert.StartsWith("{\"error\":\"line 2: ", lines[1], StringComparison.Ordinal);
        Assert.Equal("{\"error\":\"division by zero\"}", lines[2]);
    }

    [Theory]
    [InlineData("-5 + 2", "-3\n")]
    [InlineData("--5", "5\n")]
    [InlineData("-(2 * 3)", "-6\n")]
    public void An_expression_that_starts_with_a_dash_is_not_taken_for_an_option(string expression, string printed)
    {
        var result = CliRunner.Run(null, "eval", expression);
        Assert.Equal((0, printed), (result.ExitCode, result.Out));
    }

    [Fact]
    public void A_lone_dash_reads_cases_from_standard_input()
    {
        var result = CliRunner.Run("{\"case_id\": \"c1\", \"properties\": {\"contact_phone_number\": 919812345678}}\n", "check", "-", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("{\"case_id\":\"c1\",\"contact\":true,\"channels\":{\"sms\":{\"eligible\":true,\"destination\":\"+919812345678\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_variable_is_a_usage_error()
    {
        var result = CliRunner.Run(null, "eval", "x", "--var", "x");
        Assert.Equal(2, result.ExitCode);
    }
}
