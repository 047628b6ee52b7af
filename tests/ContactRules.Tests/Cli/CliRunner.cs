using System.Diagnostics;
using ContactRules.Cli;
using Spectre.Console;
using Spectre.Console.Testing;

namespace ContactRules.Tests.Cli;

/// <summary>
/// Runs the <c>contactrules</c> tool: as a process (the real tool built beside the tests), as a user would,
/// or in process on recording consoles, which is faster and lets a test see colours.
/// </summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(string? standardInput, params string[] arguments) => RunIn(RepositoryRoot, standardInput, arguments);

    /// <summary>
    /// The tool in this process, writing to test consoles (plain, or with ANSI colours when
    /// <paramref name="colours"/>). Paths are taken from the test's working directory, so name files absolutely.
    /// </summary>
    public static Result RunInProcess(string? standardInput, string[] arguments, bool colours = false)
    {
        using var output = Console(colours);
        using var error = Console(colours);
        var terminal = new Terminal(output, error, new StringReader(standardInput ?? ""));
        var exitCode = ContactRulesApp.Run(arguments, terminal);
        return new Result(exitCode, output.Output, error.Output);
    }

    public static Result RunInProcess(params string[] arguments) => RunInProcess(null, arguments);

    private static TestConsole Console(bool colours)
    {
        var console = new TestConsole().Width(int.MaxValue);
        if (colours)
        {
            console.Colors(ColorSystem.Standard).EmitAnsiSequences();
        }
        return console;
    }

    /// <summary>A path in the repository, for in-process runs.</summary>
    public static string InRepository(string relative) => Path.Combine(RepositoryRoot, relative);

    /// <summary>The tool as a process, in <paramref name="workingDirectory"/>.</summary>
    public static Result RunIn(string workingDirectory, string? standardInput, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments);
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

    /// <summary>The tool started as a process and left running (its output redirected), for a test that kills it.</summary>
    public static Process Start(string workingDirectory, params string[] arguments)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "contactrules.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(tool);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start)!;
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
