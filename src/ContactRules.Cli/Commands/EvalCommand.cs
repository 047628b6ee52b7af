using System.ComponentModel;
using ContactRules.Evaluation;
using ContactRules.Expressions;
using ContactRules.Expressions.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class EvalSettings : CommonOptions
{
    [CommandArgument(0, "[EXPR]")]
    [Description(CliMessages.EvalExpressionDescription)]
    public string? Expression { get; init; }

    [CommandOption("--var <NAME=JSON>")]
    [Description(CliMessages.EvalVariablesDescription)]
    public string[] Variables { get; init; } = [];

    [CommandOption("--no-check")]
    [Description(CliMessages.EvalNoCheckDescription)]
    public bool NoCheck { get; init; }

    [CommandOption("--trace")]
    [Description(CliMessages.EvalTraceDescription)]
    public bool Trace { get; init; }

    public override ValidationResult Validate() =>
        Variables.FirstOrDefault(v => v.IndexOf('=', StringComparison.Ordinal) <= 0) is { } bad
            ? ValidationResult.Error(CliMessages.VarExpected(bad))
            : ValidationResult.Success();
}

/// <summary><c>contactrules eval</c>: evaluates one expression, or a stream of them.</summary>
internal sealed class EvalCommand(Terminal terminal) : Command<EvalSettings>
{
    public override int Execute(CommandContext context, EvalSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Expression is null)
        {
            ExpressionRunner.RunBatch(terminal.In, terminal.Out.Profile.Out.Writer, RuleEnvironment.ForEval());
            return ExitCodes.Done;
        }

        var variables = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var variable in settings.Variables)
        {
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            try
            {
                variables[variable[..equals]] = CelJson.ParsePlain(variable[(equals + 1)..]);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
            {
                // InvalidOperationException: System.Text.Json's answer to a lone surrogate in a string.
                terminal.Fail(CliMessages.VarInvalid(variable[..equals], e is InvalidOperationException or ArgumentException ? Text.Messages.JsonLoneSurrogate : e.Message));
                return ExitCodes.Usage;
            }
        }

        var expression = CommandLineArguments.Unprotect(settings.Expression);
        var outcome = ExpressionRunner.Evaluate(expression, variables, check: !settings.NoCheck, trace: settings.Trace, functions: RuleEnvironment.ForEval());
        if (outcome.Compiled?.Program is null)
        {
            foreach (var diagnostic in outcome.Compiled?.Diagnostics ?? [])
            {
                terminal.WriteDiagnostic(expression, diagnostic);
            }
            return ExitCodes.InvalidInput;
        }
        if (outcome.Trace is { } trace)
        {
            terminal.WriteText(trace);
        }
        if (outcome.Value is CelError error)
        {
            terminal.Fail(error.Message);
            return ExitCodes.InvalidInput;
        }
        terminal.WriteText(CelLiteral.Format(outcome.Value));
        return ExitCodes.Done;
    }
}
