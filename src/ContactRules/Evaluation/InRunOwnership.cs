using ContactRules.Contacts;
using NodaTime;

namespace ContactRules.Evaluation;

/// <summary>
/// Two-way ownership among the cases of one input, without a registry: of the active cases verified
/// for the same number, the one opened earliest owns it (ties: the smallest case id). Opt-outs come from
/// the registry it wraps.
/// </summary>
public sealed class InRunOwnership : IContactRegistry
{
    private readonly Dictionary<string, (Instant Opened, string CaseId)> _owners = new(StringComparer.Ordinal);
    private readonly IContactRegistry _optOuts;

    public InRunOwnership(IContactRegistry optOuts) => _optOuts = optOuts;

    /// <summary>Records that <paramref name="record"/> claims <paramref name="number"/> for two-way SMS.</summary>
    public void Claim(string number, CaseRecord record)
    {
        var claim = (Opened: record.DateOpened?.Instant ?? Instant.MaxValue, CaseId: record.Id);
        if (!_owners.TryGetValue(number, out var owner) || IsEarlier(claim, owner))
        {
            _owners[number] = claim;
        }
    }

    public int Count => _owners.Count;

    public string? TwoWayOwner(string number) => _owners.TryGetValue(number, out var owner) ? owner.CaseId : null;

    public bool IsOptedOut(string number) => _optOuts.IsOptedOut(number);

    private static bool IsEarlier((Instant Opened, string CaseId) a, (Instant Opened, string CaseId) b) =>
        a.Opened < b.Opened || (a.Opened == b.Opened && string.CompareOrdinal(a.CaseId, b.CaseId) < 0);
}
