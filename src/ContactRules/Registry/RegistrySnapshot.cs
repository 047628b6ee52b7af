using System.Collections.Frozen;
using ContactRules.Evaluation;

namespace ContactRules.Registry;

/// <summary>
/// A registry's owners and opt-outs read once into memory: what <c>check</c> and <c>explain</c> consult,
/// read-only, at the cost of a dictionary lookup per case. Safe to share between threads.
/// </summary>
public sealed class RegistrySnapshot : IContactRegistry
{
    private readonly FrozenDictionary<string, string> _owners;
    private readonly FrozenSet<string> _optOuts;

    public RegistrySnapshot(IEnumerable<CaseClaim> claims, IEnumerable<string> optOuts)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var first = new Dictionary<string, CaseClaim>(StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            if (!first.TryGetValue(claim.Number, out var owner) || claim.IsBefore(owner))
            {
                first[claim.Number] = claim;
            }
        }
        _owners = first.ToFrozenDictionary(p => p.Key, p => p.Value.CaseId, StringComparer.Ordinal);
        _optOuts = optOuts.ToFrozenSet(StringComparer.Ordinal);
    }

    public int OwnerCount => _owners.Count;

    public string? TwoWayOwner(string number) => _owners.GetValueOrDefault(number);

    public bool IsOptedOut(string number) => _optOuts.Contains(number);
}
