using System.Diagnostics;

namespace ContactRules.Tests.Cli;

/// <summary>Runs the real <c>contactrules</c> tool (built beside the tests) as a process, as a user would.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(string? standardInput, params string[] arguments)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "contactrules.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        start.ArgumentList.Add(tool);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("contactrules " + string.Join(' ', arguments) + " did not finish");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The repository's root (where ContactRules.sln is), so tests can name files like examples/cases.json.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContactRules.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("ContactRules.sln not found above " + AppContext.BaseDirectory);
    }
}
