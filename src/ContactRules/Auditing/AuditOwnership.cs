using ContactRules.Contacts;
using ContactRules.Evaluation;
using NodaTime;

namespace ContactRules.Auditing;

/// <summary>
/// Two-way ownership among the cases of one input, as <see cref="InRunOwnership"/> settles it (the active,
/// verified claimant opened first owns a number; ties go to the smallest case id), stored compactly for
/// audits of millions of cases: a number of up to 17 digits is kept as a 64-bit key, not as a string.
/// Filled on one thread, then read from many.
/// </summary>
internal sealed class AuditOwnership : IContactRegistry
{
    private const int MaxPackedDigits = 17;

    private readonly Dictionary<long, Candidate> _packed = [];
    private readonly Dictionary<string, Candidate> _other = new(StringComparer.Ordinal);
    private readonly IContactRegistry _optOuts;

    public AuditOwnership(IContactRegistry optOuts) => _optOuts = optOuts;

    public void Claim(string number, CaseRecord record)
    {
        var claim = new Candidate(record.DateOpened?.Instant ?? Instant.MaxValue, record.Id);
        if (Pack(number) is { } key)
        {
            if (!_packed.TryGetValue(key, out var owner) || claim.IsEarlierThan(owner))
            {
                _packed[key] = claim;
            }
        }
        else if (!_other.TryGetValue(number, out var owner) || claim.IsEarlierThan(owner))
        {
            _other[number] = claim;
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

    private readonly record struct Candidate(Instant Opened, string CaseId)
    {
        public bool IsEarlierThan(Candidate other) =>
            Opened < other.Opened || (Opened == other.Opened && string.CompareOrdinal(CaseId, other.CaseId) < 0);
    }
}
