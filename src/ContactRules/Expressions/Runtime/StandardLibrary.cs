using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Checking;
using ContactRules.Text;
using static ContactRules.Expressions.Checking.FunctionOverload;

namespace ContactRules.Expressions.Runtime;

/// <summary>
/// CEL's standard functions and operators, as declarations with implementations. <c>&amp;&amp;</c>, <c>||</c>
/// and <c>?:</c> are declared for the checker but evaluated by the compiler, which absorbs errors and
/// short-circuits as CEL requires. Implementations receive arguments of their declared types, never errors.
/// </summary>
internal static class StandardLibrary
{
    private static readonly CelType A = CelType.Param("A");
    private static readonly CelType B = CelType.Param("B");
    private static readonly CelType ListOfA = CelType.List(A);
    private static readonly CelType MapOfAB = CelType.Map(A, B);
    private static readonly CelType Int = CelType.Int;
    private static readonly CelType Double = CelType.Double;
    private static readonly CelType String = CelType.String;
    private static readonly CelType Bool = CelType.Bool;

    public static IReadOnlyList<FunctionDecl> Functions { get; } = [.. Operators(), .. Core(), .. StringExtensions.Functions()];

    private static IEnumerable<FunctionDecl> Operators()
    {
        yield return new FunctionDecl(Ast.Operators.Conditional, "`c ? a : b`: a when c is true, else b.",
            Global("conditional", [Bool, A, A], A, a => (bool)a[0] ? a[1] : a[2]));
        yield return new FunctionDecl(Ast.Operators.LogicalAnd, "`a && b`: logical and; an error on one side is absorbed when the other is false.",
            Global("logical_and", Bool, Bool, Bool, (a, b) => CelValues.Bool((bool)a && (bool)b)));
        yield return new FunctionDecl(Ast.Operators.LogicalOr, "`a || b`: logical or; an error on one side is absorbed when the other is true.",
            Global("logical_or", Bool, Bool, Bool, (a, b) => CelValues.Bool((bool)a || (bool)b)));
        yield return new FunctionDecl(Ast.Operators.LogicalNot, "`!a`: logical not.",
            Global("logical_not", Bool, Bool, a => CelValues.Bool(!(bool)a)));
        yield return new FunctionDecl(Ast.Operators.Negate, "`-x`: negation.",
            Global("negate_int64", Int, Int, a => CelOperations.Negate((long)a)),
            Global("negate_double", Double, Double, a => -(double)a));
        yield return new FunctionDecl(Ast.Operators.Equal, "`a == b`: equality; ints and doubles compare by value, lists and maps deeply.",
            Global("equals", A, A, Bool, (a, b) => CelValues.Bool(CelOperations.ValueEquals(a, b))));
        yield return new FunctionDecl(Ast.Operators.NotEquals, "`a != b`: inequality.",
            Global("not_equals", A, A, Bool, (a, b) => CelValues.Bool(!CelOperations.ValueEquals(a, b))));
        yield return Ordering(Ast.Operators.Less, "less", "`a < b`.", c => c < 0);
        yield return Ordering(Ast.Operators.LessOrEqual, "less_equals", "`a <= b`.", c => c <= 0);
        yield return Ordering(Ast.Operators.Greater, "greater", "`a > b`.", c => c > 0);
        yield return Ordering(Ast.Operators.GreaterOrEqual, "greater_equals", "`a >= b`.", c => c >= 0);
        yield return new FunctionDecl(Ast.Operators.In, "`x in c`: whether a list holds x, or a map has the key x.",
            Global("in_list", A, ListOfA, Bool, (x, l) => CelValues.Bool(ListContains((IReadOnlyList<object>)l, x))),
            Global("in_map", A, MapOfAB, Bool, (x, m) => CelValues.Bool(((CelMap)m).ContainsKey(x))));
        yield return new FunctionDecl(Ast.Operators.Add, "`a + b`: sum, or concatenation of strings and lists.",
            Global("add_int64", Int, Int, Int, (a, b) => CelOperations.Add((long)a, (long)b)),
            Global("add_double", Double, Double, Double, (a, b) => (double)a + (double)b),
            Global("add_string", String, String, String, (a, b) => string.Concat((string)a, (string)b)),
            Global("add_list", ListOfA, ListOfA, ListOfA, (a, b) => ConcatLists((IReadOnlyList<object>)a, (IReadOnlyList<object>)b)));
        yield return new FunctionDecl(Ast.Operators.Subtract, "`a - b`: difference.",
            Global("subtract_int64", Int, Int, Int, (a, b) => CelOperations.Subtract((long)a, (long)b)),
            Global("subtract_double", Double, Double, Double, (a, b) => (double)a - (double)b));
        yield return new FunctionDecl(Ast.Operators.Multiply, "`a * b`: product.",
            Global("multiply_int64", Int, Int, Int, (a, b) => CelOperations.Multiply((long)a, (long)b)),
            Global("multiply_double", Double, Double, Double, (a, b) => (double)a * (double)b));
        yield return new FunctionDecl(Ast.Operators.Divide, "`a / b`: quotient (ints truncate toward zero; dividing an int by zero is an error).",
            Global("divide_int64", Int, Int, Int, (a, b) => CelOperations.Divide((long)a, (long)b)),
            Global("divide_double", Double, Double, Double, (a, b) => (double)a / (double)b));
        yield return new FunctionDecl(Ast.Operators.Modulo, "`a % b`: remainder of int division, with the sign of a.",
            Global("modulo_int64", Int, Int, Int, (a, b) => CelOperations.Modulo((long)a, (long)b)));
        yield return new FunctionDecl(Ast.Operators.Index, "`l[i]` or `m[k]`: a list element or a map value.",
            Global("index_list", ListOfA, Int, A, (l, i) => IndexList((IReadOnlyList<object>)l, (long)i)),
            Global("index_list_double", ListOfA, Double, A, (l, d) => IndexListByDouble((IReadOnlyList<object>)l, (double)d)),
            Global("index_map", MapOfAB, A, B, (m, k) => IndexMap((CelMap)m, k)));
    }

