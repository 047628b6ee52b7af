using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Checking;

namespace ContactRules.Text;

/// <summary>Messages of the static checker (the expression's position is added by the diagnostic).</summary>
internal static partial class Messages
{
    public const string RegexInvalid = "the pattern is not a valid regular expression";

    public const string ExpressionTooDeep = "the expression is nested too deeply to check";

    /// <summary><c>; did you mean `a`?</c>, <c>; did you mean `a` or `b`?</c>, or nothing without suggestions.</summary>
    public static string DidYouMean(IReadOnlyList<string> suggestions) =>
        suggestions.Count == 0 ? "" : "; did you mean " + Alternatives(suggestions, Quote) + "?";

    public static string UndeclaredReference(string name, IReadOnlyList<string> suggestions) =>
        "undeclared reference to " + Quote(name) + DidYouMean(suggestions);

    public static string UndeclaredFunction(string name, IReadOnlyList<string> suggestions) =>
        "undeclared function " + Quote(name) + DidYouMean(suggestions);

    public static string UndeclaredOperator(string function) =>
        "the operator " + Quote(Operators.Symbol(function)) + " is not available here";

    /// <summary><c>`startsWith` takes 1 argument, got 2</c>; counts exclude the receiver of a method.</summary>
    public static string ArgumentCount(string function, IReadOnlyList<int> accepted, int got)
    {
        var counts = Alternatives(accepted, n => n.ToString(CultureInfo.InvariantCulture));
        var noun = accepted.Count == 1 && accepted[0] == 1 ? "argument" : "arguments";
        var takes = accepted.Count == 1 && accepted[0] == 0 ? "takes no arguments" : $"takes {counts} {noun}";
        return $"{Quote(function)} {takes}, got {got.ToString(CultureInfo.InvariantCulture)}";
    }

    public static string OnlyGlobal(string function) =>
        $"{Quote(function)} is not a method: call it as {Quote(function + "(…)")}";

    public static string OnlyMethod(string function) =>
        $"{Quote(function)} is a method: call it on a value, as in {Quote("x." + function + "(…)")}";

    /// <summary><c>`+` cannot be applied to int and string</c>.</summary>
    public static string OperatorMismatch(string function, IReadOnlyList<CelType> operands) =>
        $"{Quote(Operators.Symbol(function))} cannot be applied to {Alternatives(operands, t => t.ToString(), " and ")}"
        + OperatorHint(function, operands);

    /// <summary>What to write instead, for the two mismatches people make most.</summary>
    private static string OperatorHint(string function, IReadOnlyList<CelType> operands)
    {
        if (operands.Count != 2)
        {
            return "";
        }
        bool Is(int i, CelType type) => TypeRelations.AreSame(operands[i], type);
        if ((Is(0, CelType.Int) && Is(1, CelType.Double)) || (Is(0, CelType.Double) && Is(1, CelType.Int)))
        {
            return $"; convert one side with {Quote("double(…)")} or {Quote("int(…)")}";
        }
        if (function is Operators.Equal or Operators.NotEquals && Is(0, CelType.Null) != Is(1, CelType.Null))
        {
            return $"; a value of a declared type is never null: to test whether a field is present, use {Quote("has(…)")}";
        }
        return "";
    }

    public static string IndexMismatch(CelType container, CelType index) =>
        $"cannot index {container} with {index}";

    /// <summary><c>`startsWith` cannot be called as int.startsWith(string); it accepts string.startsWith(string)</c>.</summary>
    public static string NoMatchingOverload(string function, CelType? receiver, IReadOnlyList<CelType> arguments, IReadOnlyList<FunctionOverload> candidates)
    {
        const int Shown = 4;
        var accepted = new List<string>();
        foreach (var overload in candidates)
        {
            if (accepted.Count == Shown)
            {
                accepted.Add((candidates.Count - Shown).ToString(CultureInfo.InvariantCulture) + " more");
                break;
            }
            accepted.Add(Signature(function, overload));
        }
        var called = receiver is null
            ? $"{function}({string.Join(", ", arguments)})"
            : $"{receiver}.{function}({string.Join(", ", arguments)})";
        return $"{Quote(function)} cannot be called as {called}; it accepts {Alternatives(accepted, s => s)}";
    }

    public static string ConditionNotBool(CelType type) => $"the condition of {Quote("?:")} must be bool, got {type}";

    public static string BranchMismatch(CelType whenTrue, CelType whenFalse) =>
        $"the branches of {Quote("?:")} have different types, {whenTrue} and {whenFalse}";

    public static string UnknownField(string objectName, string field, IReadOnlyList<string> suggestions) =>
        $"{objectName} has no field {Quote(field)}" + DidYouMean(suggestions);

    public static string NoFields(CelType type, string field) => $"cannot select {Quote(field)} from {type}, which has no fields";

    public static string HasNeedsField(CelType type) =>
        $"{Quote("has()")} tests a field of a map or an object, not of {type}";

    public static string MacroRange(MacroKind macro, CelType type) =>
        $"{Quote(ExprPrinter.MacroName(macro))} iterates over a list or a map, not {type}";

    public static string MacroCondition(MacroKind macro, CelType type) =>
        $"the condition of {Quote(ExprPrinter.MacroName(macro))} must be bool, got {type}";

    public static string InvalidRegex(string pattern, string problem) =>
        $"invalid regular expression {Quote(pattern)}: {problem}";

    public static string CallAlwaysFails(string error) => $"this call always fails: {error}";

    /// <summary>A syntax error in a pattern, in words (<c>unterminated bracket, at offset 4</c>).</summary>
    public static string RegexSyntax(RegexParseError error, int offset) =>
        $"{Words(error.ToString())}, at offset {offset.ToString(CultureInfo.InvariantCulture)}";

    public static string RegexNotLinear(RegexConstruct construct) => construct switch
    {
        RegexConstruct.Backreference => "backreferences are not supported by the linear-time engine",
        RegexConstruct.Lookaround => "lookahead and lookbehind are not supported by the linear-time engine",
        RegexConstruct.AtomicGroup => "atomic groups are not supported by the linear-time engine",
        RegexConstruct.Conditional => "conditional groups are not supported by the linear-time engine",
        _ => "the pattern uses a construct the linear-time engine does not support",
    };

    private static string Signature(string function, FunctionOverload overload)
    {
        var parameters = overload.Parameters;
        if (!overload.IsReceiverStyle || parameters.Length == 0)
        {
            return $"{function}({string.Join(", ", parameters)})";
        }
        return $"{parameters[0]}.{function}({string.Join(", ", parameters.Skip(1))})";
    }

    /// <summary><c>a</c>, <c>a or b</c>, <c>a, b or c</c>.</summary>
    private static string Alternatives<T>(IReadOnlyList<T> items, Func<T, string> show, string last = " or ")
    {
        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(i == items.Count - 1 ? last : ", ");
            }
            text.Append(show(items[i]));
        }
        return text.ToString();
    }

    /// <summary><c>UnterminatedBracket</c> as <c>unterminated bracket</c>.</summary>
    private static string Words(string pascalCase)
    {
        var text = new StringBuilder(pascalCase.Length + 8);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            var c = pascalCase[i];
            if (char.IsUpper(c) && i > 0)
            {
                text.Append(' ');
            }
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
