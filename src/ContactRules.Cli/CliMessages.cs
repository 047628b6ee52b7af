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

    // Commands, as --help lists them.
    [Sentences]
    public const string CheckCommandDescription = "Judges every case: for each channel, whether it can reach the contact, and why not.";

    [Sentences]
    public const string ExplainCommandDescription = "Explains one case in full: each failed rule drawn with the values of its parts, with the description and fix of each error.";

    [Sentences]
    public const string RegisterCommandDescription = "Records case updates in a registry (SQLite file or PostgreSQL), which then knows who owns each number for two-way SMS.";

    [Sentences]
    public const string OwnersCommandDescription = "Lists, per number, the case that owns it for two-way SMS and the claimants in line.";

    [Sentences]
    public const string OptoutCommandDescription = "Adds, removes or lists numbers that opted out of SMS (PHONE_NUMBER_OPTED_OUT).";

    [Sentences]
    public const string ScheduleCommandDescription = "Says when a message scheduled for a local time goes out to each contact (UTC), in the contact's or the project's time zone.";

    [Sentences]
    public const string LintCommandDescription = "Checks a rule file: YAML, keys, channels, codes, and every expression, each problem at its line and column.";

    [Sentences]
    public const string TestCommandDescription = "Runs rule test files (*.tests.yaml): a line per test, and for a failure what was expected against what the rules gave, with the deciding rule drawn.";

    [Sentences]
    public const string InitCommandDescription = "Starts a project team's rules: a copy of a built-in rule file, its test suite, project settings with every key explained, and a README of the workflow. Never overwrites a file.";

    [Sentences]
    public const string EvalCommandDescription = "Evaluates a CEL expression, or a stream of JSON lines {\"expr\", \"bindings\"} from standard input.";

    [Sentences]
    public const string AuditCommandDescription = "Judges a whole case export on every core: a summary by channel and reason, results per case, and a shareable HTML report.";

    [Sentences]
    public const string DiffCommandDescription = "Shows what replacing one rule file by another does: per channel, the contacts that gain and lose eligibility, by reason, with examples.";

    [Sentences]
    public const string DocsCommandDescription = "Writes the Case Properties page and the error-description page of a rule file (Markdown or HTML).";

    [Sentences]
    public const string GenerateCommandDescription = "Makes a synthetic case export for tests and benchmarks: numbers from many countries, a chosen share of each flaw; the same for the same seed.";

    // Each command's own options and arguments.
    [Sentences]
    public const string CasesDescription =
        "Cases, any number, judged as one population: HQ's case export (xlsx, or the zip of CSVs), Case API v0.5 or v2 pages, "
        + "Data Export Tool CSV, JSON lines, gzip of any of these, or a directory of such files; - reads standard input.";

    [Sentences]
    public const string AuditOutDescription = "Writes one verdict per case: JSON lines (results.jsonl) or CSV (results.csv).";

    [Sentences]
    public const string AuditReportDescription = "Writes a self-contained HTML report: summary, chart of reasons per channel, searchable table of cases a channel cannot reach.";

    [Sentences]
    public const string AuditCoverageDescription = "Also reports which checks never passed or never failed on these cases, and which codes never came up.";

    [Sentences]
    public const string AuditThreadsDescription = "How many threads judge cases (default: one per core).";

    [Sentences]
    public const string DiffFormatDescription = "text (for people) or json (one object).";

    [Sentences]
    public const string DocsFormatDescription = "markdown or html.";

    [Sentences]
    public const string DocsOutDescription = "Where to write the pages (default: docs/<rule file name>).";

    [Sentences]
    public const string EvalExpressionDescription = "The CEL expression. Without it, JSON lines {\"expr\", \"bindings\", \"check\"} are read from standard input.";

    [Sentences]
    public const string EvalVariablesDescription = "Binds a variable to a JSON value (integral numbers are ints, other numbers doubles). Repeatable.";

    [Sentences]
    public const string EvalNoCheckDescription = "Evaluates without the static type checker.";

    [Sentences]
    public const string EvalTraceDescription = "Also draws the expression with the value of each of its parts.";

    [Sentences]
    public const string ExplainCaseIdDescription = "The id of the case to explain.";

    [Sentences]
    public const string GenerateCountDescription = "How many cases to make.";

    [Sentences]
    public const string GenerateSeedDescription = "The seed: the same seed and options give the same export.";

    [Sentences]
    public const string GenerateFormatDescription = "json (CommCare case API), jsonl (one case per line) or csv.";

    [Sentences]
    public const string GenerateSharesDescription = "The share of cases (0 to 1) with a flaw, e.g. --share not_verified=0.3; repeatable. Flaws: missing_phone, punctuated, national, wrong_length, not_verified, shared_number, closed, missing_email, invalid_email, unknown_time_zone, unknown_language, unknown_gateway, odd_text.";

    [Sentences]
    public const string GenerateOutDescription = "Where to write (default: standard output).";

    [Sentences]
    public const string InitDirectoryDescription = "Where to write the files (default: the current directory); created when missing.";

    [Sentences]
    public const string InitFromDescription = "The built-in rule file to start from: commcare-case-contact (the documented behaviour) or commcare-hq-compatible.";

    [Sentences]
    public const string LintStrictDescription = "Makes warnings errors (exit 1): unused codes, unreachable checks, a fallback on a required property, a normalize nobody reads.";

    [Sentences]
    public const string OptOutActionDescription = "add, remove or list.";

    [Sentences]
    public const string OptOutNumberDescription = "The number (E.164 digits) to add or remove.";

    [Sentences]
    public const string OwnersNumberDescription = "Only this number (E.164 digits).";

    [Sentences]
    public const string OwnersFormatDescription = "text (for people) or json (one object per number per line).";

    [Sentences]
    public const string RegisterBatchSizeDescription = "Updates recorded per transaction; a stopped run keeps every finished batch.";

    [Sentences]
    public const string RegisterFullDescription = "With --from: asks for every case, not only those indexed since the registry's last sync (its cursor still only moves forward).";

    [Sentences]
    public const string FromDescription = "Reads the cases of a CommCare project over the Case API: https://HOST/a/DOMAIN (instead of a file).";

    [Sentences]
    public const string FromCaseTypesDescription = "With --from: only cases of this type (repeatable).";

    [Sentences]
    public const string FromOwnerIdDescription = "With --from: only cases owned by this user, group or location.";

    [Sentences]
    public const string FromClosedDescription = "With --from: only closed (true) or open (false) cases.";

    [Sentences]
    public const string FromModifiedSinceDescription = "With --from: only cases modified on or after this date (HQ's last_modified.gte).";

    [Sentences]
    public const string FromIndexedSinceDescription = "With --from: only cases indexed on or after this date (HQ's indexed_on.gte).";

    [Sentences]
    public const string FromApiKeyEnvDescription = "With --from: the environment variable holding the API key (default COMMCARE_API_KEY, with COMMCARE_USERNAME).";

    [Sentences]
    public const string FromCredentialsDescription = "With --from: an owner-only file holding one line USERNAME:APIKEY.";

    [Sentences]
    public const string FromPageSizeDescription = "With --from: cases per page (default 1000, HQ's maximum 5000).";

    [Sentences]
    public const string FromSavePagesDescription = "With --from: writes each page exactly as received into DIR (page-00001.json, …); DIR can be read back as case input.";

    [Sentences]
    public const string FromRequestTimeoutDescription = "With --from: how long one request may take before it is retried (default 60).";

    [Sentences]
    public const string FromRetriesDescription = "With --from: how often a 429, 5xx or timeout is retried (default 4).";

    [Sentences]
    public const string ScheduleDateDescription = "The local date of the send (default: the next time the local time comes round in each contact's zone).";

    [Sentences]
    public const string ScheduleTimeDescription = "The local time of the send, in each contact's time zone.";

    [Sentences]
    public const string CaseReadingSheetDescription = "The sheet of an xlsx workbook to read (default: the first).";

    [Sentences]
    public const string CaseReadingColumnDescription = "A renamed export header: the case field or property it holds, e.g. --column caseid=ID (repeatable; adds to the project file's columns:).";

    [Sentences]
    public const string TestFilterDescription = "Runs only the tests whose name contains NAME (ignoring case).";

    [Sentences]
    public const string TestFailOnEmptyDescription = "Fails (exit 1) when no test ran, e.g. when --filter matches none.";

    [Sentences]
    public const string TestFormatDescription = "text (a line per test), json (one object) or junit (JUnit XML, which CI systems read).";

    [Sentences]
    public const string TestCoverageDescription = "Reports, per rule file, which checks the tests saw pass and fail, which codes they produced, which properties they tried present and missing.";

    [Sentences]
    public const string TestCoverageMinDescription = "Fails (exit 1) when checks, codes or properties are covered below PERCENT (implies --coverage).";

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
