using System.Collections.Immutable;

namespace ContactRules.Expressions.Checking;

/// <summary>
/// One signature of a function and its implementation. <see cref="Parameters"/> includes the receiver
/// first when <see cref="IsReceiverStyle"/> (<c>s.startsWith(p)</c> has parameters <c>(string, string)</c>).
/// Exactly one of <see cref="Unary"/>, <see cref="Binary"/>, <see cref="Nary"/> is set, matching the
/// parameter count (Nary for zero or three and more). Implementations receive non-error arguments of the
/// declared types and return a value (possibly a <see cref="Runtime.CelError"/>); they never throw.
/// A contextual overload (<see cref="Contextual"/>) also receives the evaluation's
/// <see cref="Activation.Context"/>: what a run varies (a registry, say) reaches the function through the
/// activation, never through state captured when the environment was made.
/// </summary>
internal sealed class FunctionOverload
{
    private FunctionOverload(string id, bool isReceiverStyle, ImmutableArray<CelType> parameters, CelType result)
    {
        Id = id;
        IsReceiverStyle = isReceiverStyle;
        Parameters = parameters;
        Result = result;
    }

    public string Id { get; }

    public bool IsReceiverStyle { get; }

    public ImmutableArray<CelType> Parameters { get; }

    public CelType Result { get; }

    public Func<object, object>? Unary { get; private init; }

    public Func<object, object, object>? Binary { get; private init; }

    public Func<object[], object>? Nary { get; private init; }

    /// <summary>For a contextual overload of one or two parameters: the implementation, given the activation's context first.</summary>
    public Func<object?, object[], object>? Contextual { get; private init; }

    /// <summary>
    /// A global function whose answer depends on the evaluation's <see cref="Activation.Context"/> (null when
    /// the caller gave none). A function with a contextual overload has no other overload.
    /// </summary>
    public static FunctionOverload GlobalContextual(string id, CelType p, CelType result, Func<object?, object, object> impl) =>
        new(id, false, [p], result) { Contextual = (context, args) => impl(context, args[0]) };

    /// <inheritdoc cref="GlobalContextual(string, CelType, CelType, Func{object?, object, object})"/>
    public static FunctionOverload GlobalContextual(string id, CelType p1, CelType p2, CelType result, Func<object?, object, object, object> impl) =>
        new(id, false, [p1, p2], result) { Contextual = (context, args) => impl(context, args[0], args[1]) };

    public static FunctionOverload Global(string id, CelType p, CelType result, Func<object, object> impl) =>
        new(id, false, [p], result) { Unary = impl };

    public static FunctionOverload Global(string id, CelType p1, CelType p2, CelType result, Func<object, object, object> impl) =>
        new(id, false, [p1, p2], result) { Binary = impl };

    public static FunctionOverload Global(string id, ImmutableArray<CelType> parameters, CelType result, Func<object[], object> impl) =>
        new(id, false, parameters, result) { Nary = impl };

    public static FunctionOverload Receiver(string id, CelType target, CelType result, Func<object, object> impl) =>
        new(id, true, [target], result) { Unary = impl };

    public static FunctionOverload Receiver(string id, CelType target, CelType p, CelType result, Func<object, object, object> impl) =>
        new(id, true, [target, p], result) { Binary = impl };

    public static FunctionOverload Receiver(string id, ImmutableArray<CelType> parameters, CelType result, Func<object[], object> impl) =>
        new(id, true, parameters, result) { Nary = impl };

    public override string ToString() => Id;
}

/// <summary>
/// A function known to an environment: its name (possibly namespaced, <c>phone.isValid</c>), its overloads,
/// and a one-line description for documentation and "did you mean" help.
/// </summary>
internal sealed class FunctionDecl
{
    public FunctionDecl(string name, string description, params IEnumerable<FunctionOverload> overloads)
    {
        Name = name;
        Description = description;
        Overloads = [.. overloads];
    }

    public string Name { get; }

    public string Description { get; }

    public ImmutableArray<FunctionOverload> Overloads { get; }

    public FunctionDecl WithOverloads(IEnumerable<FunctionOverload> more) => new(Name, Description, Overloads.Concat(more));
}
