using System.ComponentModel;
using ContactRules.Auditing;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
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

    [CommandOption("--registry <R>")]
    [Description("Consult this registry (read-only) for two-way owners and opt-outs, instead of settling ownership among the input's cases. " + RegistryOption.Description)]
    public string? Registry { get; init; }

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
        var rules = settings.LoadRules();
        if (rules is null || !RegistryOption.TrySnapshot(settings.Registry, out var registry))
        {
            return ExitCodes.InvalidInput;
        }
        var input = CommandLineArguments.Unprotect(settings.Cases);
        var tally = new AuditTally(rules.Rules, input, settings.Redact);
        // Only a terminal gets a progress bar: never a pipe, a file or a test.
        var showProgress = !Console.IsErrorRedirected && Terminal.Error.Profile.Capabilities.Interactive;
        JudgingRun? run = null;
        var tracked = File.Exists(settings.Cases) ? new TrackedFile(settings.Cases) : null;

        void Audit(Action<RunPass, long>? progress)
        {
            run = new JudgingRun(rules, new RunOptions { Registry = registry, Parallelism = settings.Threads, Trace = false, Progress = progress });
            using var results = settings.Out is null ? null : AuditResultWriter.Create(settings.Out, rules.Rules, settings.Redact);
            Func<ContactVerdict, string?> format = results is null ? _ => null : results.Format;
            foreach (var (item, line) in run.Run(tracked is null ? CaseInput.Opener(settings.Cases) : tracked.Read, format))
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
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .Start(progress =>
                {
                    var ownership = progress.AddTask(Messages.AuditProgressOwnership(0));
                    var judging = progress.AddTask(Messages.AuditProgressJudging(0), autoStart: false);
                    // A file's share read drives the bars; standard input has no known length.
                    ownership.IsIndeterminate = judging.IsIndeterminate = tracked is null;
                    Audit((pass, taken) =>
                    {
                        var task = pass == RunPass.Ownership ? ownership : judging;
                        task.Description = pass == RunPass.Ownership ? Messages.AuditProgressOwnership(taken) : Messages.AuditProgressJudging(taken);
                        if (tracked is not null)
                        {
                            task.Value = tracked.Fraction * task.MaxValue;
                        }
                        if (pass == RunPass.Judging && !judging.IsStarted)
                        {
                            ownership.Value = ownership.MaxValue;
                            ownership.StopTask();
                            judging.StartTask();
                        }
                    });
                    judging.Value = judging.MaxValue;
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

/// <summary>A case file read through a stream whose position tells how far reading has got.</summary>
internal sealed class TrackedFile(string path)
{
    private FileStream? _current;

    /// <summary>The share of the file read so far by the open pass (read from another thread: an estimate).</summary>
    public double Fraction
    {
        get
        {
            try
            {
                return Volatile.Read(ref _current) is { CanSeek: true, Length: > 0 } stream ? Math.Min(1, (double)stream.Position / stream.Length) : 0;
            }
            catch (ObjectDisposedException)
            {
                // The pass has just ended; the next one starts at 0.
                return 0;
            }
        }
    }

    public IEnumerable<Contacts.CaseReadResult> Read()
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Volatile.Write(ref _current, stream);
        try
        {
            foreach (var result in Contacts.CaseSource.Read(stream, path, Contacts.CaseSource.FormatFromExtension(path)))
            {
                yield return result;
            }
        }
        finally
        {
            Volatile.Write(ref _current, null);
        }
    }
}
