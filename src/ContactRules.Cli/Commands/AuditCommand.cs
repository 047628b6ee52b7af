using System.ComponentModel;
using ContactRules.Auditing;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class AuditSettings : CaseOptions
{
    [CommandOption("-o|--out <FILE>")]
    [Description("Writes one verdict per case: JSON lines (results.jsonl) or CSV (results.csv).")]
    public string? Out { get; init; }

    [CommandOption("--report <FILE>")]
    [Description("Writes a self-contained HTML report: summary, chart of reasons per channel, searchable table of cases a channel cannot reach.")]
    public string? Report { get; init; }

    [CommandOption(SharedOptions.Redact)]
    [Description(CliMessages.RedactDescription)]
    public bool Redact { get; init; }

    [CommandOption(SharedOptions.Registry)]
    [Description(CliMessages.RegistryConsultedDescription)]
    public string? Registry { get; init; }

    [CommandOption(SharedOptions.Format)]
    [Description(CliMessages.SummaryFormatDescription)]
    [DefaultValue(SharedOptions.Text)]
    [Formats(SharedOptions.Text, SharedOptions.Json)]
    public string Format { get; init; } = SharedOptions.Text;

    [CommandOption("--threads <N>")]
    [Description("How many threads judge cases (default: one per core).")]
    [DefaultValue(0)]
    public int Threads { get; init; }

    public override ValidationResult Validate() =>
        Threads < 0 ? ValidationResult.Error(CliMessages.ThreadsNegative)
        : OutputFiles.Refusal([("--out", Out), ("--report", Report)], [CommandLineArguments.Unprotect(Cases), Rules, Project, RegistryOption.File(Registry)]) is { } refusal
            ? ValidationResult.Error(refusal)
            : ValidationResult.Success();
}

/// <summary><c>contactrules audit CASES</c>: every case judged on every core, with a summary, results and a report.</summary>
internal sealed class AuditCommand(Terminal terminal) : Command<AuditSettings>
{
    public override int Execute(CommandContext context, AuditSettings settings, CancellationToken cancellationToken)
    {
        var rules = settings.LoadRules(terminal);
        if (rules is null || !RegistryOption.TrySnapshot(terminal, settings.Registry, out var registry))
        {
            return ExitCodes.InvalidInput;
        }
        var input = CommandLineArguments.Unprotect(settings.Cases);
        var tally = new AuditTally(rules.Rules, input, settings.Redact);
        // Only a terminal gets a progress bar: never a pipe, a file or a test.
        var showProgress = terminal.ShowsProgress;
        JudgingRun? run = null;
        var tracked = File.Exists(settings.Cases) ? new TrackedFile(settings.Cases) : null;
        using var outputs = new OutputFiles();

        void Audit(Action<RunPass, long>? progress)
        {
            run = new JudgingRun(rules, new RunOptions { Registry = registry, Parallelism = settings.Threads, Trace = false, Progress = progress });
            // The writer leaves the stream open, so the stream is closed here, before the output is renamed into place.
            using var stream = settings.Out is null ? null : outputs.Create(settings.Out);
            using var results = stream is null ? null
                : AuditResultWriter.Create(stream, rules.Rules, settings.Out!.EndsWith(".csv", StringComparison.OrdinalIgnoreCase), settings.Redact);
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
            terminal.Error.Progress()
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
            using var report = new StreamWriter(outputs.Create(settings.Report), new System.Text.UTF8Encoding(false));
            AuditReport.Write(report, summary);
        }
        outputs.Commit();
        if (settings.Format == SharedOptions.Json)
        {
            terminal.WriteData(AuditSummaryFormat.Json(summary));
        }
        else
        {
            terminal.WriteText(AuditSummaryFormat.Text(summary));
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
