using System.Text.Json;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Cli;

/// <summary>
/// `eval`'s batch mode answers every input line with one output line, whatever the line holds: a lone
/// surrogate used to end the batch with an internal error, and blank lines shifted every later answer.
/// </summary>
public sealed class EvalBatchTests
{
    [Fact]
    public void Every_line_gets_its_own_answer_and_bad_lines_name_their_line()
    {
        string[] input =
        [
            "{\"expr\": \"1 + 1\"}",
            "{\"expr\": \"\\ud800\"}",
            "",
            "{\"expr\": \"x\", \"bindings\": 5}",
            "{\"expr\": \"1\", \"check\": \"no\"}",
            "{\"expr\": \"x\", \"bindings\": {\"x\": {\"string\": \"\\udc00\"}}}",
            "not json",
            "{\"expr\": \"2 * 3\"}",
        ];

        var result = CliRunner.RunInProcess(string.Join('\n', input) + "\n", ["eval"]);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("internal error", result.Out + result.Error, StringComparison.Ordinal);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(input.Length, lines.Length);
        Assert.Equal("{\"value\":{\"int\":\"2\"}}", lines[0]);
        Assert.StartsWith("line 2: a string holds a lone surrogate", Error(lines[1]), StringComparison.Ordinal);
        Assert.StartsWith("line 3: the line is blank", Error(lines[2]), StringComparison.Ordinal);
        Assert.Equal("line 4: \"bindings\" must be a JSON object of variable names to values", Error(lines[3]));
        Assert.Equal("line 5: \"check\" must be true or false", Error(lines[4]));
        Assert.StartsWith("line 6: a string holds a lone surrogate", Error(lines[5]), StringComparison.Ordinal);
        Assert.StartsWith("line 7: ", Error(lines[6]), StringComparison.Ordinal);
        Assert.Equal("{\"value\":{\"int\":\"6\"}}", lines[7]);
    }

    [Theory]
    [InlineData("x={")]
    [InlineData("x=")]
    [InlineData("x=\"\\ud800\"")]
    public void A_var_that_is_not_json_is_a_usage_error(string variable)
    {
        var result = CliRunner.RunInProcess("eval", "x", "--var", variable);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--var x: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Out + result.Error, StringComparison.Ordinal);
    }

    private static string Error(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("error").GetString()!;
    }
}
