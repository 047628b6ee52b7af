using System.Globalization;
using System.Text;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Expressions.Ast;

/// <summary>
/// Prints an <see cref="Expr"/> two ways: <see cref="Print"/>, a canonical fully parenthesised tree for tests and
/// debugging, and <see cref="ToSource"/>, CEL source text that parses back to the same tree.
/// </summary>
/// <remarks>
/// The tree form is an S-expression: a constant as its CEL literal (<c>1</c>, <c>1.0</c>, <c>"a\n"</c>,
/// <c>true</c>, <c>null</c>); an identifier as its name; <c>a.b</c> as <c>(. a b)</c>; <c>has(a.b)</c> as
/// <c>(@has a b)</c>; an operator as its symbol and operands, <c>(+ a b)</c>, <c>(- a)</c>, <c>(! a)</c>,
/// <c>(?: c a b)</c>, <c>([] a i)</c>, <c>(in a b)</c>; a call <c>f(x)</c> as <c>(f x)</c> and a receiver call
/// <c>x.f(y)</c> as <c>(.f x y)</c>; a list as <c>[a, b]</c>, a map as <c>{k: v}</c>; a macro as <c>@</c> and its
/// name, then the range, the variables, the filter if any and the step: <c>(@all xs x (&gt; x 0))</c>.
/// </remarks>
internal static class ExprPrinter
{
    /// <summary>The canonical tree form (see the remarks on <see cref="ExprPrinter"/>).</summary>
    public static string Print(Expr expr)
    {
        var text = new StringBuilder();
        PrintTree(expr, text);
        return text.ToString();
    }

    /// <summary>CEL source text for <paramref name="expr"/>, with only the parentheses precedence needs.</summary>
    public static string ToSource(Expr expr)
    {
        var text = new StringBuilder();
        WriteSource(expr, Precedence.Conditional, text);
        return text.ToString();
    }

    /// <summary>A constant as a CEL literal: <c>1</c>, <c>1.0</c>, <c>1e+300</c>, <c>"a\"b"</c>, <c>true</c>, <c>null</c>.</summary>
    public static string FormatConstant(object value) => value switch
    {
        CelNull => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatDouble(d),
        string s => QuoteString(s),
        _ => value.ToString() ?? "",
    };

