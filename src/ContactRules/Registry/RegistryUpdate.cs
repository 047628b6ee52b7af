using ContactRules.Contacts;
using ContactRules.Evaluation;
using NodaTime;

namespace ContactRules.Registry;

/// <summary>
/// What the registry keeps of one case update: when it was made, which number (if any) it shows the case
/// verified for, and when the case was opened. Times are Unix ticks so both stores order them exactly.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Modified">The update's modification time (server time first, then the case's own, then its opening; the earliest possible when it has none).</param>
/// <param name="Claim">The number (E.164 digits) the update shows the case verified for two-way SMS, or "" when none.</param>
/// <param name="Opened">The case's date_opened (the latest possible when unknown, so such a case is last in line, as in a check without a registry).</param>
public readonly record struct RegistryUpdate(string CaseId, long Modified, string Claim, long Opened)
{
    public static readonly long UnknownModified = Instant.MinValue.ToUnixTimeTicks();

    public static readonly long UnknownOpened = Instant.MaxValue.ToUnixTimeTicks();

    /// <summary>The update a case record makes, given the number it claims (see <c>CompiledRules.TwoWayClaim</c>).</summary>
    public static RegistryUpdate From(CaseRecord record, string? claim)
    {
        ArgumentNullException.ThrowIfNull(record);
        var modified = (record.ServerLastModified?.Instant ?? record.LastModified?.Instant ?? record.DateOpened?.Instant)?.ToUnixTimeTicks() ?? UnknownModified;
        var opened = record.DateOpened?.Instant?.ToUnixTimeTicks() ?? UnknownOpened;
        return new RegistryUpdate(record.Id, modified, claim ?? "", opened);
    }

    /// <summary>
    /// Of two different updates of one case at the same time, the one that stands: the smaller claim, then
    /// the earlier opening (any fixed choice would do; a fixed one keeps the result independent of order).
    /// </summary>
    public static bool Supersedes(RegistryUpdate candidate, RegistryUpdate recorded) =>
        string.CompareOrdinal(candidate.Claim, recorded.Claim) is var c && (c < 0 || (c == 0 && candidate.Opened < recorded.Opened));
}

/// <summary>A case's current claim on a number: the number and the time the claim counts from.</summary>
public readonly record struct CaseClaim(string CaseId, string Number, long Claimed)
{
    /// <summary>Whether this claim comes before <paramref name="other"/> in line: earlier, then smaller case id.</summary>
    public bool IsBefore(CaseClaim other) =>
        Claimed < other.Claimed || (Claimed == other.Claimed && string.CompareOrdinal(CaseId, other.CaseId) < 0);

    public static int InLine(CaseClaim a, CaseClaim b) =>
        a.Claimed != b.Claimed ? a.Claimed.CompareTo(b.Claimed) : string.CompareOrdinal(a.CaseId, b.CaseId);
}

/// <summary>
/// The one definition of a case's claim, from all the updates recorded for it. The latest update says
/// whether the case claims a number now. The claim counts from the first update of the unbroken run of
/// updates, ending at the latest, that all show the case verified for that number; when that run goes
/// back to the first update known for the case, it counts from the case's date_opened instead.
/// An older update than the latest thus never changes what the case claims, only (when it arrives late
/// and breaks such a run) since when; this keeps the result the same whatever order updates arrive in.
/// </summary>
internal static class ClaimDerivation
{
    /// <param name="caseId">The case.</param>
    /// <param name="newestFirst">Its recorded updates, one per modification time, newest first.</param>
    public static CaseClaim? Derive(string caseId, IEnumerable<RegistryUpdate> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        using var updates = newestFirst.GetEnumerator();
        if (!updates.MoveNext() || updates.Current.Claim.Length == 0)
        {
            return null;
        }
        var number = updates.Current.Claim;
        var runStart = updates.Current;
        while (updates.MoveNext())
        {
            if (updates.Current.Claim != number)
            {
                return new CaseClaim(caseId, number, runStart.Modified);
            }
            runStart = updates.Current;
        }
        return new CaseClaim(caseId, number, runStart.Opened);
    }
}
