using System.Collections.Immutable;
using ContactRules.Projects;

namespace ContactRules.Evaluation;

/// <summary>How a gateway was chosen for a number.</summary>
public enum GatewayChoice
{
    /// <summary>No gateway: none is named and none serves the number.</summary>
    None,
    /// <summary>The case named it in <c>contact_backend_id</c>.</summary>
    Override,
    /// <summary>The longest prefix of the number that a gateway serves.</summary>
    Prefix,
    /// <summary>The project's catch-all (<c>*</c>) gateway.</summary>
    CatchAll,
    /// <summary>The project defines no gateways, so routing is not checked.</summary>
    NotConfigured,
}

/// <summary>A routing decision: the gateway (if any), how it was chosen, and the prefix that matched.</summary>
public sealed record GatewayRoute(string? Gateway, GatewayChoice Choice, string? Prefix = null);

/// <summary>
/// A project's gateways, for routing a number (longest matching prefix, then the catch-all) and for
/// finding a gateway by name. With no gateways at all, routing is not checked: every number can be routed.
/// </summary>
internal sealed class GatewayTable
{
    private readonly ImmutableArray<Gateway> _gateways;
    private static readonly GatewayRoute NotConfigured = new(null, GatewayChoice.NotConfigured);
    private static readonly GatewayRoute NoGateway = new(null, GatewayChoice.None);

    // Routes are answered from these prebuilt decisions, so routing a number allocates nothing.
    private readonly (string Prefix, GatewayRoute Route)[] _prefixesLongestFirst;
    private readonly GatewayRoute _fallback;

    public GatewayTable(IEnumerable<Gateway> gateways)
    {
        _gateways = [.. gateways];
        _prefixesLongestFirst = [.. _gateways
            .SelectMany(g => g.Prefixes.Where(p => p != Gateway.CatchAll).Select(p => (Prefix: p, Route: new GatewayRoute(g.Name, GatewayChoice.Prefix, p))))
            .OrderByDescending(p => p.Prefix.Length)
            .ThenBy(p => p.Prefix, StringComparer.Ordinal)];
        var catchAll = _gateways.FirstOrDefault(g => g.IsCatchAll)?.Name;
        _fallback = catchAll is null ? NoGateway : new GatewayRoute(catchAll, GatewayChoice.CatchAll, Gateway.CatchAll);
    }

    public static GatewayTable Empty { get; } = new([]);

    public static GatewayTable For(ProjectSettings project) => new(project.Gateways);

    public bool IsConfigured => _gateways.Length > 0;

    public ImmutableArray<Gateway> Gateways => _gateways;

    /// <summary>The gateway for <paramref name="number"/> (E.164 digits) by prefix, then catch-all.</summary>
    public GatewayRoute Route(string number)
    {
        if (!IsConfigured)
        {
            return NotConfigured;
        }
        foreach (var (prefix, route) in _prefixesLongestFirst)
        {
            if (number.StartsWith(prefix, StringComparison.Ordinal))
            {
                return route;
            }
        }
        return _fallback;
    }

    /// <summary>The project's name for a gateway named <paramref name="name"/>, optionally ignoring case and surrounding spaces.</summary>
    public string? Find(string name, bool ignoreCase)
    {
        foreach (var g in _gateways)
        {
            if (string.Equals(g.Name, name, StringComparison.Ordinal))
            {
                return g.Name;
            }
        }
        if (ignoreCase)
        {
            var trimmed = name.Trim();
            foreach (var g in _gateways)
            {
                if (string.Equals(g.Name.Trim(), trimmed, StringComparison.OrdinalIgnoreCase))
                {
                    return g.Name;
                }
            }
        }
        return null;
    }
}
