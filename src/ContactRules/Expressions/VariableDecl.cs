using ContactRules.Expressions.Checking;

namespace ContactRules.Expressions;

/// <summary>A variable an expression may use, with its static type and a description for documentation.</summary>
internal sealed record VariableDecl(string Name, CelType Type, string Description = "");
