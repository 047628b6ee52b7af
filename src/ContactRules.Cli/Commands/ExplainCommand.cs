using System.ComponentModel;
using ContactRules.Auditing;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class ExplainSettings : VerdictOptions
{
    [CommandArgument(0, "<CASE_ID>")]
    [Description(CliMessages.ExplainCaseIdDescription)]
    public string CaseId { get; init; } = "";

    [CommandArgument(1, CaseInput.Argument)]
    [Description(CliMessages.CasesDescription)]
    public string[] Cases { get; init; } = [];
}

/// <summary><c>contactrules explain CASE_ID CASES</c>: everything about one case, every failed rule drawn.</summary>
internal sealed class ExplainCommand(Terminal terminal) : Command<ExplainSettings>
{
    public override int Execute(CommandContext context, ExplainSettings settings, CancellationToken cancellationToken)
    {
        if (settings.LoadRules(terminal) is not { } rules)
        {
            return ExitCodes.InvalidInput;
        }
        if (!RegistryOption.TrySnapshot(terminal, settings.Registry, out var registry))
        {
            return ExitCodes.InvalidInput;
        }
        var run = new JudgingRun(rules, new RunOptions { Registry = registry });
        var found = run.Run(settings.OpenCases(settings.Cases, settings.ReadOptions(rules), terminal))
            .FirstOrDefault(item => item.Verdict is not null && item.Record?.Id == settings.CaseId);
        if (found?.Verdict is null)
        {
            terminal.Fail(CliMessages.NoSuchCase(settings.Shown(settings.CaseId), CaseInput.Name(settings.Cases)));
            return ExitCodes.InvalidInput;
        }
        // The case is found by its real id, then masked.
        var (record, verdict) = settings.Redact ? Redaction.Case(rules, found.Record!, found.Verdict) : (found.Record!, found.Verdict);
        if (settings.Json)
        {
            terminal.WriteData(VerdictJson.ToJsonLine(verdict, includeTraces: true));
        }
        else
        {
            terminal.WriteVerdict(VerdictText.ExplainLines(verdict, record, rules.Rules));
        }
        return ExitCodes.Done;
    }
}
