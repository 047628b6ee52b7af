using ContactRules.Cli;
using ContactRules.Cli.Commands;
using Spectre.Console.Cli;

System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("contactrules");
    config.SetApplicationVersion(VersionInfo.Describe());
    config.SetExceptionHandler((exception, _) => ExitCodes.Report(exception));

    config.AddCommand<CheckCommand>("check")
        .WithDescription("Judges every case: for each channel, whether it can reach the contact, and why not.")
        .WithExample("check", "examples/cases.json")
        .WithExample("check", "cases.csv", "--rules", "commcare-hq-compatible.yaml", "--project", "examples/project.yaml", "--format", "json")
        .WithExample("check", "examples/cases.json", "--registry", "contacts.db");
    config.AddCommand<ExplainCommand>("explain")
        .WithDescription("Explains one case in full: each failed rule drawn with the values of its parts, with the description and fix of each error.")
        .WithExample("explain", "c-punctuated", "examples/cases.json", "--project", "examples/project.yaml");
    config.AddCommand<RegisterCommand>("register")
        .WithDescription("Records case updates in a registry (SQLite file or PostgreSQL), which then knows who owns each number for two-way SMS.")
        .WithExample("register", "examples/cases.json", "--registry", "contacts.db")
        .WithExample("register", "updates.jsonl", "--registry", "postgresql://contactrules@db.example.org/registry", "--project", "examples/project.yaml");
    config.AddCommand<OwnersCommand>("owners")
        .WithDescription("Lists, per number, the case that owns it for two-way SMS and the claimants in line.")
        .WithExample("owners", "--registry", "contacts.db")
        .WithExample("owners", "254712345678", "--registry", "contacts.db", "--format", "json");
    config.AddCommand<OptOutCommand>("optout")
        .WithDescription("Adds, removes or lists numbers that opted out of SMS (PHONE_NUMBER_OPTED_OUT).")
        .WithExample("optout", "add", "254712345678", "--registry", "contacts.db")
        .WithExample("optout", "list", "--registry", "contacts.db");
    config.AddCommand<ScheduleCommand>("schedule")
        .WithDescription("Says when a message scheduled for a local time goes out to each contact (UTC), in the contact's or the project's time zone.")
        .WithExample("schedule", "examples/cases.json", "--date", "2026-03-08", "--time", "02:30")
        .WithExample("schedule", "examples/cases.json", "--project", "examples/project.yaml", "--time", "09:00", "--format", "json");
    config.AddCommand<LintCommand>("lint")
        .WithDescription("Checks a rule file: YAML, keys, channels, codes, and every expression, each problem at its line and column.")
        .WithExample("lint", "rules/commcare-case-contact.yaml")
        .WithExample("lint", "my-rules.yaml", "--project", "examples/project.yaml");
    config.AddCommand<EvalCommand>("eval")
        .WithDescription("Evaluates a CEL expression, or a stream of JSON lines {\"expr\", \"bindings\"} from standard input.")
        .WithExample("eval", "\"size('πέντε') + 1\"")
        .WithExample("eval", "\"value.startsWith('91')\"", "--var", "value=\"919812345678\"")
        .WithExample("eval", "<", "suite.jsonl");
    config.AddCommand<AuditCommand>("audit")
        .WithDescription("Judges a whole case export on every core: a summary by channel and reason, results per case, and a shareable HTML report.")
        .WithExample("audit", "cases.csv", "--project", "examples/project.yaml", "--out", "results.jsonl", "--report", "report.html")
        .WithExample("audit", "cases.json", "--format", "json", "--redact");
    config.AddCommand<DiffCommand>("diff")
        .WithDescription("Shows what replacing one rule file by another does: per channel, the contacts that gain and lose eligibility, by reason, with examples.")
        .WithExample("diff", "examples/cases.json", "--rules", "commcare-case-contact.yaml", "--against", "commcare-hq-compatible.yaml");
    config.AddCommand<DocsCommand>("docs")
        .WithDescription("Writes the Case Properties page and the error-description page of a rule file (Markdown or HTML).")
        .WithExample("docs")
        .WithExample("docs", "--rules", "commcare-hq-compatible.yaml", "--format", "html", "--out", "site");
    config.AddCommand<GenerateCommand>("generate")
        .WithDescription("Makes a synthetic case export for tests and benchmarks: numbers from many countries, a chosen share of each flaw; the same for the same seed.")
        .WithExample("generate", "1000", "--seed", "7", "--format", "csv", "--out", "cases.csv")
        .WithExample("generate", "100", "--share", "not_verified=0.5");
});
return app.Run(CommandLineArguments.Protect(args));
