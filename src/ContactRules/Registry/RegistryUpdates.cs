using ContactRules.Contacts;
using ContactRules.Evaluation;

namespace ContactRules.Registry;

/// <summary>Turns case records into registry updates, judging each with the rules to find the number it claims.</summary>
internal static class RegistryUpdates
{
    /// <summary>
    /// The updates of <paramref name="records"/>, in input order. The rules are applied on several threads
    /// a chunk at a time (judging is the costly part). Claims are judged as if nobody held any number.
    /// </summary>
    public static IEnumerable<RegistryUpdate> Of(CompiledRules rules, IEnumerable<CaseRecord> records, int chunkSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(records);
        foreach (var chunk in records.Chunk(chunkSize))
        {
            var updates = new RegistryUpdate[chunk.Length];
            Parallel.For(0, chunk.Length, i => updates[i] = Of(rules, chunk[i]));
            foreach (var update in updates)
            {
                yield return update;
            }
        }
    }

    /// <summary>As <see cref="Of(CompiledRules, IEnumerable{CaseRecord}, int)"/>, each update with its case's <c>indexed_on</c> (a sync's cursor).</summary>
    public static IEnumerable<(RegistryUpdate Update, CaseTimestamp? IndexedOn)> WithIndexedOn(CompiledRules rules, IEnumerable<CaseRecord> records, int chunkSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(records);
        foreach (var chunk in records.Chunk(chunkSize))
        {
            var updates = new RegistryUpdate[chunk.Length];
            Parallel.For(0, chunk.Length, i => updates[i] = Of(rules, chunk[i]));
            for (var i = 0; i < chunk.Length; i++)
            {
                yield return (updates[i], chunk[i].IndexedOn);
            }
        }
    }

    public static RegistryUpdate Of(CompiledRules rules, CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(rules);
        // Claims are judged as a run's ownership pass judges them: no owners, no routing.
        return RegistryUpdate.From(record, rules.TwoWayClaim(record));
    }
}
