namespace ContactRules.Registry;

/// <summary>
/// Where a sync of a project's cases stopped: the latest <c>indexed_on</c> seen for one case type
/// (<see cref="EveryType"/> when the sync asked for every type), as HQ wrote it and as ticks.
/// </summary>
internal sealed record SyncCursor(string Domain, string CaseType, string IndexedOn, long Ticks)
{
    /// <summary>The case type of a sync that asked for every type.</summary>
    public const string EveryType = "";

    /// <summary>
    /// Where a sync of <paramref name="caseTypes"/> (none: every type) resumes: the earliest of their cursors,
    /// or null when one of them has none (that type has never been synced, so everything is asked for).
    /// </summary>
    public static SyncCursor? ResumeFrom(IReadOnlyList<SyncCursor> recorded, IReadOnlyList<string> caseTypes)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(caseTypes);
        SyncCursor? earliest = null;
        foreach (var type in caseTypes.Count == 0 ? [EveryType] : caseTypes)
        {
            var cursor = recorded.FirstOrDefault(c => c.CaseType == type);
            if (cursor is null)
            {
                return null;
            }
            if (earliest is null || cursor.Ticks < earliest.Ticks)
            {
                earliest = cursor;
            }
        }
        return earliest;
    }
}
