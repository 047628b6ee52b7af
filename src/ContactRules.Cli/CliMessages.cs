using System.Globalization;
using ContactRules.Text;

namespace ContactRules.Cli;

/// <summary>
/// The command line's own words: option descriptions, usage errors and the notes commands print. Messages
/// about rules, cases and registries stay in the library's <c>Messages</c>.
/// </summary>
internal static class CliMessages
{
    // Option descriptions (constants: attributes take them).
    [Sentences]
    public const string RulesDescription = "The rule file (default: the built-in rules/commcare-case-contact.yaml; commcare-hq-compatible.yaml names the other built-in one).";

    [Sentences]

    public const string ProjectDescription = "The project settings (default: built-in: UTC, language en, no gateways).";

    [Sentences]

    public const string NoColorDescription = "Plain text, without colour, even on a terminal (as the NO_COLOR variable gives).";

    [Sentences]

    public const string QuietDescription = "Prints only the output asked for and errors: no counts, notes or progress.";

    [Sentences]

    public const string RedactDescription = "Masks phone numbers (all but the last 3 digits) and email local parts in every output.";

    [Sentences]

    public const string VerdictFormatDescription = "text (for people) or json (one object per case per line).";

    [Sentences]

    public const string SummaryFormatDescription = "The summary as text (for people) or json (one object).";

    [Sentences]

    public const string LinesFormatDescription = "text (for people) or json (one object per line).";

    private const string RegistryForms = "a SQLite file or a PostgreSQL connection string (postgresql://user@host/db or Host=…;Database=…)";

    [Sentences]

    public const string RegistryConsultedDescription = "A registry to read two-way owners and opt-outs from, instead of settling ownership among the input's cases: " + RegistryForms + ". It must exist; it is only read.";

    [Sentences]

    public const string RegistryRecordedDescription = "The registry to record the updates in: " + RegistryForms + "; a SQLite file is created when missing.";

    [Sentences]

    public const string RegistryReadDescription = "The registry to read: " + RegistryForms + ". It must exist; it is only read.";

    [Sentences]

    public const string RegistryOptOutDescription = "The registry: " + RegistryForms + ". add creates a SQLite file when missing; remove and list need one that exists.";

    [Sentences]

    public const string AgainstDescription = "Required: the new rule file, compared with --rules (the old one; default: the built-in rules).";

    [Sentences]

    public const string LintRulesDescription = "The rule file to check, or a project file (told by its content).";

    [Sentences]

    public const string DocsRulesDescription = "The rule file to document (default: the built-in rules/commcare-case-contact.yaml).";

    [Sentences]

    public const string TestPathsDescription = "Test files, or directories whose *.tests.yaml files are all run (default: the current directory).";

    public static string NoSuchTestPath(string path) => $"{path}: no such file or directory";

    public const string NoTests = "no tests ran";

    public static string FromExpected(string from, IReadOnlyList<string> sources) => $"--from {from}: expected {Alternatives(sources)}";

    public const string CoverageMinRange = "--coverage-min must be between 0 and 100";

    public static string CoverageBelow(string rules, double lowest, double min) =>
        string.Create(CultureInfo.InvariantCulture, $"coverage of {rules} is {lowest:0.0}%, below --coverage-min {min:0.#}");

    // Usage errors.
    public static string FormatExpected(string format, IReadOnlyList<string> formats) =>
        $"--format {format}: expected {Alternatives(formats)}";

    public const string ThreadsNegative = "--threads must not be negative";

    public const string CountNegative = "N must not be negative";

    public static string VarExpected(string variable) => $"--var {variable}: expected NAME=JSON, e.g. --var 'value=\"919812345678\"'";

    public static string VarInvalid(string name, string detail) => $"--var {name}: {detail}";

    public static string UnknownOption(string option, IReadOnlyList<string> suggestions) =>
        $"unknown option {Quote(option)}" + DidYouMean(suggestions);

    public static string UnknownCommand(string command, IReadOnlyList<string> suggestions) =>
        $"unknown command {Quote(command)}" + DidYouMean(suggestions);

