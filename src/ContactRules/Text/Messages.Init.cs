namespace ContactRules.Text;

/// <summary>The texts <c>init</c> writes.</summary>
internal static partial class Messages
{
    public const string StarterProject = """
        # Project settings: what the rules read as `project`. Pass them with `--project project.yaml`.
        # Every key is optional; the values below are the defaults.

        # The project's name, as messages show it (project.name).
        name: my-project

        # The IANA time zone send times are read in when a case has no usable time_zone of its own.
        time_zone: UTC

        # The language codes of the project's SMS Languages page; a case's language_code must be one.
        languages: [en]

        # The language used when a case has none, or one not in `languages`; it must be in `languages`.
        default_language: en

        # The gateways, each with the number prefixes it serves (digits, country code first); the longest
        # matching prefix wins, and "*" is the catch-all. With no gateways at all, routing is not checked.
        gateways: []
        #  - { name: MTN-IN, prefixes: ["91"] }
        #  - { name: TWILIO, prefixes: ["*"] }

        # The server-wide gateways, in the same form: the rules consult them only when the project's own
        # gateways, catch-all included, serve no number, and look a case's gateway name up here after those.
        global_gateways: []

        """;

    public static string StarterReadme(string from) => $"""
        # Our contact rules

        Started with `contactrules init --from {from}`. The files:

        | file | what it is |
        |---|---|
        | `rules.yaml` | the rule file: which case properties each channel needs, and their checks (CEL) |
        | `rules.tests.yaml` | what the rules must decide, case by case; `contactrules test` holds them to it |
        | `project.yaml` | the project settings the rules read as `project` (time zone, languages, gateways) |
        | `schemas/` | JSON Schemas your editor checks both YAML files with (the `yaml-language-server` comment) |

        ## The workflow

        1. **Edit** `rules.yaml`: tighten or loosen a check, add a property, change a message.
        2. **Lint** it: every problem at once, at its line and column.
           `contactrules lint rules.yaml --project project.yaml`
        3. **Test** it: a line per test; a failure shows what was expected, what the rules gave, and the
           rule that decided, drawn with its values. Change `rules.tests.yaml` to say what the rules must now
           decide, and keep every check covered:
           `contactrules test . --coverage --coverage-min 100`
        4. **Diff** it on a real export: who gains and who loses each channel, and why.
           `contactrules diff cases.csv --rules {from}.yaml --against rules.yaml --project project.yaml`
        5. **Document** it: the Case Properties and error pages, from the rules in force.
           `contactrules docs --rules rules.yaml --out docs`

        Run the tests in CI with `contactrules test . --format junit > rule-tests.xml`.

        """;

    public static string InitExists(string path) => $"{path} already exists; init writes only new files, so nothing was written";

    public static string InitWrote(string path) => $"wrote {path}";
}
