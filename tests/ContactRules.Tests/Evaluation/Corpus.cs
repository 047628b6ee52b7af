using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.Projects;
using ContactRules.RuleFiles;
using Xunit;

namespace ContactRules.Tests.Evaluation;

/// <summary>
/// The verdict corpus (Cases/contacts): cases covering every code of both shipped rule files, judged the
/// way <c>check</c> judges them, with one opted-out number known to a test registry. Inputs are read under
/// their path relative to Cases/, so nothing machine-specific reaches a snapshot.
/// </summary>
internal static class Corpus
{
    public const string Documented = "commcare-case-contact.yaml";
    public const string HqCompatible = "commcare-hq-compatible.yaml";
    public const string Cases = "contacts/corpus.json";
    public const string Malformed = "contacts/malformed.jsonl";
    public const string ProjectFile = "contacts/project.yaml";

    /// <summary>The only number that has opted out, in the corpus's registry.</summary>
    public const string OptedOutNumber = "254711000222";

    public static TheoryData<string> RuleFiles => new(Documented, HqCompatible);

    /// <summary>The code for a number another contact owns: HQ's own NO_TWO_WAY_PHONE_NUMBER under the HQ rules.</summary>
    public static string InUseCode(string ruleFile) => ruleFile.EndsWith(HqCompatible, StringComparison.Ordinal) ? "NO_TWO_WAY_PHONE_NUMBER" : "PHONE_NUMBER_IN_USE";

    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Cases", relative);

    public static ProjectSettings Project(string relative = ProjectFile)
    {
        var diagnostics = new DiagnosticBag();
        var project = ProjectLoader.LoadFile(PathOf(relative), diagnostics);
        Assert.Empty(diagnostics.Items);
        return project!;
    }

    public static CompiledRules Compile(string ruleFile, ProjectSettings project)
    {
        var diagnostics = new DiagnosticBag();
        var compiled = CompiledRules.Compile(RuleFileLoader.LoadBuiltIn(ruleFile), project, diagnostics);
        Assert.Empty(diagnostics.Items);
        return compiled!;
    }

    /// <summary>The records of a case file under Cases/, named by its relative path in diagnostics.</summary>
    public static IEnumerable<CaseReadResult> Open(string relative)
    {
        using var stream = File.OpenRead(PathOf(relative));
        foreach (var result in CaseSource.Read(stream, relative, CaseSource.FormatFromExtension(relative)))
        {
            yield return result;
        }
    }

    /// <summary>A judged input: what each item produced, and the run's totals.</summary>
    public sealed record Judged(CompiledRules Rules, IReadOnlyList<CheckItem> Items, CaseReadSummary Summary)
    {
        public IEnumerable<ContactVerdict> Verdicts => Items.Where(i => i.Verdict is not null).Select(i => i.Verdict!);

        public ContactVerdict Verdict(string caseId) => Verdicts.Single(v => v.CaseId == caseId);

        public CheckItem Item(string caseId) => Items.Single(i => i.Record?.Id == caseId);
    }

    public static Judged Judge(string ruleFile, string input = Cases, bool trace = false)
    {
        var rules = Compile(ruleFile, Project());
        var run = new JudgingRun(rules, new RunOptions { OptOuts = new OptOutRegistry(OptedOutNumber), Trace = trace });
        var items = run.Run(() => Open(input)).ToList();
        return new Judged(rules, items, run.Summary);
    }

    /// <summary>What <c>check</c> prints: each verdict's block, or the diagnostic of a rejected record, then the totals.</summary>
    public static string CheckText(Judged judged)
    {
        var text = new StringBuilder();
        foreach (var item in judged.Items)
        {
            text.Append(item.Verdict is { } verdict
                ? VerdictText.Check(verdict, item.Record!, judged.Rules.Rules)
                : item.Diagnostic + "\n").Append('\n');
        }
        return text.Append(Totals(judged.Summary)).Append('\n').ToString();
    }

    /// <summary>Each verdict's JSON (indented, so a snapshot reads well), or the diagnostic of a rejected record.</summary>
    public static string CheckJson(Judged judged)
    {
        var text = new StringBuilder();
        foreach (var item in judged.Items)
        {
            text.Append(item.Verdict is { } verdict ? Indented(VerdictJson.ToJsonLine(verdict)) : item.Diagnostic!.ToString()).Append("\n\n");
        }
        return text.Append(Totals(judged.Summary)).Append('\n').ToString();
    }

    private static readonly JsonSerializerOptions IndentedOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Indented(string jsonLine)
    {
        Assert.DoesNotContain('\n', jsonLine);
        return JsonNode.Parse(jsonLine)!.ToJsonString(IndentedOptions);
    }

    private static string Totals(CaseReadSummary summary) =>
        $"{summary.Read} records read: {summary.Accepted} judged, {summary.Rejected} rejected, {summary.Problems} input problems.";
}