    public static string OptionNeedsValue(string option) => $"{Quote(option)} needs a value";

    public static string ExtraArgument(string argument, string command, IReadOnlyList<string> arguments) =>
        $"unexpected argument {Quote(argument)}: {command} takes " + (arguments.Count == 0 ? "no arguments" : string.Join(" ", arguments));

    [Sentences]

    public const string SeeHelp = "Run 'contactrules --help' for usage.";

    [Sentences]

    public static string SeeCommandHelp(string command) => $"Run 'contactrules {command} --help' for usage.";

    public const string NoCommand = "name a command";

    public static string OutputIsInput(string option, string path) =>
        $"{option} {path}: that is an input of this run; refusing to overwrite it";

    public static string OutputsCollide(string option, string other, string path) =>
        $"{option} {path}: {other} writes to the same file";

    // Notes and results.
    [Sentences]
    public static string CheckSummary(int read, int accepted, int rejected, int superseded, string counts) =>
        string.Create(CultureInfo.InvariantCulture, $"{read} records read: {accepted} judged, {rejected} rejected")
        + (superseded > 0 ? string.Create(CultureInfo.InvariantCulture, $", {superseded} superseded by a later version of the same case") : "")
        + $". Reachable: {counts}.";

    public static string ColumnExpected(string value) => $"--column {value}: expected FIELD=HEADER, e.g. --column caseid=ID";

    public static string ChannelCount(string title, int count) => string.Create(CultureInfo.InvariantCulture, $"{title} {count}");

    public static string NoSuchCase(string caseId, string input) => $"no case {caseId} in {input}";

    public static string LintOk(string path, int properties, int checks, int codes) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}: ok: {properties} properties, {checks} checks, {codes} error codes");

    /// <summary>What <c>lint --project</c> says of a project file that loaded: its gateways per tier.</summary>
    public static string LintProjectOk(string path, int gateways, int globalGateways, int byNameOnly, int languages) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{path}: ok: {gateways} project gateways, {globalGateways} global gateways ({byNameOnly} reached only by name), {languages} languages");

    private static string Quote(string text) => "`" + text + "`";

    private static string DidYouMean(IReadOnlyList<string> suggestions) =>
        suggestions.Count == 0 ? "" : "; did you mean " + Alternatives(suggestions.Select(Quote).ToList()) + "?";

    private static string Alternatives(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
    };

    // audit --by, --fixes, --apply-fixes.
    [Sentences]
    public const string ByDescription = "What the reasons are broken down by, to tell who should fix what: owner (the default: owner_id and owner_name), case_type or last_modified_by (the export's last_modified_by_user_username).";

    [Sentences]

    public const string FixesDescription = "Writes the repairs the rules suggest as a sheet CommCare's bulk case importer takes back (fixes.xlsx; a .csv name writes the import sheet as CSV and the review list beside it as NAME.changes.csv): case_id and one column per property that changes, one row per case with a certain repair; a second sheet lists each change for review.";

    [Sentences]

    public const string IncludeDescription = "Which repairs --fixes, --fixes-by-owner and --apply-fixes take: certain (the default) or likely (also the likely ones, listed with the two-way owner they would displace).";

    [Sentences]

    public const string FixesByOwnerDescription = "Writes one fix sheet per owner (owner_id) into this directory (created when missing), fixes-OWNER.xlsx, for a supervisor to hand out.";

    [Sentences]

    public const string ApplyFixesDescription = "Judges the cases again with the repairs applied, as one population (writing nothing), and prints the reach per channel before and after.";

    public const string RedactWithFixes = "--redact cannot be used with --fixes, --fixes-by-owner or --apply-fixes: a fix sheet is for import into CommCare and must hold the real values, and masked values cannot be judged again";

    public static string ByExpected(string value) => $"--by {value}: expected owner, case_type or last_modified_by";

    public static string IncludeExpected(string value) => $"--include {value}: expected certain or likely";
}
