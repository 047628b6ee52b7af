using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Evaluation.Library;

/// <summary>
/// The state that <c>registry.*</c> functions read. A run may swap the registry between passes
/// (the in-run ownership index is built by a first pass), never during one.
/// </summary>
internal sealed class RegistryHolder
{
    public IContactRegistry Registry { get; set; } = EmptyContactRegistry.Instance;
}

/// <summary><c>gateway.*</c> and <c>registry.*</c>: functions that answer from the project and the contact registry.</summary>
internal static class ContextFunctions
{
    public static IEnumerable<FunctionDecl> Gateway(GatewayTable gateways)
    {
        yield return new FunctionDecl("gateway.isKnown",
            "Whether the project has a gateway of exactly this name; true when the project defines no gateways (they are then not checked).",
            FunctionOverload.Global("gateway_isKnown_string", CelType.String, CelType.Bool,
                v => CelValues.Bool(!gateways.IsConfigured || gateways.Find((string)v, ignoreCase: false) is not null)));
        yield return new FunctionDecl("gateway.find",
            "The project's name for the gateway named by the value (ignoring case and surrounding spaces when the second argument is true), or \"\"; the value itself, trimmed, when the project defines no gateways.",
            FunctionOverload.Global("gateway_find_string_bool", CelType.String, CelType.Bool, CelType.String,
                (v, ignoreCase) => gateways.IsConfigured ? gateways.Find((string)v, (bool)ignoreCase) ?? "" : ((string)v).Trim()));
        yield return new FunctionDecl("gateway.route",
            "The gateway serving the number by its longest matching prefix, then the catch-all (*); \"\" when none does.",
            FunctionOverload.Global("gateway_route_string", CelType.String, CelType.String,
                v => gateways.Route((string)v).Gateway ?? ""));
        yield return new FunctionDecl("gateway.canRoute",
            "Whether some gateway serves the number; true when the project defines no gateways (routing is then not checked).",
            FunctionOverload.Global("gateway_canRoute_string", CelType.String, CelType.Bool,
                v => CelValues.Bool(gateways.Route((string)v).Choice != GatewayChoice.None)));
    }

    public static IEnumerable<FunctionDecl> Registry(RegistryHolder holder)
    {
        yield return new FunctionDecl("registry.twoWayOwner",
            "The id of the case that owns the number for two-way SMS, or \"\" when nobody does.",
            FunctionOverload.Global("registry_twoWayOwner_string", CelType.String, CelType.String,
                v => holder.Registry.TwoWayOwner((string)v) ?? ""));
        yield return new FunctionDecl("registry.optedOut",
            "Whether the number has opted out of SMS.",
            FunctionOverload.Global("registry_optedOut_string", CelType.String, CelType.Bool,
                v => CelValues.Bool(holder.Registry.IsOptedOut((string)v))));
    }
}
