using ContactRules.Contacts;

namespace ContactRules.Cli.Commands;

/// <summary>
/// Opens the case inputs a command names, as one population, as often as the run needs them (the latest
/// version of each case and the owners of numbers are found in first passes). Files are simply opened
/// again; standard input is copied once to a temporary file, deleted when the process ends, so that an
/// export of any size is never held in memory.
/// </summary>
internal static class CaseInput
{
    /// <summary>The case input argument, as every command that reads cases declares it.</summary>
    public const string Argument = "[CASES]";

    /// <summary>The inputs as the user wrote them.</summary>
    public static IReadOnlyList<string> Paths(IEnumerable<string> arguments) => [.. arguments.Select(CommandLineArguments.Unprotect)];

    /// <summary>How reports name the inputs: the one path, or all of them.</summary>
    public static string Name(IEnumerable<string> arguments) => string.Join(", ", Paths(arguments));

    /// <param name="arguments">The inputs as parsed.</param>
    /// <param name="options">How to read them.</param>
    /// <param name="latestOnly">
    /// Whether only the latest version of each case comes out (the others superseded). <c>register</c> takes
    /// every update instead: the registry orders them itself, and a case's first claim of a number counts.
    /// </param>
    public static Func<IEnumerable<CaseReadResult>> Opener(IEnumerable<string> arguments, CaseReadOptions options, bool latestOnly = true)
    {
        var inputs = CasePopulation.Expand(Paths(arguments));
        FileStream? spool = null;
        if (inputs.Contains(CaseSource.StandardInputName))
        {
            spool = new FileStream(
                Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            using var standardInput = Console.OpenStandardInput();
            standardInput.CopyTo(spool);
        }
        IEnumerable<CaseReadResult> Open(string path, IReadOnlySet<string>? kept)
        {
            var read = options with { KeptProperties = kept };
            if (path != CaseSource.StandardInputName)
            {
                return CaseSource.Open(path, read);
            }
            spool!.Position = 0;
            return CaseSource.Read(spool, path, read);
        }
        IEnumerable<CaseReadResult> All(IReadOnlySet<string>? kept) => CasePopulation.Concat(inputs, path => Open(path, kept));
        // Finding the latest versions reads no properties (CasePopulation.Latest); every other read keeps them all.
        if (!latestOnly)
        {
            return () => All(null);
        }
        return CasePopulation.Latest(All).Open;
    }
}
