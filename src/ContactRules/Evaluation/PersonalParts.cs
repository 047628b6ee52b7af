using System.Collections.Immutable;
using ContactRules.Expressions.Ast;

namespace ContactRules.Evaluation;

/// <summary>
/// Which parts of a rule hold personal data, decided from the rule itself rather than from the shape of
/// values: a part is personal when it reads personal data (<c>value</c> and <c>raw</c> in a check of a
/// personal property, <c>destination</c>, <c>case.name</c>, a personal property through
/// <c>case.properties</c>) or is computed from a part that does, including the variables of a macro over
/// such a part. So a list of single digits split from a phone number is as personal as the number.
/// </summary>
internal static class PersonalParts
{
    /// <summary>The personal parts of <paramref name="root"/>, by node identity.</summary>
    public static IReadOnlySet<Expr> Of(Expr root, bool valueIsPersonal, IReadOnlySet<string> personalProperties)
    {
        var personal = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var names = ImmutableHashSet.Create(StringComparer.Ordinal, RuleEnvironment.Destination);
        if (valueIsPersonal)
        {
            names = names.Add(RuleEnvironment.Value).Add(RuleEnvironment.Raw);
        }
        Visit(root, names, personalProperties, personal);
        return personal;
    }

    /// <summary>Marks the personal nodes under <paramref name="node"/>; true when <paramref name="node"/> is one.</summary>
    private static bool Visit(Expr node, ImmutableHashSet<string> names, IReadOnlySet<string> properties, HashSet<Expr> personal)
    {
        var isPersonal = node switch
        {
            IdentExpr ident => names.Contains(ident.Name),
            SelectExpr select => VisitAll([select.Operand], names, properties, personal) || ReadsPersonal(select, properties),
            CallExpr call => VisitAll(call.Target is null ? call.Args : [call.Target, .. call.Args], names, properties, personal) || ReadsPersonal(call, properties),
            ListExpr list => VisitAll(list.Elements, names, properties, personal),
            MapExpr map => VisitAll([.. map.Entries.SelectMany(e => new[] { e.Key, e.Value })], names, properties, personal),
            MacroExpr macro => VisitMacro(macro, names, properties, personal),
            _ => false,
        };
        if (isPersonal)
        {
            personal.Add(node);
        }
        return isPersonal;
    }

    private static bool VisitMacro(MacroExpr macro, ImmutableHashSet<string> names, IReadOnlySet<string> properties, HashSet<Expr> personal)
    {
        var range = Visit(macro.Range, names, properties, personal);
        // The variables of a macro over personal data hold pieces of it; elsewhere they shadow any outer name.
        var inner = names.Remove(macro.IterVar);
        if (macro.IterVar2 is { } second)
        {
            inner = inner.Remove(second);
        }
        if (range)
        {
            inner = inner.Add(macro.IterVar);
            if (macro.IterVar2 is { } again)
            {
                inner = inner.Add(again);
            }
        }
        var filter = macro.Filter is { } f && Visit(f, inner, properties, personal);
        var step = Visit(macro.Step, inner, properties, personal);
        return range || filter || step;
    }

    private static bool VisitAll(IEnumerable<Expr> nodes, ImmutableHashSet<string> names, IReadOnlySet<string> properties, HashSet<Expr> personal)
    {
        var any = false;
        foreach (var node in nodes)
        {
            // Every child is visited, so each personal part is marked, not only the first.
            any |= Visit(node, names, properties, personal);
        }
        return any;
    }

    /// <summary><c>case.name</c>, or <c>case.properties.P</c> for a personal <c>P</c>.</summary>
    private static bool ReadsPersonal(SelectExpr select, IReadOnlySet<string> properties) => select.Operand switch
    {
        IdentExpr { Name: RuleEnvironment.Case } => select.Field == "name",
        SelectExpr { Field: "properties", Operand: IdentExpr { Name: RuleEnvironment.Case } } => properties.Contains(select.Field),
        _ => false,
    };

    /// <summary><c>case.properties['P']</c> for a personal <c>P</c>, or <c>case['name']</c>.</summary>
    private static bool ReadsPersonal(CallExpr call, IReadOnlySet<string> properties) =>
        call is { Function: Operators.Index, Args: [var container, ConstantExpr { Value: string key }] }
        && container switch
        {
            IdentExpr { Name: RuleEnvironment.Case } => key == "name",
            SelectExpr { Field: "properties", Operand: IdentExpr { Name: RuleEnvironment.Case } } => properties.Contains(key),
            _ => false,
        };
}
