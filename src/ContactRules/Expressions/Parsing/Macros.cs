using System.Collections.Frozen;
using ContactRules.Expressions.Ast;
using ContactRules.Text;
using static ContactRules.Expressions.Parsing.Grammar;

namespace ContactRules.Expressions.Parsing;

/// <summary>
/// CEL's macros, expanded as calls are parsed: <c>has(a.b)</c> and the comprehensions (<c>all</c>, <c>exists</c>,
/// <c>exists_one</c>/<c>existsOne</c>, <c>map</c>, <c>filter</c>, <c>transformList</c>, <c>transformMap</c>).
/// A receiver call with a macro's name but none of its argument counts is a syntax error, not a call: no function
/// could be declared under those names anyway, and the error can say what the macro takes.
/// </summary>
internal static class Macros
{
    /// <summary>One accepted shape: how many iteration variables come first and whether a filter precedes the step.</summary>
    private sealed record Form(MacroKind Kind, int Variables, bool HasFilter);

    private sealed record Macro(string Usage, FrozenDictionary<int, Form> Forms);

    private static Macro Define(string usage, params (int Args, Form Form)[] forms) =>
        new(usage, forms.ToFrozenDictionary(f => f.Args, f => f.Form));

    private static Macro Quantifier(MacroKind kind, string name) => Define(
        $"2 or 3 arguments: `range.{name}(x, predicate)` or `range.{name}(key, value, predicate)`",
        (2, new Form(kind, 1, false)),
        (3, new Form(kind, 2, false)));

    private static Macro Transform(MacroKind kind, string name) => Define(
        $"3 or 4 arguments: `range.{name}(key, value, transform)` or `range.{name}(key, value, filter, transform)`",
        (3, new Form(kind, 2, false)),
        (4, new Form(kind, 2, true)));

    private static readonly FrozenDictionary<string, Macro> Comprehensions = new Dictionary<string, Macro>(StringComparer.Ordinal)
    {
        ["all"] = Quantifier(MacroKind.All, "all"),
        ["exists"] = Quantifier(MacroKind.Exists, "exists"),
        ["exists_one"] = Quantifier(MacroKind.ExistsOne, "exists_one"),
        ["existsOne"] = Quantifier(MacroKind.ExistsOne, "existsOne"),
        ["map"] = Define(
            "2 or 3 arguments: `range.map(x, transform)` or `range.map(x, filter, transform)`",
            (2, new Form(MacroKind.Map, 1, false)),
            (3, new Form(MacroKind.Map, 1, true))),
        ["filter"] = Define("2 arguments: `range.filter(x, predicate)`", (2, new Form(MacroKind.Filter, 1, false))),
        ["transformList"] = Transform(MacroKind.TransformList, "transformList"),
        ["transformMap"] = Transform(MacroKind.TransformMap, "transformMap"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary><c>name(args)</c>: a global function call, or <c>has(a.b)</c>.</summary>
    public static Expr GlobalCall(ParseContext context, TextSpan span, IdentExpr name, List<Parsed> args)
    {
        var function = name.Name;
        if (function != "has")
        {
            return new CallExpr(span, null, function, [.. args.Select(a => a.Expr)]);
        }
        if (args.Count != 1)
        {
            context.Report(span, Messages.HasArity);
            return new ErrorExpr(span);
        }
        if (args[0].Expr is SelectExpr { IsTest: false } select)
        {
            return new SelectExpr(span, select.Operand, select.Field, IsTest: true);
        }
        if (args[0].Expr is not ErrorExpr)
        {
            context.Report(args[0].Expr.Span, Messages.HasNeedsSelection);
        }
        return new ErrorExpr(span);
    }

    /// <summary><c>target.name(args)</c>: a receiver (or namespaced) call, or a comprehension macro.</summary>
    public static Expr Call(ParseContext context, TextSpan span, Parsed target, Token name, List<Parsed> args)
    {
        var function = (string)name.Value!;
        if (!Comprehensions.TryGetValue(function, out var macro))
        {
            return new CallExpr(span, target.Expr, function, [.. args.Select(a => a.Expr)]);
        }
        if (!macro.Forms.TryGetValue(args.Count, out var form))
        {
            context.Report(new TextSpan(name.Start, span.End - name.Start), Messages.MacroArity(function, macro.Usage));
            return new ErrorExpr(span);
        }
        var variables = new string?[2];
        for (var v = 0; v < form.Variables; v++)
        {
            if (args[v].Expr is IdentExpr ident)
            {
                variables[v] = ident.Name;
            }
            else if (args[v].Expr is not ErrorExpr)
            {
                context.Report(args[v].Expr.Span, Messages.IterationVariableNotName(function));
            }
        }
        if (variables[0] is null || (form.Variables == 2 && variables[1] is null))
        {
            return new ErrorExpr(span);
        }
        if (variables[0] == variables[1])
        {
            context.Report(args[1].Expr.Span, Messages.DuplicateIterationVariable(function, variables[0]!));
            return new ErrorExpr(span);
        }
        var filter = form.HasFilter ? args[^2].Expr : null;
        return new MacroExpr(span, form.Kind, target.Expr, variables[0]!, variables[1], filter, args[^1].Expr);
    }
}
