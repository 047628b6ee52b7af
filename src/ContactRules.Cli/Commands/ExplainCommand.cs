using System.ComponentModel;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class ExplainSettings : VerdictOptions
{
    [CommandArgument(0, "<CASE_ID>")]
    [Description("The id of the case to explain.")]
    public string CaseId { get; init; } = "";

    [CommandArgument(1, "<CASES>")]
    [Description("Cases: CommCare case API JSON, JSON lines or a CSV export; - reads standard input.")]
    public string Cases { get; init; } = "";

    [CommandOption("--registry <R>")]
    [Description("Consult this registry (read-only) for two-way owners and opt-outs, instead of settling ownership among the input's cases. " + RegistryOption.Description)]
    public string? Registry { get; init; }
}

/// <summary><c>contactrules explain CASE_ID CASES</c>: everything about one case, every failed rule drawn.</summary>
internal sealed class ExplainCommand : Command<ExplainSettings>
{
    public override int Execute(CommandContext context, ExplainSettings settings, CancellationToken cancellationToken)
    {
        if (settings.LoadRules() is not { } rules)
        {
            return ExitCodes.InvalidInput;
        }
        if (!RegistryOption.TrySnapshot(settings.Registry, out var registry))
        {
            return ExitCodes.InvalidInput;
        }
        var run = new JudgingRun(rules, new RunOptions { Registry = registry });
        var found = run.Run(CaseInput.Opener(settings.Cases))
            .FirstOrDefault(item => item.Record?.Id == settings.CaseId);
        if (found?.Verdict is null)
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] no case {settings.CaseId} in {settings.Cases}");
            return ExitCodes.InvalidInput;
        }
        if (settings.Json)
        {
            Console.Out.WriteLine(settings.Shown(VerdictJson.ToJsonLine(found.Verdict, includeTraces: true)));
        }
        else
        {
            Terminal.WriteVerdict(settings.Shown(VerdictText.Explain(found.Verdict, found.Record!, rules.Rules)));
        }
        return ExitCodes.Done;
    }
}
