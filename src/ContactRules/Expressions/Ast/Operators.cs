namespace ContactRules.Expressions.Ast;

/// <summary>The function names CEL gives its operators; the AST represents every operator as a call to one.</summary>
internal static class Operators
{
    public const string Conditional = "_?_:_";
    public const string LogicalAnd = "_&&_";
    public const string LogicalOr = "_||_";
    public const string LogicalNot = "!_";
    public const string Negate = "-_";
    public const string Equal = "_==_";
    public const string NotEquals = "_!=_";
    public const string Less = "_<_";
    public const string LessOrEqual = "_<=_";
    public const string Greater = "_>_";
    public const string GreaterOrEqual = "_>=_";
    public const string In = "@in";
    public const string Add = "_+_";
    public const string Subtract = "_-_";
    public const string Multiply = "_*_";
    public const string Divide = "_/_";
    public const string Modulo = "_%_";
    public const string Index = "_[_]";

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        [Conditional] = "?:",
        [LogicalAnd] = "&&",
        [LogicalOr] = "||",
        [LogicalNot] = "!",
        [Negate] = "-",
        [Equal] = "==",
        [NotEquals] = "!=",
        [Less] = "<",
        [LessOrEqual] = "<=",
        [Greater] = ">",
        [GreaterOrEqual] = ">=",
        [In] = "in",
        [Add] = "+",
        [Subtract] = "-",
        [Multiply] = "*",
        [Divide] = "/",
        [Modulo] = "%",
        [Index] = "[]",
    };

    public static bool IsOperator(string function) => Symbols.ContainsKey(function);

    /// <summary>The operator as written in source (<c>_+_</c> is <c>+</c>), or the name itself for a function.</summary>
    public static string Symbol(string function) => Symbols.TryGetValue(function, out var s) ? s : function;
}
