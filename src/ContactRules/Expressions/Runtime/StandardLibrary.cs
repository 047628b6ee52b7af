using ContactRules.Expressions.Checking;

namespace ContactRules.Expressions.Runtime;

/// <summary>CEL's standard functions and operators, as declarations with implementations.</summary>
public static class StandardLibrary
{
    // STUB: replaced by the standard library.
    public static IReadOnlyList<FunctionDecl> Functions { get; } = [];
}
