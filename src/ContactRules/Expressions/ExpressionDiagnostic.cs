using ContactRules.Expressions.Ast;

namespace ContactRules.Expressions;

/// <summary>Which stage found a problem in an expression.</summary>
internal enum DiagnosticStage
{
    Syntax,
    Check,
}

/// <summary>
/// A problem found in an expression, with the span it concerns and its code (a
/// <see cref="Diagnostics.DiagnosticCodes"/> constant), so tools can tell an unknown name from a type mismatch.
/// </summary>
internal sealed record ExpressionDiagnostic(DiagnosticStage Stage, TextSpan Span, string Message, string Code)
{
    public ExpressionDiagnostic(DiagnosticStage stage, TextSpan span, string message)
        : this(stage, span, message, stage == DiagnosticStage.Syntax ? Diagnostics.DiagnosticCodes.ExpressionSyntax : Diagnostics.DiagnosticCodes.ExpressionCheck)
    {
    }

    /// <summary>
    /// The diagnostic as a person reads it, positioned in <paramref name="source"/>:
    /// <c>Syntax error (line 1, column 7): unexpected `)`, expected expression</c>
    /// </summary>
    public string Format(string source)
    {
        var at = SourcePosition.At(source, Span.Start);
        var stage = Stage == DiagnosticStage.Syntax ? "Syntax error" : "Error";
        return $"{stage} (line {at.Line}, column {at.Column}): {Message}";
    }
}
