namespace ContactRules.Evaluation;

/// <summary>
/// What rules may ask of a registry of contacts: who owns a number for two-way SMS, and whether a
/// number has opted out. Numbers are E.164 digits without "+". Implementations are safe to call from
/// several threads at once.
/// </summary>
public interface IContactRegistry
{
    /// <summary>The case id owning <paramref name="number"/> for two-way SMS, or null when nobody does.</summary>
    string? TwoWayOwner(string number);

    /// <summary>Whether <paramref name="number"/> has opted out of SMS.</summary>
    bool IsOptedOut(string number);
}

/// <summary>A registry that knows nobody: no owners, no opt-outs.</summary>
public sealed class EmptyContactRegistry : IContactRegistry
{
    public static readonly EmptyContactRegistry Instance = new();

    private EmptyContactRegistry()
    {
    }

    public string? TwoWayOwner(string number) => null;

    public bool IsOptedOut(string number) => false;
}
