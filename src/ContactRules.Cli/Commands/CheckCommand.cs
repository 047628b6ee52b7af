using System.ComponentModel;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class CheckSettings : VerdictOptions
{
    [CommandArgument(0, CaseInput.Argument)]
    [Description(CliMessages.CasesDescription)]
    public string[] Cases { get; init; } = [];

    [CommandOption("--threads <N>")]
    [Description(CliMessages.AuditThreadsDescription)]
    [DefaultValue(0)]
    public int Threads { get; init; }

    public override ValidationResult Validate() =>
        base.Validate() is { Successful: false } invalid ? invalid
        : Threads < 0 ? ValidationResult.Error(CliMessages.ThreadsNegative)
        : ValidationResult.Success();
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
        // Judged on every core (as audit is), each JSON line made on the judging thread; output keeps input order.
        var run = new JudgingRun(rules, new RunOptions { Registry = registry, Parallelism = settings.Threads, Trace = false, Redact = settings.Redact });
        var eligible = rules.Rules.Channels.ToDictionary(c => c.Id, _ => 0, StringComparer.Ordinal);
        var problems = 0;
        using var data = terminal.BeginData();
        var json = settings.Json;
        foreach (var (item, line) in run.Run(settings.OpenCases(settings.Cases, settings.ReadOptions(rules), terminal), v => json ? VerdictJson.ToJsonLine(v) : null))
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
            if (line is not null)
            {
                data.WriteLine(line);
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
