using ContactRules.Contacts;

namespace ContactRules.Cli.Commands;

/// <summary>
/// Opens the case input a command names. Standard input is read once into memory so that a run can read
/// it twice (ownership is settled in a first pass); a file is simply opened again.
/// </summary>
internal static class CaseInput
{
    public static Func<IEnumerable<CaseReadResult>> Opener(string pathOrDash)
    {
        pathOrDash = CommandLineArguments.Unprotect(pathOrDash);
        if (pathOrDash != CaseSource.StandardInputName)
        {
            return () => CaseSource.Open(pathOrDash);
        }
        var buffered = new MemoryStream();
        Console.OpenStandardInput().CopyTo(buffered);
        return () =>
        {
            buffered.Position = 0;
            return CaseSource.Read(buffered, pathOrDash);
        };
    }
}