    private static string FormatDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "double(\"NaN\")";
        }
        if (double.IsInfinity(d))
        {
            return d > 0 ? "double(\"Infinity\")" : "double(\"-Infinity\")";
        }
        var text = d.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A string as a double-quoted CEL literal, escaping what would not read back or not show.</summary>
    public static string QuoteString(string s)
    {
        var text = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\a': text.Append("\\a"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\v': text.Append("\\v"); break;
                default:
                    var category = Rune.GetUnicodeCategory(rune);
                    if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)
                    {
                        text.Append(rune.Value <= 0xFFFF
                            ? string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}")
                            : string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:X8}"));
                    }
                    else
                    {
                        text.Append(rune.ToString());
                    }
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    /// <summary>The name a macro is written with.</summary>
    public static string MacroName(MacroKind kind) => kind switch
    {
        MacroKind.All => "all",
        MacroKind.Exists => "exists",
        MacroKind.ExistsOne => "exists_one",
        MacroKind.Map => "map",
        MacroKind.Filter => "filter",
        MacroKind.TransformList => "transformList",
        MacroKind.TransformMap => "transformMap",
        _ => kind.ToString(),
    };

    private static void PrintTree(Expr expr, StringBuilder text)
    {
        switch (expr)
        {
            case ConstantExpr constant:
                text.Append(FormatConstant(constant.Value));
                break;
            case IdentExpr ident:
                text.Append(ident.Name);
                break;
            case SelectExpr select:
                text.Append(select.IsTest ? "(@has " : "(. ");
                PrintTree(select.Operand, text);
                text.Append(' ').Append(select.Field).Append(')');
                break;
            case CallExpr call:
                text.Append('(');
                if (call.IsOperator)
                {
                    text.Append(Operators.Symbol(call.Function));
                }
                else
                {
                    text.Append(call.Target is null ? "" : ".").Append(call.Function);
                }
                if (call.Target is not null)
                {
                    text.Append(' ');
                    PrintTree(call.Target, text);
                }
                foreach (var arg in call.Args)
                {
                    text.Append(' ');
                    PrintTree(arg, text);
                }
                text.Append(')');
                break;
            case ListExpr list:
                PrintJoined(text, "[", list.Elements, "]", PrintTree);
                break;
            case MapExpr map:
                PrintJoined(text, "{", map.Entries, "}", (entry, t) =>
                {
                    PrintTree(entry.Key, t);
                    t.Append(": ");
                    PrintTree(entry.Value, t);
                });
                break;
            case MacroExpr macro:
                text.Append("(@").Append(MacroName(macro.Kind)).Append(' ');
                PrintTree(macro.Range, text);
                text.Append(' ').Append(macro.IterVar);
                if (macro.IterVar2 is not null)
                {
                    text.Append(' ').Append(macro.IterVar2);
                }
                if (macro.Filter is not null)
                {
                    text.Append(' ');
                    PrintTree(macro.Filter, text);
                }
                text.Append(' ');
                PrintTree(macro.Step, text);
                text.Append(')');
                break;
            default:
                text.Append("<?>");
                break;
        }
    }

    private static void PrintJoined<T>(StringBuilder text, string open, IEnumerable<T> items, string close, Action<T, StringBuilder> print)
    {
        text.Append(open);
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                text.Append(", ");
            }
            first = false;
            print(item, text);
        }
        text.Append(close);
    }

    // ---- Source text.

    /// <summary>CEL's binding strengths, loosest first.</summary>
    private enum Precedence
    {
        Conditional = 1,
        Or,
        And,
        Relation,
        Additive,
        Multiplicative,
        Unary,
        Member,
        /// <summary>Tighter than anything: the operand is always parenthesised.</summary>
        Parenthesised,
    }

    private static Precedence BinaryPrecedence(string function) => function switch
    {
        Operators.LogicalOr => Precedence.Or,
        Operators.LogicalAnd => Precedence.And,
        Operators.Equal or Operators.NotEquals or Operators.Less or Operators.LessOrEqual
            or Operators.Greater or Operators.GreaterOrEqual or Operators.In => Precedence.Relation,
        Operators.Add or Operators.Subtract => Precedence.Additive,
        _ => Precedence.Multiplicative,
    };

    private static Precedence PrecedenceOf(Expr expr) => expr switch
    {
        ConstantExpr { Value: long l } when l < 0 => Precedence.Unary,
        ConstantExpr { Value: double d } when double.IsNegative(d) => Precedence.Unary,
        CallExpr { Function: Operators.Conditional } => Precedence.Conditional,
        CallExpr { Function: Operators.LogicalNot or Operators.Negate } => Precedence.Unary,
        CallExpr { Function: Operators.Index } => Precedence.Member,
        CallExpr { IsOperator: true } call => BinaryPrecedence(call.Function),
        _ => Precedence.Member,
    };

    private static void WriteSource(Expr expr, Precedence context, StringBuilder text)
    {
        var parenthesise = PrecedenceOf(expr) < context;
        if (parenthesise)
        {
            text.Append('(');
        }
        switch (expr)
        {
            case ConstantExpr constant:
                text.Append(FormatConstant(constant.Value));
                break;
            case IdentExpr ident:
                text.Append(ident.Name);
                break;
            case SelectExpr select:
                text.Append(select.IsTest ? "has(" : "");
                WriteSource(select.Operand, Precedence.Member, text);
                text.Append('.').Append(select.Field).Append(select.IsTest ? ")" : "");
                break;
            case CallExpr { Function: Operators.Conditional, Args: [var condition, var then, var otherwise] }:
                WriteSource(condition, Precedence.Or, text);
                text.Append(" ? ");
                WriteSource(then, Precedence.Or, text);
                text.Append(" : ");
                WriteSource(otherwise, Precedence.Conditional, text);
                break;
            case CallExpr { Function: Operators.Index, Args: [var operand, var index] }:
                WriteSource(operand, Precedence.Member, text);
                text.Append('[');
                WriteSource(index, Precedence.Conditional, text);
                text.Append(']');
                break;
            case CallExpr { Function: Operators.LogicalNot or Operators.Negate, Args: [var operand] } call:
                text.Append(Operators.Symbol(call.Function));
                // A minus before a number literal would fold into a negative constant: keep them apart.
                WriteSource(operand, call.Function == Operators.Negate && operand is ConstantExpr { Value: long or double } ? Precedence.Parenthesised : Precedence.Unary, text);
                break;
            case CallExpr { IsOperator: true, Args: [var left, var right] } call:
                var precedence = BinaryPrecedence(call.Function);
                WriteSource(left, precedence, text);
                text.Append(' ').Append(Operators.Symbol(call.Function)).Append(' ');
                WriteSource(right, precedence + 1, text);
                break;
            case CallExpr call:
                if (call.Target is not null)
                {
                    WriteSource(call.Target, Precedence.Member, text);
                    text.Append('.');
                }
                text.Append(call.Function);
                WriteArguments(call.Args, text);
                break;
            case ListExpr list:
                PrintJoined(text, "[", list.Elements, "]", (e, t) => WriteSource(e, Precedence.Conditional, t));
                break;
            case MapExpr map:
                PrintJoined(text, "{", map.Entries, "}", (entry, t) =>
                {
                    WriteSource(entry.Key, Precedence.Conditional, t);
                    t.Append(": ");
                    WriteSource(entry.Value, Precedence.Conditional, t);
                });
                break;
            case MacroExpr macro:
                WriteSource(macro.Range, Precedence.Member, text);
                text.Append('.').Append(MacroName(macro.Kind)).Append('(').Append(macro.IterVar);
                if (macro.IterVar2 is not null)
                {
                    text.Append(", ").Append(macro.IterVar2);
                }
                if (macro.Filter is not null)
                {
                    text.Append(", ");
                    WriteSource(macro.Filter, Precedence.Conditional, text);
                }
                text.Append(", ");
                WriteSource(macro.Step, Precedence.Conditional, text);
                text.Append(')');
                break;
            default:
                text.Append("<?>");
                break;
        }
        if (parenthesise)
        {
            text.Append(')');
        }
    }

    private static void WriteArguments(IEnumerable<Expr> args, StringBuilder text) =>
        PrintJoined(text, "(", args, ")", (a, t) => WriteSource(a, Precedence.Conditional, t));
}
