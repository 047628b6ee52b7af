using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.Registry;

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
        var ownerships = sides.Select(_ => new TwoWayOwnership(options.OptOuts)).ToArray();
        var asking = Enumerable.Range(0, sides.Count).Where(i => sides[i].AsksForOwners).ToArray();
        if (asking.Length > 0 && open.Target is CasePopulation.LatestCases { IsSettled: false } population)
        {
            // The population's latest versions are found in this same read, not in one of their own: claims
            // of every version are found, and only those of each case's latest version count.
            var claims = asking.Select(i => RunContext.ForClaims(ownerships[i])).ToArray();
            long read = 0;
            var found = population.Settle(
                items => OrderedParallel.Map(items, item => (item, Claims(sides, asking, claims, item) is { } f ? new Found(f.Numbers, TwoWayOwnership.OpenedOf(f.Record)) : null), parallelism),
                taken => options.Report(RunPass.Ownership, read = taken, final: false));
            foreach (var (caseId, f) in found)
            {
                for (var k = 0; k < asking.Length; k++)
                {
                    if (f.Numbers[k] is { } number)
                    {
                        ownerships[asking[k]].Claim(new CaseClaim(caseId, number, f.Opened));
                    }
                }
            }
            options.Report(RunPass.Ownership, read, final: true);
        }
        else if (asking.Length > 0)
        {
            var claims = asking.Select(i => RunContext.ForClaims(ownerships[i])).ToArray();
            long taken = 0;
            foreach (var found in OrderedParallel.Map(open(), item => Claims(sides, asking, claims, item), parallelism))
            {
                if (found is { } f)
                {
                    for (var k = 0; k < asking.Length; k++)
                    {
                        if (f.Numbers[k] is { } number)
                        {
                            ownerships[asking[k]].Claim(number, f.Record);
                        }
                    }
                }
                options.Report(RunPass.Ownership, ++taken, final: false);
            }
            options.Report(RunPass.Ownership, taken, final: true);
        }
        return [.. ownerships.Select(o => new RunContext(o, routing: true, options.Observer))];
    }

    /// <summary>The numbers a record claims (<see cref="Claims"/>) and the time its claims count from.</summary>
    private sealed record Found(string?[] Numbers, long Opened);

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
