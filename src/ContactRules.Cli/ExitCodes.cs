using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Done (a check may still have found contacts that cannot be reached).</summary>
    public const int Done = 0;

    /// <summary>The rule file or the input is invalid.</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>Reports an exception that escaped a command as one line, never a stack trace.</summary>
    public static int Report(Exception exception, Terminal terminal, IReadOnlyList<string> args)
    {
        var console = terminal.Error;
        switch (exception)
        {
            case CommandParseException or CommandRuntimeException:
                var message = ContactRulesApp.Explain(args) ?? exception.Message;
                console.MarkupLineInterpolated($"[red]error:[/] {TerminalText.Escape(message)}");
                var command = args.FirstOrDefault(a => !a.StartsWith('-'));
                console.WriteLine(ContactRulesApp.IsCommand(command) ? CliMessages.SeeCommandHelp(command!) : CliMessages.SeeHelp);
                return Usage;
            case IOException or UnauthorizedAccessException or Registry.RegistryException:
                console.MarkupLineInterpolated($"[red]error:[/] {TerminalText.Escape(exception.Message)}");
                return InvalidInput;
            default:
                console.MarkupLineInterpolated($"[red]internal error:[/] {exception.GetType().Name}: {TerminalText.Escape(exception.Message)}");
                return InvalidInput;
        }
    }
}
