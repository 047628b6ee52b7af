using ContactRules.Contacts;
using ContactRules.Evaluation;

namespace ContactRules.Pipeline;

/// <summary>
/// The first pass of a run: the context each rule set judges in. With a registry, its owners; without,
/// the owners the input's own cases settle, found in one read of the input for every rule set that asks
/// who owns a number (rule sets that never ask need no pass at all).
/// </summary>
internal static class OwnershipPass
{
    public static RunContext[] Settle(IReadOnlyList<CompiledRules> sides, RunOptions options, Func<IEnumerable<CaseReadResult>> open, int parallelism)
    {
        if (options.Registry is { } registry)
        {
            var shared = new RunContext(registry, routing: true, options.Observer);
            return [.. sides.Select(_ => shared)];
        }
        var asking = Enumerable.Range(0, sides.Count).Where(i => sides[i].AsksForOwners).ToArray();
        var ownerships = sides.Select(_ => new TwoWayOwnership(options.OptOuts)).ToArray();
        if (asking.Length > 0 && open.Target is CasePopulation.LatestCases { IsSettled: false } population)
        {
            // The population's latest versions are found in this same read rather than in one of their own.
            // Every version claims here, superseded or not: the owners stand unless one was claimed by a version
            // that is not its case's latest (the latest versions' own claims may give another owner); then, and
            // only then, claims are found again.
            population.Settle(items => Claiming(sides, asking, ownerships, options, items, parallelism));
            if (!population.HasVersions || !ownerships.Any(o => o.AnyOwner((caseId, version) => !population.IsLatest(caseId, version))))
            {
                return Contexts(ownerships, options);
            }
            ownerships = [.. sides.Select(_ => new TwoWayOwnership(options.OptOuts))];
        }
        if (asking.Length > 0)
        {
            foreach (var _ in Claiming(sides, asking, ownerships, options, open(), parallelism))
            {
                // Claimed as they pass.
            }
        }
        return Contexts(ownerships, options);
    }

    private static RunContext[] Contexts(TwoWayOwnership[] ownerships, RunOptions options) =>
        [.. ownerships.Select(o => new RunContext(o, routing: true, options.Observer))];

    /// <summary>The items as they come, each accepted record's claims made in <paramref name="ownerships"/> as it passes.</summary>
    private static IEnumerable<CaseReadResult> Claiming(
        IReadOnlyList<CompiledRules> sides, int[] asking, TwoWayOwnership[] ownerships, RunOptions options, IEnumerable<CaseReadResult> items, int parallelism)
    {
        var claims = asking.Select(i => RunContext.ForClaims(ownerships[i])).ToArray();
        long taken = 0;
        // Accepted records counted as the population counts its versions (CasePopulation.LatestCases.IsLatest).
        long version = 0;
        foreach (var (item, found) in OrderedParallel.Map(items, item => (item, Claims(sides, asking, claims, item)), parallelism))
        {
            var at = item.Kind == CaseReadKind.Accepted && item.Record is not null ? version++ : -1;
            if (found is { } f)
            {
                for (var k = 0; k < asking.Length; k++)
                {
                    if (f.Numbers[k] is { } number)
                    {
                        ownerships[asking[k]].Claim(number, f.Record, at);
                    }
                }
            }
            options.Report(RunPass.Ownership, ++taken, final: false);
            yield return item;
        }
        options.Report(RunPass.Ownership, taken, final: true);
    }

    /// <summary>The number each asking rule set sees the record claim, or null when it claims none under any.</summary>
    private static (CaseRecord Record, string?[] Numbers)? Claims(IReadOnlyList<CompiledRules> sides, int[] asking, RunContext[] claims, CaseReadResult item)
    {
        // Only accepted records claim: a superseded version carries its record but is not the case's latest.
        if (item is not { Kind: CaseReadKind.Accepted, Record: { } record })
        {
            return null;
        }
        string?[]? numbers = null;
        for (var k = 0; k < asking.Length; k++)
        {
            if (sides[asking[k]].TwoWayClaim(record, claims[k]) is { } number)
            {
                (numbers ??= new string?[asking.Length])[k] = number;
            }
        }
        return numbers is null ? null : (record, numbers);
    }
}
