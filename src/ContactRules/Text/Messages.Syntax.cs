namespace ContactRules.Text;

/// <summary>Messages of the expression parser (the part after <c>Syntax error (line, column): </c>).</summary>
internal static partial class Messages
{
    public const string EndOfExpression = "end of expression";

    public const string ExpectedExpression = "expression";

    public const string ExpectedName = "name";

    public const string UintNotSupported = "unsigned integer literals (`1u`) are not supported; write the number without `u`";

    public const string BytesNotSupported = "bytes literals (`b'...'`) are not supported";

    public const string IntegerOutOfRange = "integer literal out of range (the largest int is 9223372036854775807)";

    public const string DoubleOutOfRange = "double literal out of range";

    public const string IncompleteOctalEscape = "invalid escape sequence: an octal escape is `\\` and three octal digits, `\\000` to `\\377`";

    public const string LeadingDotNotSupported = "names starting with `.` are not supported";

    public const string MessageLiteralNotSupported = "message construction (`Name{field: value}`) is not supported";

    public const string HasNeedsSelection = "the argument of `has()` must be a field selection, such as `has(a.b)`";

    public const string HasArity = "`has()` takes exactly one argument, a field selection such as `has(a.b)`";

    public static string Unexpected(string what, IEnumerable<string> expected)
    {
        var list = expected.Distinct(StringComparer.Ordinal).ToList();
        return list.Count == 0
            ? $"unexpected {what}"
            : $"unexpected {what}, expected {string.Join(", ", list.Take(list.Count - 1)) + (list.Count > 1 ? " or " : "") + list[^1]}";
    }

    public static string ReservedWord(string word) => $"{Quote(word)} is a reserved word and cannot be used as a name";

    public static string ReservedWordToken(string word) => $"reserved word {Quote(word)}";

    public static string NestedTooDeeply(int limit) => $"expression nested too deeply (the limit is {limit} levels)";

    public static string UnterminatedString(string delimiter) => $"unterminated string literal: missing closing {Quote(delimiter)}";

    public static string InvalidEscape(char? letter) => letter is { } c
        ? $"invalid escape sequence {Quote("\\" + c)}"
        : "invalid escape sequence: `\\` at the end of a line";

    public static string IncompleteHexEscape(char letter, int digits) =>
        $"invalid escape sequence: {Quote("\\" + letter)} must be followed by {digits} hexadecimal digits";

    public static string InvalidCodePoint(string hex) => $"invalid escape sequence: U+{hex.ToUpperInvariant()} is not a Unicode code point";

    public static string MacroArity(string macro, string forms) => $"{Quote(macro)} takes {forms}";

    public static string IterationVariableNotName(string macro) => $"the iteration variable of {Quote(macro)} must be a simple name";

    public static string DuplicateIterationVariable(string macro, string name) =>
        $"the two iteration variables of {Quote(macro)} must differ, both are {Quote(name)}";
}
