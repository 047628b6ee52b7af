using System.ComponentModel;
using ContactRules.Testing;
using ContactRules.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class InitSettings : CommonOptions
{
    [CommandArgument(0, "[DIR]")]
    [Description(CliMessages.InitDirectoryDescription)]
    public string Directory { get; init; } = ".";

    [CommandOption("--from <RULES>")]
    [Description(CliMessages.InitFromDescription)]
    [DefaultValue("commcare-case-contact")]
    public string From { get; init; } = "commcare-case-contact";

    public override ValidationResult Validate() =>
        StarterKit.Sources.Contains(From) ? ValidationResult.Success()
            : ValidationResult.Error(CliMessages.FromExpected(From, StarterKit.Sources));
}

/// <summary><c>contactrules init [DIR]</c>: a starting rule file, its tests, project settings and a README; never overwrites.</summary>
internal sealed class InitCommand(Terminal terminal) : Command<InitSettings>
{
    public override int Execute(CommandContext context, InitSettings settings, CancellationToken cancellationToken)
    {
        var directory = CommandLineArguments.Unprotect(settings.Directory);
        var files = StarterKit.Files(settings.From).Select(f => (Path: Path.Combine(directory, f.Name), f.Text)).ToList();
        // All or nothing: one existing file and none is written.
        if (files.FirstOrDefault(f => File.Exists(f.Path) || System.IO.Directory.Exists(f.Path)) is { Path: { } existing })
        {
            terminal.Fail(Messages.InitExists(existing));
            return ExitCodes.InvalidInput;
        }
        foreach (var (path, text) in files)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            writer.Write(text);
            terminal.Note(Messages.InitWrote(path));
        }
        return ExitCodes.Done;
    }
}
