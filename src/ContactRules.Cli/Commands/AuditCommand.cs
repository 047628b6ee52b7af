using System.ComponentModel;
using ContactRules.Auditing;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class AuditSettings : RuleOptions
{
    [CommandArgument(0, "<CASES>")]
    [Description("Cases: CommCare case API JSON, JSON lines or a CSV export, of any size; - reads standard input.")]
    public string Cases { get; init; } = "";

    [CommandOption("-o|--out <FILE>")]
    [Description("Writes one verdict per case: JSON lines (results.jsonl) or CSV (results.csv).")]
    public string? Out { get; init; }

    [CommandOption("--report <FILE>")]
    [Description("Writes a self-contained HTML report: summary, chart of reasons per channel, searchable table of cases a channel cannot reach.")]
    public string? Report { get; init; }

    [CommandOption("--redact")]
    [Description("Masks phone numbers (all but the last 3 digits) and email local parts in every output.")]
    public bool Redact { get; init; }

    [CommandOption("-f|--format <FORMAT>")]
    [Description("The summary as text (for people) or json (one object).")]
    [DefaultValue("text")]
    public string Format { get; init; } = "text";

    [CommandOption("--threads <N>")]
    [Description("How many threads judge cases (default: one per core).")]
    [DefaultValue(0)]
    public int Threads { get; init; }

    public override ValidationResult Validate()
    {
        if (Format is not ("text" or "json"))
        {
            return ValidationResult.Error($"--format {Format}: expected text or json");
        }
        return Threads < 0 ? ValidationResult.Error("--threads must not be negative") : ValidationResult.Success();
    }
}

/// <summary><c>contactrules audit CASES</c>: every case judged on every core, with a summary, results and a report.</summary>
internal sealed class AuditCommand : Command<AuditSettings>
{
    public override int Execute(CommandContext context, AuditSettings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        var rules = RuleSetLoader.Load(settings.Rules, settings.Project, diagnostics);
        Terminal.WriteDiagnostics(diagnostics);
        if (rules is null)
        {
            return ExitCodes.InvalidInput;
        }
        var input = CommandLineArguments.Unprotect(settings.Cases);
        var tally = new AuditTally(rules.Rules, input, settings.Redact);
        var showProgress = !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        AuditRun? run = null;

        void Audit(Action<AuditPass, long>? progress)
        {
            run = new AuditRun(rules, registry: null, settings.Threads) { Progress = progress };
            using var results = settings.Out is null ? null : AuditResultWriter.Create(settings.Out, rules.Rules, settings.Redact);
            Func<ContactVerdict, string?> format = results is null ? _ => null : results.Format;
            foreach (var (item, line) in run.Run(CaseInput.Opener(settings.Cases), format))
            {
                tally.Add(item);
                if (line is not null)
                {
                    results!.WriteLine(line);
                }
            }
        }

        if (showProgress)
        {
            Terminal.Error.Progress()
                .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
                .Start(progress =>
                {
                    var ownership = progress.AddTask(Messages.AuditProgressOwnership(0));
                    var judging = progress.AddTask(Messages.AuditProgressJudging(0), autoStart: false);
                    ownership.IsIndeterminate = judging.IsIndeterminate = true;
                    Audit((pass, taken) =>
                    {
                        var task = pass == AuditPass.Ownership ? ownership : judging;
                        task.Description = pass == AuditPass.Ownership ? Messages.AuditProgressOwnership(taken) : Messages.AuditProgressJudging(taken);
                        if (pass == AuditPass.Judging && !judging.IsStarted)
                        {
                            ownership.StopTask();
                            judging.StartTask();
                        }
                    });
                    ownership.StopTask();
                    judging.StopTask();
                });
        }
        else
        {
            Audit(null);
        }

        var summary = tally.Build(run!.Summary);
        if (settings.Report is not null)
        {
            using var report = new StreamWriter(settings.Report, false, new System.Text.UTF8Encoding(false));
            AuditReport.Write(report, summary);
        }
        if (settings.Format == "json")
        {
            Console.Out.WriteLine(AuditSummaryFormat.Json(summary));
        }
        else
        {
            Terminal.Out.Write(AuditSummaryFormat.Text(summary));
        }
        return summary.Rejected + summary.Problems > 0 ? ExitCodes.InvalidInput : ExitCodes.Done;
    }
}
