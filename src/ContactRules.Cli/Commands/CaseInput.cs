using ContactRules.Contacts;

namespace ContactRules.Cli.Commands;

/// <summary>
/// Opens the case input a command names, as often as the run needs it (ownership is settled in a first
/// pass). A file is simply opened again; standard input is copied once to a temporary file, deleted when
/// the process ends, so that an export of any size is never held in memory.
/// </summary>
internal static class CaseInput
{
    /// <summary>The case input argument, as every command that reads cases declares it.</summary>
    public const string Argument = "[CASES]";

    public const string Description = "Cases: CommCare case API JSON, JSON lines or a CSV export; - reads standard input.";

    public static Func<IEnumerable<CaseReadResult>> Opener(string pathOrDash)
    {
        pathOrDash = CommandLineArguments.Unprotect(pathOrDash);
        if (pathOrDash != CaseSource.StandardInputName)
        {
            return () => CaseSource.Open(pathOrDash);
        }
        var spool = new FileStream(
            Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        using (var standardInput = Console.OpenStandardInput())
        {
            standardInput.CopyTo(spool);
        }
        return () =>
        {
            spool.Position = 0;
            return CaseSource.Read(spool, pathOrDash);
        };
    }
}
