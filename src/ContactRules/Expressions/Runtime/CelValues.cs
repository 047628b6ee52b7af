namespace ContactRules.Expressions.Runtime;

/// <summary>
/// How CEL values are represented at run time: <c>null</c> is <see cref="CelNull.Value"/>, bool a boxed
/// <see cref="bool"/> (use <see cref="CelValues.True"/> and <see cref="CelValues.False"/> to avoid boxing),
/// int a boxed <see cref="long"/>, double a boxed <see cref="double"/>, string a <see cref="string"/>,
/// list an <see cref="IReadOnlyList{T}"/> of values, map a <see cref="CelMap"/>, and an error a
/// <see cref="CelError"/>. Errors are values: they flow through evaluation and are absorbed by
/// <c>&amp;&amp;</c>, <c>||</c> and <c>?:</c> as CEL says.
/// </summary>
internal static class CelValues
{
    public static readonly object True = true;
    public static readonly object False = false;

    private static readonly object[] SmallInts = Enumerable.Range(-16, 272).Select(i => (object)(long)i).ToArray();

    public static object Bool(bool b) => b ? True : False;

    /// <summary>A boxed int, shared for small values so common results do not allocate.</summary>
    public static object Int(long i) => i is >= -16 and < 256 ? SmallInts[i + 16] : i;

    public static object Double(double d) => d;

    public static bool IsError(object value) => value is CelError;

    /// <summary>The CEL type name of a value, as messages and <c>type()</c> would print it.</summary>
    public static string TypeName(object value) => value switch
    {
        CelNull => "null_type",
        bool => "bool",
        long => "int",
        double => "double",
        string => "string",
        CelMap => "map",
        IReadOnlyList<object> => "list",
        CelError => "error",
        _ => value.GetType().Name,
    };
}

/// <summary>CEL's <c>null</c>.</summary>
internal sealed class CelNull
{
    public static readonly CelNull Value = new();

    private CelNull()
    {
    }

    public override string ToString() => "null";
}

/// <summary>An error produced by evaluation (division by zero, no such key, overflow, ...), carried as a value.</summary>
internal sealed class CelError
{
    public CelError(string message) => Message = message;

    public string Message { get; }

    public override string ToString() => "error: " + Message;
}
