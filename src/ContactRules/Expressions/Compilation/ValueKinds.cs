using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Expressions.Compilation;

/// <summary>The runtime representation a parameter accepts; <see cref="Any"/> for dyn and type parameters.</summary>
internal enum ValueKind
{
    Any,
    Int,
    Double,
    String,
    Bool,
    Null,
    List,
    Map,
}

internal static class ValueKinds
{
    public static ValueKind Of(CelType type) => type switch
    {
        PrimitiveType { Name: "int" } => ValueKind.Int,
        PrimitiveType { Name: "double" } => ValueKind.Double,
        PrimitiveType { Name: "string" } => ValueKind.String,
        PrimitiveType { Name: "bool" } => ValueKind.Bool,
        PrimitiveType { Name: "null_type" } => ValueKind.Null,
        ListType => ValueKind.List,
        MapType => ValueKind.Map,
        _ => ValueKind.Any,
    };

    public static ValueKind OfValue(object value) => value switch
    {
        long => ValueKind.Int,
        double => ValueKind.Double,
        string => ValueKind.String,
        bool => ValueKind.Bool,
        CelNull => ValueKind.Null,
        CelMap => ValueKind.Map,
        IReadOnlyList<object> => ValueKind.List,
        _ => ValueKind.Any,
    };

    /// <summary>Whether an argument known statically to be of kind <paramref name="argument"/> may fit the parameter.</summary>
    public static bool Compatible(ValueKind parameter, ValueKind argument) =>
        parameter == ValueKind.Any || argument == ValueKind.Any || parameter == argument;

    public static bool Matches(ValueKind kind, object value) => kind switch
    {
        ValueKind.Any => true,
        ValueKind.Int => value is long,
        ValueKind.Double => value is double,
        ValueKind.String => value is string,
        ValueKind.Bool => value is bool,
        ValueKind.Null => value is CelNull,
        ValueKind.List => value is IReadOnlyList<object>,
        ValueKind.Map => value is CelMap,
        _ => false,
    };
}
