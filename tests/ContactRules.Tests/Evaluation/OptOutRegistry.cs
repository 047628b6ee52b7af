using ContactRules.Evaluation;

namespace ContactRules.Tests.Evaluation;

/// <summary>A registry that knows only opt-outs (the registry itself is another issue): no number is owned.</summary>
internal sealed class OptOutRegistry(params string[] optedOut) : IContactRegistry
{
    private readonly HashSet<string> _optedOut = new(optedOut, StringComparer.Ordinal);

    public string? TwoWayOwner(string number) => null;

    public bool IsOptedOut(string number) => _optedOut.Contains(number);
}
