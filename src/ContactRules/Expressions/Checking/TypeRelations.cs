namespace ContactRules.Expressions.Checking;

/// <summary>
/// How static types relate, as CEL's checker sees them: <see cref="CelType.Dyn"/> (and the silent
/// <see cref="CelType.Error"/>) fit anywhere, type parameters bind on first use and must then agree,
/// and there is no implicit conversion between int and double.
/// </summary>
internal static class TypeRelations
{
    /// <summary>True when a value of type <paramref name="actual"/> may be passed where <paramref name="formal"/> is declared.</summary>
    public static bool IsAssignable(CelType formal, CelType actual, Dictionary<string, CelType> bindings)
    {
        if (IsWildcard(formal) || IsWildcard(actual))
        {
            return true;
        }
        if (formal is TypeParam parameter)
        {
            if (bindings.TryGetValue(parameter.Name, out var bound))
            {
                if (!IsAssignable(bound, actual, bindings))
                {
                    return false;
                }
                // A parameter first bound through dyn takes the first concrete type it meets.
                if (IsWildcard(bound))
                {
                    bindings[parameter.Name] = actual;
                }
                return true;
            }
            bindings[parameter.Name] = actual;
            return true;
        }
        return (formal, actual) switch
        {
            (ListType f, ListType a) => IsAssignable(f.Element, a.Element, bindings),
            (MapType f, MapType a) => IsAssignable(f.Key, a.Key, bindings) && IsAssignable(f.Value, a.Value, bindings),
            _ => AreSame(formal, actual),
        };
    }

    /// <summary>True when the two types could hold the same value (each fits the other, dyn matching anything).</summary>
    public static bool AreCompatible(CelType a, CelType b) => (a, b) switch
    {
        _ when IsWildcard(a) || IsWildcard(b) => true,
        (ListType x, ListType y) => AreCompatible(x.Element, y.Element),
        (MapType x, MapType y) => AreCompatible(x.Key, y.Key) && AreCompatible(x.Value, y.Value),
        _ => AreSame(a, b),
    };

    /// <summary>
    /// Structural equality of types. The records' own equality would do, but it is several times slower and
    /// this is the checker's innermost operation.
    /// </summary>
    public static bool AreSame(CelType a, CelType b) => ReferenceEquals(a, b) || (a, b) switch
    {
        (PrimitiveType x, PrimitiveType y) => string.Equals(x.Name, y.Name, StringComparison.Ordinal),
        (ListType x, ListType y) => AreSame(x.Element, y.Element),
        (MapType x, MapType y) => AreSame(x.Key, y.Key) && AreSame(x.Value, y.Value),
        (ObjectType x, ObjectType y) => string.Equals(x.Name, y.Name, StringComparison.Ordinal),
        (TypeParam x, TypeParam y) => string.Equals(x.Name, y.Name, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// The type of a value that is either <paramref name="a"/> or <paramref name="b"/>: the more general of the
    /// two when they are compatible, otherwise dyn (CEL types a literal list of mixed elements as <c>list(dyn)</c>).
    /// </summary>
    public static CelType Join(CelType a, CelType b)
    {
        if (ReferenceEquals(a, b))
        {
            return a;
        }
        if (IsError(a) || IsError(b))
        {
            return CelType.Error;
        }
        return (a, b) switch
        {
            _ when IsWildcard(a) || IsWildcard(b) => CelType.Dyn,
            (ListType x, ListType y) when AreCompatible(x, y) => CelType.List(Join(x.Element, y.Element)),
            (MapType x, MapType y) when AreCompatible(x, y) => CelType.Map(Join(x.Key, y.Key), Join(x.Value, y.Value)),
            _ => AreSame(a, b) ? a : CelType.Dyn,
        };
    }

    /// <summary>The type with bound parameters replaced by their bindings and unbound ones by dyn.</summary>
    public static CelType Substitute(CelType type, Dictionary<string, CelType> bindings) => type switch
    {
        // Bindings hold the types of actual arguments, which have no parameters of their own.
        TypeParam p => bindings.TryGetValue(p.Name, out var bound) && bound is not TypeParam ? bound : CelType.Dyn,
        ListType l when HasParameters(l) => CelType.List(Substitute(l.Element, bindings)),
        MapType m when HasParameters(m) => CelType.Map(Substitute(m.Key, bindings), Substitute(m.Value, bindings)),
        _ => type,
    };

    /// <summary>Dyn or Error: a type the checker cannot say anything against.</summary>
    public static bool IsWildcard(CelType type) => type is PrimitiveType { Name: "dyn" or "error" };

    public static bool IsError(CelType type) => type is PrimitiveType { Name: "error" };

    private static bool HasParameters(CelType type) => type switch
    {
        TypeParam => true,
        ListType l => HasParameters(l.Element),
        MapType m => HasParameters(m.Key) || HasParameters(m.Value),
        _ => false,
    };
}
