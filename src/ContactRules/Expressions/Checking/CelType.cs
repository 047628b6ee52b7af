namespace ContactRules.Expressions.Checking;

/// <summary>The static types the checker knows. <see cref="Dyn"/> is compatible with every type.</summary>
internal abstract record CelType
{
    public static readonly CelType Dyn = new PrimitiveType("dyn");
    public static readonly CelType Null = new PrimitiveType("null_type");
    public static readonly CelType Bool = new PrimitiveType("bool");
    public static readonly CelType Int = new PrimitiveType("int");
    public static readonly CelType Double = new PrimitiveType("double");
    public static readonly CelType String = new PrimitiveType("string");
    /// <summary>The type of an expression that can only be an error.</summary>
    public static readonly CelType Error = new PrimitiveType("error");

    public static CelType List(CelType element) => new ListType(element);

    public static CelType Map(CelType key, CelType value) => new MapType(key, value);

    /// <summary>A type parameter in an overload signature (e.g. <c>A</c> in <c>list(A) + list(A)</c>).</summary>
    public static CelType Param(string name) => new TypeParam(name);

    /// <summary>An object with named fields (e.g. <c>case</c>, <c>project</c>); unknown fields are errors.</summary>
    public static CelType Object(string name, IReadOnlyDictionary<string, CelType> fields) => new ObjectType(name, fields);
}

internal sealed record PrimitiveType(string Name) : CelType
{
    public override string ToString() => Name;
}

internal sealed record ListType(CelType Element) : CelType
{
    public override string ToString() => $"list({Element})";
}

internal sealed record MapType(CelType Key, CelType Value) : CelType
{
    public override string ToString() => $"map({Key}, {Value})";
}

internal sealed record TypeParam(string Name) : CelType
{
    public override string ToString() => Name;
}

internal sealed record ObjectType(string Name, IReadOnlyDictionary<string, CelType> Fields) : CelType
{
    public bool Equals(ObjectType? other) => other is not null && other.Name == Name;

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Name;
}
