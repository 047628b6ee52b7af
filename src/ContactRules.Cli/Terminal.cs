using ContactRules.Expressions;
using ContactRules.Expressions.Ast;
using Spectre.Console;

namespace ContactRules.Cli;

/// <summary>
/// Standard output and error as Spectre.Console sees them: colour only on a terminal, plain when piped
/// or redirected, and never when NO_COLOR is set.
/// </summary>
internal static class Terminal
{
    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var plain = redirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
        });
    }

    /// <summary>A diagnostic of an expression, with the source line and a caret under the column.</summary>
    public static void WriteDiagnostic(string source, ExpressionDiagnostic diagnostic)
    {
        Error.MarkupLineInterpolated($"[red]{diagnostic.Format(source)}[/]");
        var at = SourcePosition.At(source, diagnostic.Span.Start);
        var line = source.Split('\n')[at.Line - 1];
        Error.WriteLine("  " + line);
        Error.WriteLine("  " + new string(' ', at.Column - 1) + new string('^', Math.Max(1, Math.Min(diagnostic.Span.Length, line.Length - at.Column + 1))));
    }
}
