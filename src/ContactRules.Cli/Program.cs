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

    config.AddCommand<EvalCommand>("eval")
        .WithDescription("Evaluates a CEL expression, or a stream of JSON lines {\"expr\", \"bindings\"} from standard input.")
        .WithExample("eval", "\"size('πέντε') + 1\"")
        .WithExample("eval", "\"value.startsWith('91')\"", "--var", "value=\"919812345678\"")
        .WithExample("eval", "<", "suite.jsonl");
});
return app.Run(args);
