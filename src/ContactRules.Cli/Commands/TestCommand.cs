using System.ComponentModel;
using ContactRules.Diagnostics;
using ContactRules.Testing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class TestSettings : CommonOptions
{
    [CommandArgument(0, "[PATHS]")]
    [Description(CliMessages.TestPathsDescription)]
    public string[] Paths { get; init; } = [];

    [CommandOption("--filter <NAME>")]
    [Description(CliMessages.TestFilterDescription)]
    public string? Filter { get; init; }

    [CommandOption("--fail-on-empty")]
    [Description(CliMessages.TestFailOnEmptyDescription)]
    public bool FailOnEmpty { get; init; }

    [CommandOption(SharedOptions.Format)]
    [Description(CliMessages.TestFormatDescription)]
    [DefaultValue(SharedOptions.Text)]
    [Formats(SharedOptions.Text, SharedOptions.Json, "junit")]
    public string Format { get; init; } = SharedOptions.Text;

    [CommandOption("--coverage")]
    [Description(CliMessages.TestCoverageDescription)]
    public bool Coverage { get; init; }

    [CommandOption("--coverage-min <PERCENT>")]
    [Description(CliMessages.TestCoverageMinDescription)]
    public double? CoverageMin { get; init; }

    public override ValidationResult Validate() =>
        CoverageMin is < 0 or > 100 ? ValidationResult.Error(CliMessages.CoverageMinRange) : ValidationResult.Success();
}

/// <summary><c>contactrules test [PATHS]</c>: runs rule test files, with coverage when asked.</summary>
internal sealed class TestCommand(Terminal terminal) : Command<TestSettings>
{
    public override int Execute(CommandContext context, TestSettings settings, CancellationToken cancellationToken)
    {
        var (files, missing) = RuleTestLoader.Find(settings.Paths.Length == 0 ? ["."] : settings.Paths.Select(CommandLineArguments.Unprotect));
        if (missing is not null)
        {
            terminal.Fail(CliMessages.NoSuchTestPath(missing));
            return ExitCodes.Usage;
        }
        var coverageWanted = settings.Coverage || settings.CoverageMin is not null;
        var diagnostics = new DiagnosticBag();
        var results = new List<TestResult>();
        var coverage = new List<CoverageReport>();
        foreach (var path in files)
        {
            if (RuleTestLoader.LoadFile(path, diagnostics) is not { } file)
            {
                continue;
            }
            var collector = coverageWanted ? new RuleCoverage(file.Rules.Rules) : null;
            results.AddRange(RuleTestRunner.Run(file, settings.Filter, collector));
            if (collector is not null)
            {
                coverage.Add(collector.Report());
            }
        }
        terminal.WriteDiagnostics(diagnostics);
        var merged = TestReport.Merge(coverage);
        switch (settings.Format)
        {
            case SharedOptions.Json:
                terminal.WriteData(TestReport.Json(results, coverageWanted ? merged : null));
                break;
            case "junit":
                terminal.WriteData(TestReport.JUnit(results));
                break;
            default:
                terminal.WriteText(TestReport.Text(results));
                if (coverageWanted)
                {
                    terminal.WriteText(TestReport.CoverageText(merged));
                }
                break;
        }
        var failed = diagnostics.HasErrors || results.Exists(r => !r.Passed);
        if (results.Count == 0)
        {
            terminal.Note(CliMessages.NoTests);
            failed |= settings.FailOnEmpty;
        }
        foreach (var report in merged.Where(r => r.LowestPercent < settings.CoverageMin))
        {
            terminal.Fail(CliMessages.CoverageBelow(report.RulesPath, report.LowestPercent, settings.CoverageMin!.Value));
            failed = true;
        }
        return failed ? ExitCodes.InvalidInput : ExitCodes.Done;
    }
}
