using System.ComponentModel;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class CheckSettings : VerdictOptions
{
    [CommandArgument(0, CaseInput.Argument)]
    [Description(CliMessages.CasesDescription)]
    public string[] Cases { get; init; } = [];
}

/// <summary><c>contactrules check CASES</c>: one verdict per case.</summary>
internal sealed class CheckCommand(Terminal terminal) : Command<CheckSettings>
{
    public override int Execute(CommandContext context, CheckSettings settings, CancellationToken cancellationToken)
    {
        if (settings.LoadRules(terminal) is not { } rules)
        {
            return ExitCodes.InvalidInput;
        }

        if (!RegistryOption.TrySnapshot(terminal, settings.Registry, out var registry))
        {
            return ExitCodes.InvalidInput;
        }
        var run = new JudgingRun(rules, new RunOptions { Registry = registry, Trace = false, Redact = settings.Redact });
        var eligible = rules.Rules.Channels.ToDictionary(c => c.Id, _ => 0, StringComparer.Ordinal);
        var problems = 0;
        using var data = terminal.BeginData();
        foreach (var item in run.Run(settings.OpenCases(settings.Cases, settings.ReadOptions(rules), terminal)))
        {
            if (item.Verdict is null)
            {
                // Warnings (a superseded version, a header given twice) are shown but do not fail the run.
                problems += item.Diagnostic!.IsError ? 1 : 0;
                terminal.Problem(item.Diagnostic.ToString());
                continue;
            }
            foreach (var channel in item.Verdict.Channels.Where(c => c.Eligible))
            {
                eligible[channel.Channel]++;
            }
            if (settings.Json)
            {
                data.WriteLine(VerdictJson.ToJsonLine(item.Verdict));
            }
            else
            {
                terminal.WriteVerdict(VerdictText.CheckLines(item.Verdict, item.Record!, rules.Rules));
            }
        }
        var summary = run.Summary;
        var counts = string.Join(", ", rules.Rules.Channels.Select(c => CliMessages.ChannelCount(c.Title, eligible[c.Id])));
        terminal.Note(CliMessages.CheckSummary(summary.Read, summary.Accepted, summary.Rejected, summary.Superseded, counts));
        return problems > 0 ? ExitCodes.InvalidInput : ExitCodes.Done;
    }
}
