using System.ComponentModel;
using ContactRules.Diagnostics;
using ContactRules.Documentation;
using ContactRules.Evaluation;
using ContactRules.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

internal sealed class DocsSettings : CommandSettings
{
    [CommandOption("-r|--rules <FILE>")]
    [Description("The rule file to document (default: the built-in rules/commcare-case-contact.yaml).")]
    public string? Rules { get; init; }

    [CommandOption("-f|--format <FORMAT>")]
    [Description("markdown or html.")]
    [DefaultValue("markdown")]
    public string Format { get; init; } = "markdown";

    [CommandOption("-o|--out <DIR>")]
    [Description("Where to write the pages (default: docs/<rule file name>).")]
    public string? Out { get; init; }

    public override ValidationResult Validate() => Format is "markdown" or "html"
        ? ValidationResult.Success()
        : ValidationResult.Error($"--format {Format}: expected markdown or html");
}

/// <summary><c>contactrules docs</c>: the Case Properties page and the error-description page of a rule file.</summary>
internal sealed class DocsCommand : Command<DocsSettings>
{
    public override int Execute(CommandContext context, DocsSettings settings, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        // Compiled as well as loaded, so pages are never written for rules that would not run.
        var rules = RuleSetLoader.Load(settings.Rules, null, diagnostics);
        Terminal.WriteDiagnostics(diagnostics);
        if (rules is null)
        {
            return ExitCodes.InvalidInput;
        }
        var format = settings.Format == "html" ? DocumentationFormat.Html : DocumentationFormat.Markdown;
        var directory = settings.Out ?? Path.Combine("docs", Path.GetFileNameWithoutExtension(rules.Rules.Path));
        Directory.CreateDirectory(directory);
        foreach (var page in DocumentationPages.Render(rules.Rules, format))
        {
            var path = Path.Combine(directory, page.FileName);
            File.WriteAllText(path, page.Text);
            Terminal.Error.WriteLine(Messages.DocsWrote(path));
        }
        return ExitCodes.Done;
    }
}
