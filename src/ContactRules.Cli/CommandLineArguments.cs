namespace ContactRules.Cli;

/// <summary>
/// Spectre.Console.Cli reads every argument that starts with <c>-</c> as an option, so <c>-</c> (standard
/// input) and expressions such as <c>-5 + 2</c> would be lost. Arguments that cannot be option names
/// (nothing, or no letter, after the dashes) are marked before parsing and unmarked by the commands.
/// </summary>
internal static class CommandLineArguments
{
    private const char Mark = '\u0001';

    public static string[] Protect(IEnumerable<string> args) =>
        [.. args.Select(a => a.StartsWith('-') && a != "--" && !char.IsAsciiLetter(a.TrimStart('-').FirstOrDefault()) ? Mark + a : a)];

    /// <summary>The argument as the user wrote it.</summary>
    public static string Unprotect(string argument) => argument.StartsWith(Mark) ? argument[1..] : argument;
}
