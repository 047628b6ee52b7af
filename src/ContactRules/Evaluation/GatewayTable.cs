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
    /// <summary>The longest prefix of the number that a gateway of the project serves.</summary>
    Prefix,
    /// <summary>The project's catch-all (<c>*</c>) gateway.</summary>
    CatchAll,
    /// <summary>The project defines no gateways, so routing is not checked.</summary>
    NotConfigured,
    /// <summary>The longest prefix of the number in the server-wide map (the project's map gave nothing).</summary>
    GlobalPrefix,
    /// <summary>The server-wide catch-all (the project's map gave nothing).</summary>
    GlobalCatchAll,
}

/// <summary>A routing decision: the gateway (if any), how it was chosen, and the prefix that matched.</summary>
public sealed record GatewayRoute(string? Gateway, GatewayChoice Choice, string? Prefix = null);

/// <summary>
/// A project's gateways in CommCare HQ's two tiers, for routing a number and for finding a gateway by name.
/// Routing consults the project's map whole (longest matching prefix, then its catch-all) and only when it
/// gives nothing the server-wide map likewise, so a project catch-all beats a global prefix
/// (corehq/apps/sms/models.py, <c>SQLMobileBackend.load_default_by_phone_and_domain</c>). Names are looked
/// up in the project's gateways first, then the global ones. With no gateways at all, routing is not
/// checked: every number can be routed.
/// </summary>
internal sealed class GatewayTable
{
    private static readonly GatewayRoute NotConfigured = new(null, GatewayChoice.NotConfigured);
    private static readonly GatewayRoute NoGateway = new(null, GatewayChoice.None);

    private readonly Tier _project;
    private readonly Tier _global;

    public GatewayTable(IEnumerable<Gateway> gateways, IEnumerable<Gateway>? globalGateways = null)
    {
        _project = new Tier([.. gateways], GatewayChoice.Prefix, GatewayChoice.CatchAll);
        _global = new Tier([.. globalGateways ?? []], GatewayChoice.GlobalPrefix, GatewayChoice.GlobalCatchAll);
    }

    public static GatewayTable Empty { get; } = new([]);

    public static GatewayTable For(ProjectSettings project) => new(project.Gateways, project.GlobalGateways);

    public bool IsConfigured => _project.Gateways.Length > 0 || _global.Gateways.Length > 0;

    /// <summary>The project's own gateways.</summary>
    public ImmutableArray<Gateway> Gateways => _project.Gateways;

    /// <summary>The server-wide gateways.</summary>
    public ImmutableArray<Gateway> GlobalGateways => _global.Gateways;

    /// <summary>The gateway for <paramref name="number"/> (E.164 digits): the project's map, then the global one.</summary>
    public GatewayRoute Route(string number) =>
        !IsConfigured ? NotConfigured : _project.Route(number) ?? _global.Route(number) ?? NoGateway;

    /// <summary>
    /// The name of the gateway <paramref name="name"/> names, optionally ignoring case and surrounding spaces:
    /// the project's gateways first, then the global ones; null when neither has it.
    /// </summary>
    public string? Find(string name, bool ignoreCase) => _project.Find(name, ignoreCase) ?? _global.Find(name, ignoreCase);

    /// <summary>One map: prefixes longest first, and its catch-all.</summary>
    private sealed class Tier
    {
        // Routes are answered from these prebuilt decisions, so routing a number allocates nothing.
        private readonly (string Prefix, GatewayRoute Route)[] _prefixesLongestFirst;
        private readonly GatewayRoute? _catchAll;

        public Tier(ImmutableArray<Gateway> gateways, GatewayChoice prefix, GatewayChoice catchAll)
        {
            Gateways = gateways;
            _prefixesLongestFirst = [.. gateways
                .SelectMany(g => g.Prefixes.Where(p => p != Gateway.CatchAll).Select(p => (Prefix: p, Route: new GatewayRoute(g.Name, prefix, p))))
                .OrderByDescending(p => p.Prefix.Length)
                .ThenBy(p => p.Prefix, StringComparer.Ordinal)];
            var name = gateways.FirstOrDefault(g => g.IsCatchAll)?.Name;
            _catchAll = name is null ? null : new GatewayRoute(name, catchAll, Gateway.CatchAll);
        }

        public ImmutableArray<Gateway> Gateways { get; }

        public GatewayRoute? Route(string number)
        {
            foreach (var (prefix, route) in _prefixesLongestFirst)
            {
                if (number.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return route;
                }
            }
            return _catchAll;
        }

        public string? Find(string name, bool ignoreCase)
        {
            foreach (var g in Gateways)
            {
                if (string.Equals(g.Name, name, StringComparison.Ordinal))
                {
                    return g.Name;
                }
            }
            if (ignoreCase)
            {
                var trimmed = name.Trim();
                foreach (var g in Gateways)
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
}
