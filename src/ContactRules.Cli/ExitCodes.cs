using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli;

/// <summary>The tool's exit codes, as DESIGN.md fixes them.</summary>
internal static class ExitCodes
{
    /// <summary>Done (a check may still have found contacts that cannot be reached).</summary>
    public const int Done = 0;

    /// <summary>The rule file or the input is invalid.</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>Reports an exception that escaped a command as one line, never a stack trace.</summary>
    public static int Report(Exception exception)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        switch (exception)
        {
            case CommandParseException or CommandRuntimeException:
                console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                console.WriteLine("Run 'contactrules --help' for usage.");
                return Usage;
            case IOException or UnauthorizedAccessException:
                console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return InvalidInput;
            default:
                console.MarkupLineInterpolated($"[red]internal error:[/] {exception.GetType().Name}: {exception.Message}");
                return InvalidInput;
        }
    }
}
