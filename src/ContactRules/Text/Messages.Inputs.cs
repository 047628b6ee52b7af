using System.Globalization;
using ContactRules.Yaml;

namespace ContactRules.Text;

// Messages about input files: YAML structure, project settings and case exports.
internal static partial class Messages
{
    public static string YamlSyntaxError(string detail) => "invalid YAML: " + detail;

    public static string YamlNestedTooDeeply(int limit) => $"YAML nested too deeply (the limit is {limit} levels)";

    public static string YamlFileTooLarge(int limitBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"the file is larger than {limitBytes / (1024 * 1024)} MB, the limit for rule and project files");

    public const string YamlUnparsable = "the text here cannot be parsed (check quotes, brackets, indentation and tags)";

    public static string YamlUnknownAlias(string alias) => "the alias *" + alias + " refers to no anchor";

    private static string KindName(YamlNodeKind kind) => kind switch
    {
        YamlNodeKind.Mapping => "a mapping",
        YamlNodeKind.Sequence => "a list",
        _ => "a single value",
    };

    public static string YamlWrongKind(string what, YamlNodeKind expected, YamlNodeKind? found) =>
        $"expected {KindName(expected)} for {what}, found {(found is { } kind ? KindName(kind) : "nothing")}";

    public static string YamlEmptyValue(string what) => what + " must not be empty";

    public static string YamlNotAnInteger(string what, string text) => $"{what} must be a whole number, found {Quote(text)}";

    public static string YamlNotABoolean(string what, string text) => $"{what} must be true or false, found {Quote(text)}";

    public static string YamlKeyNotAScalar(string what) => $"a key in {what} must be a plain name";

    public static string YamlDuplicateKey(string key, string what, int firstLine) =>
        string.Create(CultureInfo.InvariantCulture, $"duplicate key {Quote(key)} in {what} (first given on line {firstLine})");

    public static string YamlUnknownKey(string key, string what, string? suggestion) =>
        $"unknown key {Quote(key)} in {what}" + DidYouMean(suggestion);

    public static string YamlMissingKey(string key, string what) => $"missing key {Quote(key)} in {what}";

    /// <summary>The one-suggestion form of <see cref="DidYouMean(IReadOnlyList{string})"/>.</summary>
    private static string DidYouMean(string? suggestion) => DidYouMean(suggestion is null ? [] : [suggestion]);

    /// <summary>How messages name a key of an input file: <c>`time_zone`</c>.</summary>
    public static string Key(string key) => Quote(key);

    public static string FileUnreadable(string detail) => "cannot read the file: " + detail;

    public const string ProjectFileEmpty = "the project settings file is empty";

    public const string ProjectLanguageWhat = "a language code";

    public const string ProjectGatewayWhat = "a gateway";

    public const string ProjectPrefixWhat = "a number prefix";

    public const string ProjectNoLanguages = "`languages` must list at least one language code";

    public const string ProjectNoPrefixes = "`prefixes` must list at least one number prefix, or `*` for all numbers";

    public static string ProjectUnknownTimeZone(string id, string? suggestion) =>
        $"unknown time zone {Quote(id)}; use an IANA time zone id such as `Asia/Kolkata`" + DidYouMean(suggestion);

    public static string ProjectLanguageCodeHasSpaces(string code) => $"the language code {Quote(code)} contains spaces";

    public static string ProjectDuplicateLanguage(string code) => $"the language code {Quote(code)} is listed twice";

    public static string ProjectDefaultLanguageNotListed(string code, IEnumerable<string> languages) =>
        $"the default language {Quote(code)} is not one of `languages` ({string.Join(", ", languages.Select(Quote))})";

    public static string ProjectDuplicateGateway(string name, int firstLine) =>
        string.Create(CultureInfo.InvariantCulture, $"the gateway {Quote(name)} is defined twice (first on line {firstLine}); names are compared ignoring case");

    public static string ProjectBadPrefix(string prefix) =>
        $"the number prefix {Quote(prefix)} must be digits only, country code first (no `+`), or `*` for all numbers";

    public static string ProjectPrefixTaken(string prefix, string gateway) =>
        $"the number prefix {Quote(prefix)} is already routed to the gateway {Quote(gateway)}";

    public const string CaseWithoutId = "the record has no case id (`case_id`), so it is skipped";

    public static string CaseBadFlag(string field, string raw) =>
        $"{Quote(field)} must be true or false (or 1 or 0), found {Quote(raw)}; the record is skipped";

    public static string JsonKindName(System.Text.Json.JsonTokenType token) => token switch
    {
        System.Text.Json.JsonTokenType.StartObject => "an object",
        System.Text.Json.JsonTokenType.StartArray => "a list",
        System.Text.Json.JsonTokenType.String => "a string",
        System.Text.Json.JsonTokenType.Number => "a number",
        System.Text.Json.JsonTokenType.True or System.Text.Json.JsonTokenType.False => "a boolean",
        System.Text.Json.JsonTokenType.Null => "null",
        _ => "nothing",
    };

    public static string CaseNotAnObject(string found) => $"a case must be a JSON object, found {found}; it is skipped";

    public static string CasePropertiesNotAnObject(string found) =>
        $"`properties` must be a JSON object, found {found}; the record is skipped";

    public static string CaseFieldNotAValue(string field) =>
        $"{Quote(field)} must be a single value, not an object or a list; the record is skipped";

    public const string JsonInvalidText = "the record contains text that is not valid UTF-8; it is skipped";

    /// <summary>System.Text.Json's own explanation, without the position it appends (the diagnostic has it).</summary>
    public static string InvalidJson(System.Text.Json.JsonException e)
    {
        var detail = e.Message;
        var cut = detail.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = detail.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }
        return "invalid JSON: " + (cut >= 0 ? detail[..cut] : detail).TrimEnd('.', ' ');
    }

    public const string JsonNoCases = "expected a list of cases, or an object with a `cases` list";

    public static string JsonCasesNotAList(string found) => $"`cases` must be a list, found {found}";

    public const string ReadingStopped = "reading this file stopped here";

    public const string JsonTruncated = "the JSON ends in the middle of a value";

    public const string CsvNoIdColumn = "the CSV header has no `case_id` (or `caseid`) column, so no case can be read";

    public static string CsvFieldCount(int found, int expected) =>
        string.Create(CultureInfo.InvariantCulture, $"the row has {found} fields but the header has {expected}; it is skipped");

    public static string InvalidCsv(string detail) => "invalid CSV: " + detail;
}
