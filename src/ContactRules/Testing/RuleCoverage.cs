using System.Collections.Immutable;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.RuleFiles;
using ContactRules.Text;

namespace ContactRules.Testing;

/// <summary>
/// What a set of cases exercised of one rule file: each check seen passing and failing (or never reached),
/// each code of the catalogue produced, each property tried present and missing. Filled from any number of
/// threads (a whole audit), through <see cref="Recorder"/> for the checks and <see cref="Add"/> per verdict.
/// </summary>
internal sealed class RuleCoverage
{
    private readonly RuleFile _rules;
    private readonly Dictionary<string, int> _codeIndex;
    private readonly long[] _produced;
    private readonly long[] _present;
    private readonly long[] _missing;

    public RuleCoverage(RuleFile rules)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        Recorder = new CheckRecorder(rules);
        Codes = [.. rules.Errors.Keys.Order(StringComparer.Ordinal)];
        _codeIndex = Codes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        _produced = new long[Codes.Length];
        _present = new long[rules.Properties.Length];
        _missing = new long[rules.Properties.Length];
    }

    /// <summary>Give it to the run (<c>RunOptions.Observer</c>) so every check's outcome is counted.</summary>
    public CheckRecorder Recorder { get; }

    private ImmutableArray<string> Codes { get; }

    /// <summary>Counts the codes a verdict gives and the properties its case has and lacks.</summary>
    public void Add(CaseRecord record, ContactVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(verdict);
        for (var i = 0; i < _rules.Properties.Length; i++)
        {
            var present = record.Properties.TryGetValue(_rules.Properties[i].Name, out var value) && !string.IsNullOrWhiteSpace(value);
            Interlocked.Increment(ref present ? ref _present[i] : ref _missing[i]);
        }
        // A code blocking several channels counts once per verdict.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reason in verdict.Channels.SelectMany(c => c.Reasons).Concat(verdict.Warnings))
        {
            if (seen.Add(reason.Code) && _codeIndex.TryGetValue(reason.Code, out var index))
            {
                Interlocked.Increment(ref _produced[index]);
            }
        }
    }

    /// <summary>The counts so far.</summary>
    public CoverageReport Report()
    {
        var checks = Recorder.Checks.Select((c, i) => new CheckCoverage(
            c.Property?.Name,
            c.Property is { } p ? p.Checks.IndexOf(c.Check) + 1 : _rules.ContactChecks.IndexOf(c.Check) + 1,
            c.Check.Code,
            c.Check.Rule.Location,
            Recorder.Passed(i),
            Recorder.Failed(i)));
        var codes = Codes.Select((c, i) => new CodeCoverage(c, Interlocked.Read(ref _produced[i])));
        var properties = _rules.Properties.Select((p, i) => new PropertyCoverage(p.Name, Interlocked.Read(ref _present[i]), Interlocked.Read(ref _missing[i])));
        return new CoverageReport(_rules.Path, [.. checks], [.. codes], [.. properties]);
    }
}

/// <summary>A check (of <see cref="Property"/>, or a contact check when null; <see cref="Position"/> counts from 1) and how often it passed and failed.</summary>
internal sealed record CheckCoverage(string? Property, int Position, string Code, SourceLocation Location, long Passed, long Failed)
{
    public bool Reached => Passed + Failed > 0;

    /// <summary>How a report names it: <c>contact_phone_number check 2 (PHONE_NUMBER_COUNTRY_CODE)</c>.</summary>
    public string Describe() => Messages.CoverageCheckName(Property ?? "contact_checks", Position, Code);
}

/// <summary>A code of the catalogue and how many verdicts gave it.</summary>
internal sealed record CodeCoverage(string Code, long Produced);

/// <summary>A property and how many cases had it and lacked it.</summary>
internal sealed record PropertyCoverage(string Name, long Present, long Missing);

/// <summary>The coverage of one rule file, with its totals as percentages.</summary>
internal sealed record CoverageReport(string RulesPath, ImmutableArray<CheckCoverage> Checks, ImmutableArray<CodeCoverage> Codes, ImmutableArray<PropertyCoverage> Properties)
{
    /// <summary>The share of check outcomes seen: each check counts twice, once for passing and once for failing.</summary>
    public double CheckPercent => Percent(Checks.Count(c => c.Passed > 0) + Checks.Count(c => c.Failed > 0), 2 * Checks.Length);

    public double CodePercent => Percent(Codes.Count(c => c.Produced > 0), Codes.Length);

    /// <summary>The share of property states tried: each property counts twice, present and missing.</summary>
    public double PropertyPercent => Percent(Properties.Count(p => p.Present > 0) + Properties.Count(p => p.Missing > 0), 2 * Properties.Length);

    /// <summary>The lowest of the three totals, which <c>--coverage-min</c> holds to its threshold.</summary>
    public double LowestPercent => Math.Min(CheckPercent, Math.Min(CodePercent, PropertyPercent));

    /// <summary>The counts of both reports added; they must be of the same rule file (same checks, codes and properties).</summary>
    public CoverageReport Add(CoverageReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with
        {
            Checks = [.. Checks.Zip(other.Checks, (a, b) => a with { Passed = a.Passed + b.Passed, Failed = a.Failed + b.Failed })],
            Codes = [.. Codes.Zip(other.Codes, (a, b) => a with { Produced = a.Produced + b.Produced })],
            Properties = [.. Properties.Zip(other.Properties, (a, b) => a with { Present = a.Present + b.Present, Missing = a.Missing + b.Missing })],
        };
    }

    /// <summary>Whether <see cref="Add"/> may merge the two: the same file with the same shape.</summary>
    public bool SameShape(CoverageReport other) =>
        other is not null && other.RulesPath == RulesPath
        && other.Checks.Select(c => c.Describe()).SequenceEqual(Checks.Select(c => c.Describe()))
        && other.Codes.Select(c => c.Code).SequenceEqual(Codes.Select(c => c.Code))
        && other.Properties.Select(p => p.Name).SequenceEqual(Properties.Select(p => p.Name));

    private static double Percent(int covered, int total) => total == 0 ? 100 : 100.0 * covered / total;
}
