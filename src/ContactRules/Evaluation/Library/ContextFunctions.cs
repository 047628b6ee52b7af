using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Evaluation.Library;

/// <summary>
/// <c>gateway.*</c> and <c>registry.*</c>: functions that answer from the project and the contact registry.
/// The project's gateways are fixed when the rules are compiled; the registry and whether routing is on come
/// with each evaluation (<see cref="RunContext"/>), so compiled rules never change.
/// </summary>
internal static class ContextFunctions
{
    /// <summary>The overload through which rules ask who owns a number.</summary>
    public const string TwoWayOwnerOverload = "registry_twoWayOwner_string";

    public static IEnumerable<FunctionDecl> Gateway(GatewayTable gateways)
    {
        // With routing off the rules judge as for a project without gateways.
        GatewayTable For(object? context) => RunContext.Of(context).Routing ? gateways : GatewayTable.Empty;

        yield return new FunctionDecl("gateway.isKnown",
            "Whether the project or the server-wide map has a gateway of exactly this name; true when neither defines gateways (they are then not checked).",
            FunctionOverload.GlobalContextual("gateway_isKnown_string", CelType.String, CelType.Bool,
                (context, v) => CelValues.Bool(For(context) is not { IsConfigured: true } table || table.Find((string)v, ignoreCase: false) is not null)));
        yield return new FunctionDecl("gateway.find",
            "The name of the gateway the value names (ignoring case and surrounding spaces when the second argument is true): the project's gateways first, then the global ones; \"\" when none; the value itself, trimmed, when no gateways are defined.",
            FunctionOverload.GlobalContextual("gateway_find_string_bool", CelType.String, CelType.Bool, CelType.String,
                (context, v, ignoreCase) => For(context) is { IsConfigured: true } table ? table.Find((string)v, (bool)ignoreCase) ?? "" : ((string)v).Trim()));
        yield return new FunctionDecl("gateway.route",
            "The gateway serving the number: the project's map (longest matching prefix, then its catch-all *), and only when that gives nothing the global map likewise; \"\" when none does.",
            FunctionOverload.GlobalContextual("gateway_route_string", CelType.String, CelType.String,
                (context, v) => For(context).Route((string)v).Gateway ?? ""));
        yield return new FunctionDecl("gateway.canRoute",
            "Whether some gateway, of the project's map or the global one, serves the number; true when no gateways are defined (routing is then not checked).",
            FunctionOverload.GlobalContextual("gateway_canRoute_string", CelType.String, CelType.Bool,
                (context, v) => CelValues.Bool(For(context).Route((string)v).Choice != GatewayChoice.None)));
    }

    public static IEnumerable<FunctionDecl> Registry()
    {
        yield return new FunctionDecl("registry.twoWayOwner",
            "The id of the case that owns the number for two-way SMS, or \"\" when nobody does.",
            FunctionOverload.GlobalContextual(TwoWayOwnerOverload, CelType.String, CelType.String,
                (context, v) => RunContext.Of(context).Registry.TwoWayOwner((string)v) ?? ""));
        yield return new FunctionDecl("registry.optedOut",
            "Whether the number has opted out of SMS.",
            FunctionOverload.GlobalContextual("registry_optedOut_string", CelType.String, CelType.Bool,
                (context, v) => CelValues.Bool(RunContext.Of(context).Registry.IsOptedOut((string)v))));
    }
}
