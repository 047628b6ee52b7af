using System.ComponentModel;
using ContactRules.Diagnostics;
using ContactRules.Documentation;
using ContactRules.Evaluation;
using ContactRules.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class DocsSettings : CommonOptions
{
    [CommandOption(SharedOptions.Rules)]
    [Description(CliMessages.DocsRulesDescription)]
    public string? Rules { get; init; }

    [CommandOption(SharedOptions.Format)]
    [Description(CliMessages.DocsFormatDescription)]
    [DefaultValue("markdown")]
    [Formats("markdown", "html")]
    public string Format { get; init; } = "markdown";

    [CommandOption("-o|--out <DIR>")]
    [Description(CliMessages.DocsOutDescription)]
    public string? Out { get; init; }
}

/// <summary><c>contactrules docs</c>: the Case Properties page and the error-description page of a rule file.</summary>
internal sealed class DocsCommand(Terminal terminal) : Command<DocsSettings>
{
    public override int Execute(CommandContext context, DocsSettings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        // Compiled as well as loaded, so pages are never written for rules that would not run.
        var rules = RuleSetLoader.Load(settings.Rules, null, diagnostics);
        terminal.WriteDiagnostics(diagnostics);
        if (rules is null)
        {
            return ExitCodes.InvalidInput;
        }
        var format = settings.Format == "html" ? DocumentationFormat.Html : DocumentationFormat.Markdown;
        var directory = settings.Out ?? Path.Combine("docs", Path.GetFileNameWithoutExtension(rules.Rules.Path));
        Directory.CreateDirectory(directory);
        using var outputs = new OutputFiles();
        var written = new List<string>();
        foreach (var page in DocumentationPages.Render(rules.Rules, format))
        {
            var path = Path.Combine(directory, page.FileName);
            using (var writer = new StreamWriter(outputs.Create(path), new System.Text.UTF8Encoding(false)))
            {
                writer.Write(page.Text);
            }
            written.Add(path);
        }
        outputs.Commit();
        foreach (var path in written)
        {
            terminal.Note(Messages.DocsWrote(path));
        }
        return ExitCodes.Done;
    }
}
