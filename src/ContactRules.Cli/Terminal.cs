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
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            // A pipe or a file has no width: never wrap a diagnostic or a JSON line.
            console.Profile.Width = int.MaxValue;
        }
        return console;
    }

    /// <summary>Verdict text, with open channels in green, closed ones in red and warnings in yellow on a terminal.</summary>
    public static void WriteVerdict(string text)
    {
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            var trimmed = line.TrimStart();
            var colour = trimmed.Length == 0 ? null : trimmed[0] switch
            {
                ContactRules.Evaluation.VerdictText.Open => "green",
                ContactRules.Evaluation.VerdictText.Closed => "red",
                ContactRules.Evaluation.VerdictText.Warn => "yellow",
                _ => null,
            };
            if (colour is null)
            {
                Out.WriteLine(line);
            }
            else
            {
                Out.MarkupLineInterpolated($"[{colour}]{line}[/]");
            }
        }
        Out.WriteLine();
    }

    /// <summary>Diagnostics of input files, in file order, as <c>path:line:column: error CODE: message</c>.</summary>
    public static void WriteDiagnostics(ContactRules.Diagnostics.DiagnosticBag diagnostics)
    {
        foreach (var diagnostic in diagnostics.Sorted())
        {
            var colour = diagnostic.IsError ? "red" : "yellow";
            Error.MarkupLineInterpolated($"[{colour}]{diagnostic.ToString()}[/]");
        }
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
