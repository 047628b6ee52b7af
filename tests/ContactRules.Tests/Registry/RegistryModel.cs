using ContactRules.Registry;

namespace ContactRules.Tests.Registry;

/// <summary>
/// The registry's semantics in a few lines of memory, written from the issue rather than from the stores:
/// per case, one update per modification time (the superseding one on a tie); claims derived from them.
/// The stores must always agree with it.
/// </summary>
internal sealed class RegistryModel
{
    private readonly Dictionary<(string Case, long Modified), RegistryUpdate> _updates = [];

    public void Record(RegistryUpdate update)
    {
        var key = (update.CaseId, update.Modified);
        if (!_updates.TryGetValue(key, out var recorded) || RegistryUpdate.Supersedes(update, recorded))
        {
            _updates[key] = update;
        }
    }

    public static RegistryModel Of(IEnumerable<RegistryUpdate> updates)
    {
        var model = new RegistryModel();
        foreach (var update in updates)
        {
            model.Record(update);
        }
        return model;
    }

    public IEnumerable<RegistryUpdate> Updates => _updates.Values;

    public IReadOnlyList<CaseClaim> Claims() =>
        [.. _updates.Values
            .GroupBy(u => u.CaseId, StringComparer.Ordinal)
            .Select(g => ClaimDerivation.Derive(g.Key, g.OrderByDescending(u => u.Modified)))
            .OfType<CaseClaim>()
            .OrderBy(c => c.CaseId, StringComparer.Ordinal)];

    /// <summary>Owners as text lines, easy to compare and to read in a failure.</summary>
    public IReadOnlyList<string> Owners() => Describe(ContactRegistry.Ownership(Claims()));

    public static IReadOnlyList<string> Describe(IEnumerable<NumberOwnership> owners) =>
        [.. owners.Select(o => $"{o.Number}: {string.Join(" ", o.Claimants)}")];

    public static IReadOnlyList<CaseClaim> Sorted(IEnumerable<CaseClaim> claims) =>
        [.. claims.OrderBy(c => c.CaseId, StringComparer.Ordinal)];
}
