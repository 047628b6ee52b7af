using System.Globalization;

namespace ContactRules.Text;

/// <summary>Messages of evaluation errors (the text of <see cref="Expressions.Runtime.CelError"/> values).</summary>
internal static partial class Messages
{
    public const string IntegerOverflow = "integer overflow";
    public const string DivisionByZero = "division by zero";
    public const string ModulusByZero = "modulus by zero";
    public const string BudgetExceeded = "evaluation budget exceeded";
    public const string ExpressionDidNotCompile = "the expression did not compile";

    // Values encoded as JSON (eval's bindings and results).
    public static string CelJsonDuplicateMapKey(string key) => "duplicate map key " + key;

    public static string CelJsonDuplicateKey(string key) => "duplicate key " + key;

    public static string CelJsonMalformed(string json) => "not an encoded CEL value: " + json;

    /// <summary>No overload takes these argument types: <c>size(bool)</c>, <c>string &lt; int</c>, <c>-bool</c>, <c>int[string]</c>.</summary>
    public static string NoSuchOverload(string function, IReadOnlyList<string> argumentTypes)
    {
        var symbol = Expressions.Ast.Operators.Symbol(function);
        var shown = (function, argumentTypes.Count) switch
        {
            (Expressions.Ast.Operators.Index, 2) => $"{argumentTypes[0]}[{argumentTypes[1]}]",
            (Expressions.Ast.Operators.Conditional, _) => $"{argumentTypes[0]} ? _ : _",
            (_, 1) when Expressions.Ast.Operators.IsOperator(function) => symbol + argumentTypes[0],
            (_, 2) when Expressions.Ast.Operators.IsOperator(function) => $"{argumentTypes[0]} {symbol} {argumentTypes[1]}",
            _ => $"{symbol}({string.Join(", ", argumentTypes)})",
        };
        return "no such overload: " + shown;
    }

    public const string EvaluationTooDeep = "the expression is nested too deeply to evaluate";

    public static string UnknownFunction(string name) => $"unknown function {Quote(name)}";

    public static string UndeclaredReference(string name) => $"undeclared reference to {Quote(name)}";

    public static string UnboundVariable(string name) => $"no value for variable {Quote(name)}";

    public static string NoSuchKey(string keyLiteral) => $"no such key: {keyLiteral}";

    public static string IndexOutOfRange(long index, int size) =>
        string.Create(CultureInfo.InvariantCulture, $"index {index} out of range for a list of size {size}");

    public static string NotIntegralIndex(string indexLiteral) => $"index {indexLiteral} is not an integer";

    public static string NoFieldSelection(string typeName, string field) => $"type {typeName} has no field {Quote(field)}";

    public static string DuplicateMapKey(string keyLiteral) => $"duplicate map key {keyLiteral}";

    public static string UnsupportedMapKey(string typeName) => $"unsupported map key type {typeName}";

    public static string NotIterable(string typeName) => $"cannot iterate over a value of type {typeName}";

    public static string ConversionFailed(string target, string valueLiteral) => $"cannot convert {valueLiteral} to {target}";

    public static string ConversionOutOfRange(string target, string valueLiteral) => $"{valueLiteral} is out of the range of {target}";


    public static string StringIndexOutOfRange(long index, int size) =>
        string.Create(CultureInfo.InvariantCulture, $"index {index} out of range for a string of {size} code points");

    public static string InvalidArgument(string function, string reason) => $"{function}: {reason}";

    public static string InternalError(string detail) => $"internal error: {detail}";

    public static string InvalidSubstringRange(long start, long end) =>
        string.Create(CultureInfo.InvariantCulture, $"invalid substring range: start {start} is after end {end}");

    public static string FormatClauseMismatch(char clause, string typeName) => $"format: %{clause} cannot format a value of type {typeName}";

    public static string FormatMissingArgument(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"format: there is no argument {index} (arguments count from 0)");

    public static string FormatBadClause(string clause) => $"format: unknown clause {Quote(clause)}";
}
