using System.ComponentModel;
using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class CheckSettings : VerdictOptions
{
    [CommandArgument(0, "<CASES>")]
    [Description("Cases: CommCare case API JSON, JSON lines or a CSV export; - reads standard input.")]
    public string Cases { get; init; } = "";

    [CommandOption("--registry <R>")]
    [Description("Consult this registry (read-only) for two-way owners and opt-outs, instead of settling ownership among the input's cases. " + RegistryOption.Description)]
    public string? Registry { get; init; }
}

/// <summary><c>contactrules check CASES</c>: one verdict per case.</summary>
internal sealed class CheckCommand : Command<CheckSettings>
{
    public override int Execute(CommandContext context, CheckSettings settings, CancellationToken cancellationToken)
    {
        if (settings.LoadRules() is not { } rules)
        {
            return ExitCodes.InvalidInput;
        }

        if (!RegistryOption.TrySnapshot(settings.Registry, out var registry))
        {
            return ExitCodes.InvalidInput;
        }
        var run = new JudgingRun(rules, new RunOptions { Registry = registry, Trace = false });
        var eligible = rules.Rules.Channels.ToDictionary(c => c.Id, _ => 0, StringComparer.Ordinal);
        var problems = 0;
        foreach (var item in run.Run(CaseInput.Opener(settings.Cases)))
        {
            if (item.Verdict is null)
            {
                problems++;
                Terminal.Error.MarkupLineInterpolated($"[red]{settings.Shown(item.Diagnostic!.ToString())}[/]");
                continue;
            }
            foreach (var channel in item.Verdict.Channels.Where(c => c.Eligible))
            {
                eligible[channel.Channel]++;
            }
            if (settings.Json)
            {
                Console.Out.WriteLine(settings.Shown(VerdictJson.ToJsonLine(item.Verdict)));
            }
            else
            {
                Terminal.WriteVerdict(settings.Shown(VerdictText.Check(item.Verdict, item.Record!, rules.Rules)));
            }
        }
        var summary = run.Summary;
        var counts = string.Join(", ", rules.Rules.Channels.Select(c => $"{c.Title} {eligible[c.Id]}"));
        Terminal.Error.MarkupLineInterpolated(
            $"[grey]{summary.Read} records read: {summary.Accepted} judged, {summary.Rejected} rejected. Reachable: {counts}.[/]");
        return problems > 0 ? ExitCodes.InvalidInput : ExitCodes.Done;
    }
}
