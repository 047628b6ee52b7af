using System.ComponentModel;
using ContactRules.Auditing;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.Testing;
using ContactRules.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class AuditSettings : CaseOptions
{
    [CommandOption("-o|--out <FILE>")]
    [Description(CliMessages.AuditOutDescription)]
    public string? Out { get; init; }

    [CommandOption("--report <FILE>")]
    [Description(CliMessages.AuditReportDescription)]
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

    [CommandOption("--coverage")]
    [Description(CliMessages.AuditCoverageDescription)]
    public bool Coverage { get; init; }

    [CommandOption("--threads <N>")]
    [Description(CliMessages.AuditThreadsDescription)]
    [DefaultValue(0)]
    public int Threads { get; init; }

    [CommandOption("--by <WHAT>")]
    [Description(CliMessages.ByDescription)]
    [DefaultValue("owner")]
    public string By { get; init; } = "owner";

    [CommandOption("--fixes <FILE>")]
    [Description(CliMessages.FixesDescription)]
    public string? Fixes { get; init; }

    [CommandOption("--fixes-by-owner <DIR>")]
    [Description(CliMessages.FixesByOwnerDescription)]
    public string? FixesByOwner { get; init; }

    [CommandOption("--include <CONFIDENCE>")]
    [Description(CliMessages.IncludeDescription)]
    [DefaultValue("certain")]
    public string Include { get; init; } = "certain";

    [CommandOption("--apply-fixes")]
    [Description(CliMessages.ApplyFixesDescription)]
    public bool ApplyFixes { get; init; }

    /// <summary>The breakdown --by names; null for an unknown one.</summary>
    public AuditBreakdown? Breakdown => By switch
    {
        "owner" => AuditBreakdown.Owner,
        "case_type" => AuditBreakdown.CaseType,
        "last_modified_by" => AuditBreakdown.LastModifiedBy,
        _ => null,
    };

    public SuggestionConfidence? Confidence => Include switch
    {
        "certain" => SuggestionConfidence.Certain,
        "likely" => SuggestionConfidence.Likely,
        _ => null,
    };

    /// <summary>Whether the run gathers repairs at all.</summary>
    public bool GathersFixes => Fixes is not null || FixesByOwner is not null || ApplyFixes;

    public override ValidationResult Validate() =>
        base.Validate() is { Successful: false } invalid ? invalid
        : Threads < 0 ? ValidationResult.Error(CliMessages.ThreadsNegative)
        : Breakdown is null ? ValidationResult.Error(CliMessages.ByExpected(By))
        : Confidence is null ? ValidationResult.Error(CliMessages.IncludeExpected(Include))
        // Masked values cannot be imported nor judged again: a fix sheet carries the real ones.
        : Redact && GathersFixes ? ValidationResult.Error(CliMessages.RedactWithFixes)
        : OutputFiles.Refusal([("--out", Out), ("--report", Report), ("--fixes", Fixes)], [.. CaseInput.Paths(Cases), Rules, Project, RegistryOption.File(Registry)]) is { } refusal
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
        var input = settings.From ?? CaseInput.Name(settings.Cases);
        var readOptions = settings.ReadOptions(rules);
        var tally = new AuditTally(rules.Rules, input, breakdown: settings.Breakdown!.Value);
        var fixes = settings.GathersFixes ? new FixSheet(settings.Confidence!.Value) : null;
        // Every judged case, repaired where it can be, for --apply-fixes to judge again as one population.
        var repaired = settings.ApplyFixes ? new List<Contacts.CaseRecord>() : null;
        var coverage = settings.Coverage ? new RuleCoverage(rules.Rules) : null;
        // Only a terminal gets a progress bar: never a pipe, a file or a test.
        var showProgress = terminal.ShowsProgress;
        JudgingRun? run = null;
        // Progress follows the share of the file read when there is one file.
        var tracked = settings.From is null && settings.Cases is [var only] && File.Exists(only) ? new TrackedFile(only, readOptions) : null;
        using var outputs = new OutputFiles();

        void Audit(Action<RunPass, long>? progress)
        {
            run = new JudgingRun(rules, new RunOptions { Registry = registry, Parallelism = settings.Threads, Trace = false, Redact = settings.Redact, Progress = progress, Observer = coverage?.Recorder });
            using var results = settings.Out is null ? null
                : AuditResultWriter.Create(outputs.Create(settings.Out), rules.Rules, settings.Out.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
            Func<ContactVerdict, string?> format = results is null ? _ => null : results.Format;
            foreach (var (item, line) in run.Run(tracked is null ? settings.OpenCases(settings.Cases, readOptions, terminal, showFetching: progress is null) : tracked.Latest(), format))
            {
                tally.Add(item);
                if (fixes is not null && item is { Record: { } judged, Verdict: { } judgedVerdict })
                {
                    var before = fixes.Cases.Count;
                    fixes.Add(judged, judgedVerdict);
                    repaired?.Add(fixes.Cases.Count > before ? FixSheet.Apply(judged, fixes.Cases[^1].Changes) : judged);
                }
                if (coverage is not null && item is { Record: { } record, Verdict: { } verdict })
                {
                    coverage.Add(record, verdict);
                }
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
        if (repaired is not null)
        {
            var after = new AuditTally(rules.Rules, input, unreachableRows: 0);
            var again = new JudgingRun(rules, new RunOptions { Registry = registry, Parallelism = settings.Threads, Trace = false });
            foreach (var item in again.Run(() => repaired.Select(Contacts.CaseReadResult.Accepted)))
            {
                after.Add(item);
            }
            summary = summary with { AfterRepairs = after.Build(again.Summary).Channels };
        }
        if (fixes is not null && settings.Fixes is not null)
        {
            WriteFixes(outputs, settings.Fixes, fixes);
        }
        if (fixes is not null && settings.FixesByOwner is not null)
        {
            Directory.CreateDirectory(settings.FixesByOwner);
            foreach (var (owner, sheet) in fixes.ByOwner())
            {
                WriteFixes(outputs, Path.Combine(settings.FixesByOwner, FixSheet.SafeFileName(owner, ".xlsx")), sheet);
            }
        }
        if (settings.Report is not null)
        {
            using var report = new StreamWriter(outputs.Create(settings.Report), new System.Text.UTF8Encoding(false));
            AuditReport.Write(report, summary);
        }
        outputs.Commit();
        if (settings.Format == SharedOptions.Json)
        {
            terminal.WriteData(AuditSummaryFormat.Json(summary));
            if (coverage is not null)
            {
                terminal.WriteData(TestReport.CoverageJson([coverage.Report()], indented: false));
            }
        }
        else
        {
            terminal.WriteText(AuditSummaryFormat.Text(summary));
            if (coverage is not null)
            {
                terminal.WriteText(TestReport.CoverageText([coverage.Report()]));
            }
        }
        return summary.Rejected + summary.Problems > 0 ? ExitCodes.InvalidInput : ExitCodes.Done;
    }

    /// <summary>The fix sheet as xlsx, or as CSV (import sheet) with the review list in NAME.changes.csv beside it.</summary>
    private static void WriteFixes(OutputFiles outputs, string path, FixSheet sheet)
    {
        if (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            sheet.WriteXlsx(outputs.Create(path));
            return;
        }
        FixSheet.WriteCsv(outputs.Create(path), sheet.ImportRows());
        FixSheet.WriteCsv(outputs.Create(path[..^4] + ".changes.csv"), sheet.ReviewRows());
    }
}

/// <summary>A case file read through a stream whose position tells how far reading has got.</summary>
internal sealed class TrackedFile(string path, Contacts.CaseReadOptions options)
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

    /// <summary>The file as one population (<see cref="Contacts.CasePopulation.Latest(Contacts.CaseOpener)"/>): finding the latest versions reads no properties.</summary>
    public Func<IEnumerable<Contacts.CaseReadResult>> Latest() => Contacts.CasePopulation.Latest(Read).Open;

    private IEnumerable<Contacts.CaseReadResult> Read(IReadOnlySet<string>? keptProperties)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Volatile.Write(ref _current, stream);
        try
        {
            foreach (var result in Contacts.CaseSource.Read(stream, path, options with { KeptProperties = keptProperties }))
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
