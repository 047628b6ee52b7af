using ContactRules.Expressions.Checking;

namespace ContactRules.Expressions.Runtime;

/// <summary>CEL's string extension library (cel-go <c>ext.Strings</c>): indices and lengths count code points.</summary>
internal static class StringExtensions
{
    public static IEnumerable<FunctionDecl> Functions() => [];

    /// <summary>Whether a function builds strings or lists whose size the compiler must cap.</summary>
    public static bool ProducesLargeResults(string function) => false;
}
