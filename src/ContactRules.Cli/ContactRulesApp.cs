using System.Reflection;
using ContactRules.Cli.Commands;
using ContactRules.Text;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ContactRules.Cli;

/// <summary>
/// The <c>contactrules</c> command line: its commands, their help and examples, and the rules that make
/// it strict (an unknown option or an extra argument is a usage error, exit 2, with a suggestion). It runs
/// on the <see cref="Terminal"/> it is given, so tests run it in process on a recording console.
/// </summary>
internal static class ContactRulesApp
{
    private const string Name = "contactrules";

    /// <summary>Each command's name and the settings type that declares its arguments and options.</summary>
    private static readonly Dictionary<string, Type> SettingsOf = new(StringComparer.Ordinal);

    public static int Run(IReadOnlyList<string> args, Terminal terminal)
    {
        if (args.Count == 0)
        {
            // No command is a usage error: help goes to standard error, and the exit code says so.
            Build(terminal, terminal.HelpError, args).Run(["--help"]);
            return ExitCodes.Usage;
        }
        return Build(terminal, terminal.HelpOut, args).Run(CommandLineArguments.Protect(args));
    }

    private static CommandApp Build(Terminal terminal, IAnsiConsole help, IReadOnlyList<string> args)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName(Name);
            config.SetApplicationVersion(VersionInfo.Describe());
            config.Settings.StrictParsing = true;
            config.Settings.Console = help;
            config.Settings.Registrar.RegisterInstance(terminal);
            config.SetInterceptor(new TerminalOptions(terminal));
            config.SetExceptionHandler((exception, _) => ExitCodes.Report(exception, terminal, args));
            AddCommands(config);
        });
        return app;
    }

    private static ICommandConfigurator Add<TCommand>(IConfigurator config, string name)
        where TCommand : class, ICommand
    {
        var settings = typeof(TCommand).BaseType!.GetGenericArguments()[0];
        lock (SettingsOf)
        {
            SettingsOf[name] = settings;
        }
        return config.AddCommand<TCommand>(name);
    }

    private static void AddCommands(IConfigurator config)
    {
        Add<CheckCommand>(config, "check")
            .WithDescription(CliMessages.CheckCommandDescription)
            .WithExample("check", "examples/cases.json")
            .WithExample("check", "cases.csv", "--rules", "commcare-hq-compatible.yaml", "--project", "examples/project.yaml", "--format", "json")
            .WithExample("check", "examples/cases.json", "--registry", "contacts.db");
        Add<ExplainCommand>(config, "explain")
            .WithDescription(CliMessages.ExplainCommandDescription)
            .WithExample("explain", "c-punctuated", "examples/cases.json", "--project", "examples/project.yaml");
        Add<RegisterCommand>(config, "register")
            .WithDescription(CliMessages.RegisterCommandDescription)
            .WithExample("register", "examples/cases.json", "--registry", "contacts.db")
            .WithExample("register", "updates.jsonl", "--registry", "contacts.db", "--project", "examples/project.yaml");
        Add<OwnersCommand>(config, "owners")
            .WithDescription(CliMessages.OwnersCommandDescription)
            .WithExample("owners", "--registry", "contacts.db")
            .WithExample("owners", "254712345678", "--registry", "contacts.db", "--format", "json");
        Add<OptOutCommand>(config, "optout")
            .WithDescription(CliMessages.OptoutCommandDescription)
            .WithExample("optout", "add", "254712345678", "--registry", "contacts.db")
            .WithExample("optout", "list", "--registry", "contacts.db");
        Add<ScheduleCommand>(config, "schedule")
            .WithDescription(CliMessages.ScheduleCommandDescription)
            .WithExample("schedule", "examples/cases.json", "--date", "2026-03-08", "--time", "02:30")
            .WithExample("schedule", "examples/cases.json", "--project", "examples/project.yaml", "--time", "09:00", "--format", "json");
        Add<LintCommand>(config, "lint")
            .WithDescription(CliMessages.LintCommandDescription)
            .WithExample("lint", "rules/commcare-case-contact.yaml")
            .WithExample("lint", "my-rules.yaml", "--project", "examples/project.yaml");
        Add<TestCommand>(config, "test")
            .WithDescription(CliMessages.TestCommandDescription)
            .WithExample("test", "rules")
            .WithExample("test", "my-rules", "--coverage", "--coverage-min", "100")
            .WithExample("test", "rules/commcare-case-contact.tests.yaml", "--filter", "two-way", "--format", "junit");
        Add<InitCommand>(config, "init")
            .WithDescription(CliMessages.InitCommandDescription)
            .WithExample("init", "my-rules")
            .WithExample("init", "my-rules", "--from", "commcare-hq-compatible");
        Add<EvalCommand>(config, "eval")
            .WithDescription(CliMessages.EvalCommandDescription)
            .WithExample("eval", "\"size('πέντε') + 1\"")
            // Shown as a shell takes it: the single quotes keep the JSON string's double quotes.
            .WithExample("eval", "\"value.startsWith('91')\"", "--var", "'value=\"919812345678\"'")
            .WithExample("eval", "<", "suite.jsonl");
        Add<AuditCommand>(config, "audit")
            .WithDescription(CliMessages.AuditCommandDescription)
            .WithExample("audit", "cases.csv", "--project", "examples/project.yaml", "--out", "results.jsonl", "--report", "report.html")
            .WithExample("audit", "cases.json", "--format", "json", "--redact")
            .WithExample("audit", "cases.csv", "--project", "examples/project.yaml", "--fixes", "fixes.xlsx", "--apply-fixes", "--by", "owner");
        Add<DiffCommand>(config, "diff")
            .WithDescription(CliMessages.DiffCommandDescription)
            .WithExample("diff", "examples/cases.json", "--rules", "commcare-case-contact.yaml", "--against", "commcare-hq-compatible.yaml");
        Add<DocsCommand>(config, "docs")
            .WithDescription(CliMessages.DocsCommandDescription)
            .WithExample("docs")
            .WithExample("docs", "--rules", "commcare-hq-compatible.yaml", "--format", "html", "--out", "site");
        Add<GenerateCommand>(config, "generate")
            .WithDescription(CliMessages.GenerateCommandDescription)
            .WithExample("generate", "1000", "--seed", "7", "--format", "csv", "--out", "cases.csv")
            .WithExample("generate", "100", "--share", "not_verified=0.5");
    }

    /// <summary>
    /// What a usage error is about, in our words: an unknown option (with the closest ones the command
    /// takes), an option without its value, an argument too many, an unknown command (with the closest
    /// commands); null when it is none of these.
    /// </summary>
    public static string? Explain(IReadOnlyList<string> args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-'));
        Type? settings;
        lock (SettingsOf)
        {
            if (command is null || !SettingsOf.TryGetValue(command, out settings))
            {
                return command is null ? null : CliMessages.UnknownCommand(command, Suggestions.Closest(command, SettingsOf.Keys));
            }
        }
        var (options, arguments) = Parameters(settings);
        var rest = args.SkipWhile(a => a != command).Skip(1).ToList();
        var positional = 0;
        for (var i = 0; i < rest.Count; i++)
        {
            var argument = rest[i];
            if (argument == "--")
            {
                break;
            }
            if (argument.StartsWith('-') && char.IsAsciiLetter(argument.TrimStart('-').FirstOrDefault()))
            {
                var separator = argument.IndexOfAny(['=', ':']);
                var name = separator < 0 ? argument : argument[..separator];
                if (!options.TryGetValue(name, out var takesValue))
                {
                    var candidates = name.StartsWith("--", StringComparison.Ordinal) ? options.Keys.Where(o => o.StartsWith("--", StringComparison.Ordinal)) : options.Keys;
                    return CliMessages.UnknownOption(name, Suggestions.Closest(name, candidates));
                }
                if (takesValue && separator < 0)
                {
                    if (i + 1 == rest.Count || (rest[i + 1].StartsWith('-') && char.IsAsciiLetter(rest[i + 1].TrimStart('-').FirstOrDefault())))
                    {
                        return CliMessages.OptionNeedsValue(name);
                    }
                    i++;
                }
                continue;
            }
            if (++positional > arguments.Count && !arguments.IsVariadic)
            {
                return CliMessages.ExtraArgument(CommandLineArguments.Unprotect(argument), command, arguments.Names);
            }
        }
        return null;
    }

    public static bool IsCommand(string? name)
    {
        lock (SettingsOf)
        {
            return name is not null && SettingsOf.ContainsKey(name);
        }
    }

    private sealed record Positionals(IReadOnlyList<string> Names, bool IsVariadic)
    {
        public int Count => Names.Count;
    }

    /// <summary>Every spelling of every option the settings type declares (with dashes, and whether it takes a value), and its arguments.</summary>
    private static (Dictionary<string, bool> Options, Positionals Arguments) Parameters(Type settings)
    {
        var options = new Dictionary<string, bool>(StringComparer.Ordinal) { ["-h"] = false, ["--help"] = false, ["-?"] = false };
        var arguments = new List<(int Position, string Name, bool Variadic)>();
        foreach (var property in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is { } option)
            {
                var takesValue = option.ValueName is not null;
                foreach (var name in option.LongNames.Select(n => "--" + n).Concat(option.ShortNames.Select(n => "-" + n)))
                {
                    options[name] = takesValue;
                }
            }
            if (property.GetCustomAttribute<CommandArgumentAttribute>() is { } argument)
            {
                arguments.Add((argument.Position, argument.ValueName, property.PropertyType.IsArray));
            }
        }
        var ordered = arguments.OrderBy(a => a.Position).ToList();
        return (options, new Positionals([.. ordered.Select(a => a.Name)], ordered.Any(a => a.Variadic)));
    }

    /// <summary>Applies the options every command takes (<c>--no-color</c>, <c>--quiet</c>) to the terminal before the command runs.</summary>
    private sealed class TerminalOptions(Terminal terminal) : ICommandInterceptor
    {
        public void Intercept(CommandContext context, CommandSettings settings)
        {
            if (settings is CommonOptions common)
            {
                if (common.NoColor)
                {
                    terminal.NoColor();
                }
                terminal.Quiet = common.Quiet;
            }
        }
    }
}
