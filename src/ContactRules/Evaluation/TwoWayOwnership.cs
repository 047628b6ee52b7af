using System.Runtime.InteropServices;
using ContactRules.Contacts;
using ContactRules.Registry;

namespace ContactRules.Evaluation;

/// <summary>
/// Two-way ownership among the cases of one run, without a registry: of the claims on a number, the first
/// in line owns it (<see cref="CaseClaim.IsBefore"/>: the case opened earliest, ties to the smallest case id,
/// the one ordering the registry uses too). Opt-outs come from the registry it wraps. A number of up to 17
/// digits is kept as a 64-bit key, not as a string, so audits of millions of cases stay compact.
/// Filled on one thread, then read from many.
/// </summary>
internal sealed class TwoWayOwnership : IContactRegistry
{
    private const int MaxPackedDigits = 17;

    // Each number's index in _owners, which grows without copying (see ChunkedList) and holds no number:
    // a packed key is its number, and the other table is keyed by it.
    private readonly PackedNumberIndex _packed = new();
    private readonly Dictionary<string, int> _other = new(StringComparer.Ordinal);
    private readonly ChunkedList<Owner> _owners = new();
    private readonly CaseIdIndex _cases = new();
    private readonly IContactRegistry _optOuts;

    /// <param name="optOuts">Where opt-outs come from (only <see cref="IContactRegistry.IsOptedOut"/> is asked); none by default.</param>
    public TwoWayOwnership(IContactRegistry? optOuts = null) => _optOuts = optOuts ?? EmptyContactRegistry.Instance;

    /// <summary>How many numbers have an owner.</summary>
    public int Count => _owners.Count;

    /// <summary>Records that <paramref name="record"/> claims <paramref name="number"/> for two-way SMS, from its opening.</summary>
    /// <param name="number">The number claimed.</param>
    /// <param name="record">The claiming record.</param>
    /// <param name="version">Which record of the input made the claim (see <see cref="AnyOwner"/>); -1 when not told.</param>
    public void Claim(string number, CaseRecord record, long version = -1)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(record);
        var opened = record.DateOpened?.Instant?.ToUnixTimeTicks() ?? RegistryUpdate.UnknownOpened;
        Claim(new CaseClaim(record.Id, number, opened), version);
    }

    /// <summary>Whether some number's owner is a case and record of the input (<c>version</c>) that <paramref name="matches"/>.</summary>
    public bool AnyOwner(Func<string, long, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        for (var i = 0; i < _owners.Count; i++)
        {
            if (matches(_cases[_owners[i].Case], _owners[i].Version))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Records a claim; the number goes to it when it is first in line.</summary>
    public void Claim(CaseClaim claim) => Claim(claim, -1);

    private void Claim(CaseClaim claim, long version)
    {
        ref var index = ref Pack(claim.Number) is { } key
            ? ref _packed.GetValueRefOrAddDefault(key, out var known)
            : ref CollectionsMarshal.GetValueRefOrAddDefault(_other, claim.Number, out known);
        if (!known)
        {
            index = _owners.Add(new Owner(_cases.GetOrAdd(claim.CaseId, out _), claim.Claimed, version));
        }
        else if (Wins(claim, _owners[index]))
        {
            _owners[index] = new Owner(_cases.GetOrAdd(claim.CaseId, out _), claim.Claimed, version);
        }
    }

    /// <summary>
    /// Whether <paramref name="claim"/> takes <paramref name="owner"/>'s place: it comes before it in line
    /// (<see cref="CaseClaim.IsBefore"/>), or it is the same claim again (another version of the case), which
    /// takes the place only to name the later record.
    /// </summary>
    private bool Wins(CaseClaim claim, Owner owner) =>
        claim.Claimed < owner.Claimed || (claim.Claimed == owner.Claimed && _cases.CompareOrdinal(owner.Case, claim.CaseId) >= 0);

    public string? TwoWayOwner(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var found = Pack(number) is { } key ? _packed.TryGetValue(key, out var index) : _other.TryGetValue(number, out index);
        return found ? _cases[_owners[index].Case] : null;
    }

    /// <summary>A number's owner: the case (its number in the run's id index), since when it claims, and which record of the input made the claim.</summary>
    private readonly record struct Owner(int Case, long Claimed, long Version);

    public bool IsOptedOut(string number) => _optOuts.IsOptedOut(number);

    /// <summary>Digits only, 1 to 17 of them: the value times 32 plus the length (so "091" and "91" differ); otherwise null.</summary>
    private static long? Pack(string number)
    {
        if (number.Length is 0 or > MaxPackedDigits)
        {
            return null;
        }
        long value = 0;
        foreach (var c in number)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }
            value = (value * 10) + (c - '0');
        }
        return (value * 32) + number.Length;
    }
}
