using System.Net;
using System.Text;
using ContactRules.Diagnostics;
using ContactRules.RuleFiles;
using ContactRules.Text;

namespace ContactRules.Documentation;

/// <summary>The formats <c>docs</c> writes.</summary>
internal enum DocumentationFormat
{
    Markdown,
    Html,
}

/// <summary>A generated page: its file name and its text.</summary>
internal sealed record DocumentationPage(string FileName, string Text);

/// <summary>
/// Renders the Case Properties page and the error-description page of a rule file, as Markdown or as
/// self-contained HTML. The output depends only on the rule file (never on the clock or the machine), so
/// committed pages can be compared with freshly generated ones.
/// </summary>
internal static class DocumentationPages
{
    public const string PropertiesPage = "case-properties";
    public const string ErrorsPage = "errors";

    public static IReadOnlyList<DocumentationPage> Render(RuleFile rules, DocumentationFormat format)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var doc = RuleDocumentation.From(rules);
        var source = Path.GetFileName(rules.Path);
        var extension = format == DocumentationFormat.Html ? ".html" : ".md";
        IPageWriter writer = format == DocumentationFormat.Html ? new HtmlWriter(extension) : new MarkdownWriter(extension);
        return
        [
            new(PropertiesPage + extension, writer.Properties(doc, rules, source)),
            new(ErrorsPage + extension, writer.Errors(doc, rules, source)),
        ];
    }

    private static string Severity(Severity severity) => severity == Diagnostics.Severity.Error ? "error" : "warning";

    private static string Blocks(ErrorDoc error, RuleFile rules) =>
        error.Blocks.IsEmpty ? Messages.DocsBlocksNone : string.Join(", ", error.Blocks.Select(c => rules.Channel(c)?.Title ?? c));

    /// <summary>The anchor of an error's entry: its code in lower case, as GitHub makes heading anchors.</summary>
    public static string Anchor(string code) => code.ToLowerInvariant();

    private interface IPageWriter
    {
        string Properties(RuleDocumentation doc, RuleFile rules, string source);

        string Errors(RuleDocumentation doc, RuleFile rules, string source);
    }

    private sealed class MarkdownWriter(string extension) : IPageWriter
    {
        public string Properties(RuleDocumentation doc, RuleFile rules, string source)
        {
            var text = new StringBuilder();
            text.Append("# ").Append(Messages.DocsPropertiesTitle).Append("\n\n");
            text.Append("<!-- ").Append(Messages.DocsGenerated(source)).Append(" -->\n\n");
            text.Append(Cell(doc.Name)).Append(": ").Append(Cell(doc.Description)).Append("\n\n");
            text.Append(Messages.DocsPropertiesIntro).Append("\n\n");
            text.Append("| ").Append(Messages.DocsPropertyColumn).Append(" | ").Append(Messages.DocsRequiredColumn)
                .Append(" | ").Append(Messages.DocsDescriptionColumn).Append(" |\n|---|---|---|\n");
            foreach (var property in doc.Properties)
            {
                text.Append("| ").Append(Code(property.Name)).Append(" | ").Append(Cell(property.Requirement)).Append(" | ")
                    .Append(Cell(property.Description)).Append(" |\n");
            }
            text.Append("\n## ").Append(Messages.DocsChecksTitle).Append("\n\n").Append(Messages.DocsChecksIntro(ErrorsPage + extension)).Append('\n');
            if (!doc.ContactChecks.IsEmpty)
            {
                text.Append("\n### ").Append(Messages.DocsContactChecksTitle).Append("\n\n");
                Checks(text, doc.ContactChecks);
            }
            foreach (var property in doc.Properties.Where(p => !p.Checks.IsEmpty))
            {
                text.Append("\n### ").Append(Code(property.Name)).Append("\n\n");
                Checks(text, property.Checks);
            }
            return text.ToString();
        }

        private void Checks(StringBuilder text, IEnumerable<CheckDoc> checks)
        {
            foreach (var check in checks)
            {
                text.Append("- [").Append(check.Code).Append("](").Append(ErrorsPage).Append(extension).Append('#').Append(Anchor(check.Code))
                    .Append(") (").Append(Severity(check.Severity)).Append("): ").Append(Line(check.Words));
                if (check.Rule is not null)
                {
                    text.Append(" — ").Append(Code(check.Rule));
                }
                text.Append('\n');
            }
        }

        public string Errors(RuleDocumentation doc, RuleFile rules, string source)
        {
            var text = new StringBuilder();
            text.Append("# ").Append(Messages.DocsErrorsTitle).Append("\n\n");
            text.Append("<!-- ").Append(Messages.DocsGenerated(source)).Append(" -->\n\n");
            text.Append(Messages.DocsErrorsIntro).Append("\n\n");
            text.Append("| ").Append(Messages.DocsCodeColumn).Append(" | ").Append(Messages.DocsTitleColumn).Append(" | ")
                .Append(Messages.DocsSeverityColumn).Append(" | ").Append(Messages.DocsBlocksColumn).Append(" |\n|---|---|---|---|\n");
            foreach (var error in doc.Errors)
            {
                text.Append("| [").Append(error.Code).Append("](#").Append(Anchor(error.Code)).Append(") | ").Append(Cell(error.Title)).Append(" | ")
                    .Append(Severity(error.Severity)).Append(" | ").Append(Cell(Blocks(error, rules))).Append(" |\n");
            }
            foreach (var error in doc.Errors)
            {
                text.Append("\n## ").Append(error.Code).Append("\n\n**").Append(Cell(error.Title)).Append("** — ")
                    .Append(Messages.DocsSeverityAndBlocks(Severity(error.Severity), Blocks(error, rules))).Append("\n\n");
                if (error.Description.Length > 0)
                {
                    text.Append(Cell(error.Description)).Append("\n\n");
                }
                if (error.Fix.Length > 0)
                {
                    text.Append("**").Append(Messages.DocsFixLabel).Append("** ").Append(Cell(error.Fix)).Append('\n');
                }
                foreach (var repair in error.Repairs)
                {
                    text.Append("\n**").Append(Messages.DocsRepairLabel).Append("** ").Append(Code(repair.Expression)).Append(' ')
                        .Append(Cell(Messages.DocsRepairOn(repair.Property, repair.Confidence))).Append('\n');
                }
            }
            return text.ToString();
        }

        /// <summary>Text in a table cell or a line: one line, pipes escaped, no HTML or links (see <see cref="Inert"/>).</summary>
        private static string Cell(string text) => Inert(text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal).Trim());

        /// <summary>Text outside tables: one line, no HTML or links.</summary>
        private static string Line(string text) => Inert(text.ReplaceLineEndings(" ").Trim());

        /// <summary>
        /// Rule-file text as Markdown that renders no HTML and no link or image, as the HTML pages escape it all:
        /// <c>&lt; &gt; &amp; [ ]</c> get a backslash, so <c>&lt;script&gt;</c>, <c>&lt;img onerror&gt;</c>, autolinks and
        /// <c>[x](javascript:…)</c> show as the text they are. The safe subset kept: emphasis and code spans
        /// (which never interpret HTML, so their insides are left alone).
        /// </summary>
        private static string Inert(string text)
        {
            var result = new StringBuilder(text.Length + 8);
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == '`' && (i == 0 || text[i - 1] != '\\'))
                {
                    var run = 1;
                    while (i + run < text.Length && text[i + run] == '`')
                    {
                        run++;
                    }
                    var close = ClosingRun(text, i + run, run);
                    if (close >= 0)
                    {
                        result.Append(text, i, close + run - i);
                        i = close + run;
                        continue;
                    }
                    result.Append(text, i, run);
                    i += run;
                    continue;
                }
                if (text[i] is '<' or '>' or '&' or '[' or ']')
                {
                    result.Append('\\');
                }
                result.Append(text[i]);
                i++;
            }
            return result.ToString();
        }

        /// <summary>Where a backtick run of exactly <paramref name="length"/> starts at or after <paramref name="from"/>, or -1.</summary>
        private static int ClosingRun(string text, int from, int length)
        {
            var i = from;
            while (i < text.Length)
            {
                if (text[i] != '`')
                {
                    i++;
                    continue;
                }
                var run = 1;
                while (i + run < text.Length && text[i + run] == '`')
                {
                    run++;
                }
                if (run == length)
                {
                    return i;
                }
                i += run;
            }
            return -1;
        }

        /// <summary>Inline code that may itself hold backticks: fenced with more backticks than it contains.</summary>
        private static string Code(string source)
        {
            // Not Line: a code span shows its text as it is, so escapes would show too.
            var flat = source.ReplaceLineEndings(" ").Trim();
            var longest = 0;
            var run = 0;
            foreach (var c in flat)
            {
                run = c == '`' ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }
            var fence = new string('`', longest + 1);
            var pad = flat.StartsWith('`') || flat.EndsWith('`') ? " " : "";
            return fence + pad + flat + pad + fence;
        }
    }

    private sealed class HtmlWriter(string extension) : IPageWriter
    {
        public string Properties(RuleDocumentation doc, RuleFile rules, string source)
        {
            var html = Start(Messages.DocsPropertiesTitle, source);
            html.Append("<p><strong>").Append(E(doc.Name)).Append("</strong>: ").Append(E(doc.Description)).Append("</p>\n");
            html.Append("<p>").Append(E(Messages.DocsPropertiesIntro)).Append("</p>\n<table>\n<thead><tr><th>")
                .Append(E(Messages.DocsPropertyColumn)).Append("</th><th>").Append(E(Messages.DocsRequiredColumn)).Append("</th><th>")
                .Append(E(Messages.DocsDescriptionColumn)).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var property in doc.Properties)
            {
                html.Append("<tr><td><code>").Append(E(property.Name)).Append("</code></td><td>").Append(E(property.Requirement))
                    .Append("</td><td>").Append(E(property.Description)).Append("</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n<h2>").Append(E(Messages.DocsChecksTitle)).Append("</h2>\n<p>")
                .Append(E(Messages.DocsChecksIntro(ErrorsPage + extension))).Append("</p>\n");
            if (!doc.ContactChecks.IsEmpty)
            {
                html.Append("<h3>").Append(E(Messages.DocsContactChecksTitle)).Append("</h3>\n");
                Checks(html, doc.ContactChecks);
            }
            foreach (var property in doc.Properties.Where(p => !p.Checks.IsEmpty))
            {
                html.Append("<h3><code>").Append(E(property.Name)).Append("</code></h3>\n");
                Checks(html, property.Checks);
            }
            return End(html);
        }

        private void Checks(StringBuilder html, IEnumerable<CheckDoc> checks)
        {
            html.Append("<ul>\n");
            foreach (var check in checks)
            {
                html.Append("<li><a href=\"").Append(ErrorsPage).Append(extension).Append('#').Append(Anchor(check.Code)).Append("\">")
                    .Append(E(check.Code)).Append("</a> (").Append(Severity(check.Severity)).Append("): ").Append(E(check.Words));
                if (check.Rule is not null)
                {
                    html.Append(" — <code>").Append(E(check.Rule.ReplaceLineEndings(" ").Trim())).Append("</code>");
                }
                html.Append("</li>\n");
            }
            html.Append("</ul>\n");
        }

        public string Errors(RuleDocumentation doc, RuleFile rules, string source)
        {
            var html = Start(Messages.DocsErrorsTitle, source);
            html.Append("<p>").Append(E(Messages.DocsErrorsIntro)).Append("</p>\n<table>\n<thead><tr><th>")
                .Append(E(Messages.DocsCodeColumn)).Append("</th><th>").Append(E(Messages.DocsTitleColumn)).Append("</th><th>")
                .Append(E(Messages.DocsSeverityColumn)).Append("</th><th>").Append(E(Messages.DocsBlocksColumn)).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var error in doc.Errors)
            {
                html.Append("<tr><td><a href=\"#").Append(Anchor(error.Code)).Append("\">").Append(E(error.Code)).Append("</a></td><td>")
                    .Append(E(error.Title)).Append("</td><td>").Append(Severity(error.Severity)).Append("</td><td>")
                    .Append(E(Blocks(error, rules))).Append("</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
            foreach (var error in doc.Errors)
            {
                html.Append("<h2 id=\"").Append(Anchor(error.Code)).Append("\">").Append(E(error.Code)).Append("</h2>\n<p><strong>")
                    .Append(E(error.Title)).Append("</strong> — ").Append(E(Messages.DocsSeverityAndBlocks(Severity(error.Severity), Blocks(error, rules))))
                    .Append("</p>\n");
                if (error.Description.Length > 0)
                {
                    html.Append("<p>").Append(E(error.Description)).Append("</p>\n");
                }
                if (error.Fix.Length > 0)
                {
                    html.Append("<p><strong>").Append(E(Messages.DocsFixLabel)).Append("</strong> ").Append(E(error.Fix)).Append("</p>\n");
                }
                foreach (var repair in error.Repairs)
                {
                    html.Append("<p><strong>").Append(E(Messages.DocsRepairLabel)).Append("</strong> <code>").Append(E(repair.Expression.ReplaceLineEndings(" ").Trim()))
                        .Append("</code> ").Append(E(Messages.DocsRepairOn(repair.Property, repair.Confidence))).Append("</p>\n");
                }
            }
            return End(html);
        }

        private static StringBuilder Start(string title, string source) => new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45}")
            .Append("table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}")
            .Append("code{background:#f4f4f4;padding:0 .2em}</style>\n</head>\n<body>\n<!-- ").Append(E(Messages.DocsGenerated(source)))
            .Append(" -->\n<h1>").Append(E(title)).Append("</h1>\n");

        private static string End(StringBuilder html) => html.Append("</body>\n</html>\n").ToString();

        private static string E(string text) => WebUtility.HtmlEncode(text);
    }
}
