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
        .WithExample("check", "cases.csv", "--rules", "commcare-hq-compatible.yaml", "--project", "examples/project.yaml", "--format", "json");
    config.AddCommand<ExplainCommand>("explain")
        .WithDescription("Explains one case in full: each failed rule drawn with the values of its parts, with the description and fix of each error.")
        .WithExample("explain", "c-punctuated", "examples/cases.json", "--project", "examples/project.yaml");
    config.AddCommand<LintCommand>("lint")
        .WithDescription("Checks a rule file: YAML, keys, channels, codes, and every expression, each problem at its line and column.")
        .WithExample("lint", "rules/commcare-case-contact.yaml")
        .WithExample("lint", "my-rules.yaml", "--project", "examples/project.yaml");
    config.AddCommand<EvalCommand>("eval")
        .WithDescription("Evaluates a CEL expression, or a stream of JSON lines {\"expr\", \"bindings\"} from standard input.")
        .WithExample("eval", "\"size('πέντε') + 1\"")
        .WithExample("eval", "\"value.startsWith('91')\"", "--var", "value=\"919812345678\"")
        .WithExample("eval", "<", "suite.jsonl");
});
return app.Run(CommandLineArguments.Protect(args));
