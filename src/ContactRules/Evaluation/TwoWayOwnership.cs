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

    private readonly Dictionary<long, CaseClaim> _packed = [];
    private readonly Dictionary<string, CaseClaim> _other = new(StringComparer.Ordinal);
    private readonly IContactRegistry _optOuts;

    /// <param name="optOuts">Where opt-outs come from (only <see cref="IContactRegistry.IsOptedOut"/> is asked); none by default.</param>
    public TwoWayOwnership(IContactRegistry? optOuts = null) => _optOuts = optOuts ?? EmptyContactRegistry.Instance;

    /// <summary>How many numbers have an owner.</summary>
    public int Count => _packed.Count + _other.Count;

    /// <summary>Records that <paramref name="record"/> claims <paramref name="number"/> for two-way SMS, from its opening.</summary>
    public void Claim(string number, CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(record);
        Claim(new CaseClaim(record.Id, number, OpenedOf(record)));
    }

    /// <summary>The time a record's claims count from: its opening.</summary>
    public static long OpenedOf(CaseRecord record) => record.DateOpened?.Instant?.ToUnixTimeTicks() ?? RegistryUpdate.UnknownOpened;

    /// <summary>Records a claim; the number goes to it when it is first in line.</summary>
    public void Claim(CaseClaim claim)
    {
        if (Pack(claim.Number) is { } key)
        {
            if (!_packed.TryGetValue(key, out var owner) || claim.IsBefore(owner))
            {
                _packed[key] = claim;
            }
        }
        else if (!_other.TryGetValue(claim.Number, out var owner) || claim.IsBefore(owner))
        {
            _other[claim.Number] = claim;
        }
    }

    public string? TwoWayOwner(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var found = Pack(number) is { } key ? _packed.TryGetValue(key, out var claim) : _other.TryGetValue(number, out claim);
        return found ? claim.CaseId : null;
    }

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