    private static FunctionDecl Ordering(string name, string id, string description, Func<int, bool> test)
    {
        Func<object, object, object> impl = (a, b) => CelValues.Bool(CelOperations.Compare(a, b) is { } c && test(c));
        return new FunctionDecl(name, description,
            Global(id + "_int64", Int, Int, Bool, impl),
            Global(id + "_double", Double, Double, Bool, impl),
            Global(id + "_string", String, String, Bool, impl),
            Global(id + "_bool", Bool, Bool, Bool, impl),
            Global(id + "_int64_double", Int, Double, Bool, impl),
            Global(id + "_double_int64", Double, Int, Bool, impl));
    }

    private static IEnumerable<FunctionDecl> Core()
    {
        yield return new FunctionDecl("size", "The length of a string (in code points), list or map.",
            Global("size_string", String, Int, s => CelValues.Int(CelOperations.CodePointCount((string)s))),
            Global("size_list", ListOfA, Int, l => CelValues.Int(((IReadOnlyList<object>)l).Count)),
            Global("size_map", MapOfAB, Int, m => CelValues.Int(((CelMap)m).Count)),
            Receiver("string_size", String, Int, s => CelValues.Int(CelOperations.CodePointCount((string)s))),
            Receiver("list_size", ListOfA, Int, l => CelValues.Int(((IReadOnlyList<object>)l).Count)),
            Receiver("map_size", MapOfAB, Int, m => CelValues.Int(((CelMap)m).Count)));
        yield return new FunctionDecl("contains", "`s.contains(t)`: whether t occurs in s.",
            Receiver("contains_string", String, String, Bool, (s, t) => CelValues.Bool(((string)s).Contains((string)t, StringComparison.Ordinal))));
        yield return new FunctionDecl("startsWith", "`s.startsWith(p)`: whether s begins with p.",
            Receiver("starts_with_string", String, String, Bool, (s, p) => CelValues.Bool(((string)s).StartsWith((string)p, StringComparison.Ordinal))));
        yield return new FunctionDecl("endsWith", "`s.endsWith(p)`: whether s ends with p.",
            Receiver("ends_with_string", String, String, Bool, (s, p) => CelValues.Bool(((string)s).EndsWith((string)p, StringComparison.Ordinal))));
        yield return new FunctionDecl(MatchesFunction, "`s.matches(re)`: whether the RE2 regular expression re matches anywhere in s.",
            Global("matches", String, String, Bool, (s, re) => CelRegex.Matches((string)s, (string)re)),
            Receiver("matches_string", String, String, Bool, (s, re) => CelRegex.Matches((string)s, (string)re)));
        yield return new FunctionDecl("int", "Converts a double (truncating toward zero) or a string to an int.",
            Global("int64_to_int64", Int, Int, v => v),
            Global("double_to_int64", Double, Int, CelOperations.ToInt),
            Global("string_to_int64", String, Int, CelOperations.ToInt));
        yield return new FunctionDecl("double", "Converts an int or a string to a double.",
            Global("double_to_double", Double, Double, v => v),
            Global("int64_to_double", Int, Double, CelOperations.ToDoubleValue),
            Global("string_to_double", String, Double, CelOperations.ToDoubleValue));
        yield return new FunctionDecl("string", "Converts an int, double or bool to a string.",
            Global("string_to_string", String, String, v => v),
            Global("int64_to_string", Int, String, CelOperations.ToStringValue),
            Global("double_to_string", Double, String, CelOperations.ToStringValue),
            Global("bool_to_string", Bool, String, CelOperations.ToStringValue));
        yield return new FunctionDecl("bool", "Converts a string (\"true\", \"false\", \"t\", \"f\", \"1\", \"0\", ...) to a bool.",
            Global("bool_to_bool", Bool, Bool, v => v),
            Global("string_to_bool", String, Bool, CelOperations.ToBool));
        yield return new FunctionDecl("dyn", "Its argument, with its static type erased.",
            Global("to_dyn", A, CelType.Dyn, v => v));
    }

