using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.Generation;
using ContactRules.Pipeline;
using ContactRules.Tests.Evaluation;
using Xunit;

namespace ContactRules.Tests.Pipeline;

/// <summary>
/// A population's latest versions found in the ownership pass's own read (one read fewer) judge exactly as
/// when they are found in a read of their own, however the versions of a case and their claims interleave.
/// </summary>
public sealed class SettledPopulationTests
{
    /// <summary>Generated cases, then later and earlier versions of some of them that claim other cases' numbers.</summary>
    private static List<CaseRecord> Population()
    {
        var cases = new CaseGenerator(GeneratorOptions.Default).Generate(3_000).ToList();
        var versions = new List<CaseRecord>(cases);
        for (var i = 0; i < cases.Count; i += 7)
        {
            var other = cases[(i * 13) % cases.Count];
            var later = i % 2 == 0;
            var shift = later ? "2030-01-01T00:00:00.000000Z" : "2000-01-01T00:00:00.000000Z";
            var properties = new Dictionary<string, string>(cases[i].Properties, StringComparer.Ordinal);
            if (other.Property("contact_phone_number") is { } number)
            {
                properties["contact_phone_number"] = number;
            }
            properties["contact_phone_number_is_verified"] = "1";
            var version = cases[i] with { ServerLastModified = CaseTimestamp.Parse(shift), Properties = properties };
            versions.Insert((i * 31) % versions.Count, version);
        }
        return versions;
    }

    private static List<string> Judge(Func<IEnumerable<CaseReadResult>> open, int parallelism)
    {
        var rules = Corpus.Compile(Corpus.Documented, Corpus.Project());
        var run = new JudgingRun(rules, new RunOptions { Trace = false, Parallelism = parallelism });
        return [.. run.Run(open).Select(i => $"{i.Record?.Id} {i.Diagnostic} {(i.Verdict is null ? "" : VerdictJson.ToJsonLine(i.Verdict))}")];
    }

    /// <summary>Generated cases, then some again as a later fetch gives them (a later page overlapping an earlier one).</summary>
    private static List<CaseRecord> Overlapping()
    {
        var cases = new CaseGenerator(GeneratorOptions.Default).Generate(3_000).ToList();
        return [.. cases, .. cases.Where((_, i) => i % 5 == 0).Select(c => c with { ServerLastModified = CaseTimestamp.Parse("2030-01-01T00:00:00.000000Z") })];
    }

    [Theory]
    [InlineData(false, 1, 3)]
    [InlineData(false, 3, 3)]
    [InlineData(true, 1, 2)]
    [InlineData(true, 3, 2)]
    public void Settling_in_the_ownership_pass_judges_as_a_read_of_its_own_does(bool overlapping, int parallelism, int reads)
    {
        var population = overlapping ? Overlapping() : Population();
        var opened = 0;
        IEnumerable<CaseReadResult> Read()
        {
            opened++;
            return population.Select(CaseReadResult.Accepted);
        }

        var latest = CasePopulation.Latest(Read);
        // A delegate of its own hides the population: its latest versions are found in a read of their own.
        var apart = Judge(() => latest(), parallelism);
        Assert.Equal(3, opened);

        // Found in the ownership pass: when a superseded version's claim won a number (other cases' numbers
        // taken by earlier versions), claims are found again, otherwise the input is read twice only.
        opened = 0;
        var settled = Judge(CasePopulation.Latest(Read), parallelism);
        Assert.Equal(reads, opened);

        Assert.Equal(apart, settled);
        Assert.Contains(settled, line => line.Contains("SUPERSEDED_CASE", StringComparison.Ordinal));
        Assert.Contains(settled, line => line.Contains("PHONE_NUMBER_IN_USE", StringComparison.Ordinal));
    }
}