    /// <summary>The name of <c>matches</c>, whose literal patterns the compiler and checker treat specially.</summary>
    public const string MatchesFunction = "matches";

    private static bool ListContains(IReadOnlyList<object> list, object x)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (CelOperations.ValueEquals(list[i], x))
            {
                return true;
            }
        }
        return false;
    }

    private static object ConcatLists(IReadOnlyList<object> a, IReadOnlyList<object> b)
    {
        if (a.Count == 0)
        {
            return b;
        }
        if (b.Count == 0)
        {
            return a;
        }
        var result = new object[a.Count + b.Count];
        for (var i = 0; i < a.Count; i++)
        {
            result[i] = a[i];
        }
        for (var i = 0; i < b.Count; i++)
        {
            result[a.Count + i] = b[i];
        }
        return result;
    }

    private static object IndexList(IReadOnlyList<object> list, long index) =>
        index >= 0 && index < list.Count ? list[(int)index] : new CelError(Messages.IndexOutOfRange(index, list.Count));

    private static object IndexListByDouble(IReadOnlyList<object> list, double index) =>
        index == Math.Truncate(index) && index is >= long.MinValue and < long.MaxValue
            ? IndexList(list, (long)index)
            : new CelError(Messages.NotIntegralIndex(CelLiteral.FormatDouble(index)));

    internal static object IndexMap(CelMap map, object key) =>
        map.TryGetValue(key, out var value) ? value : new CelError(Messages.NoSuchKey(CelLiteral.Format(key)));
}
