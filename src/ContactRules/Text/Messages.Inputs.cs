using System.Globalization;
using ContactRules.Contacts;
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

    public static string ProjectUnknownCountry(string region, string? suggestion) =>
        $"unknown country {Quote(region)}; use the ISO 3166 code of a region with phone numbers, in capitals, such as `IN` or `KE`" + DidYouMean(suggestion);

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

    public static string CaseListWithoutId(string key) =>
        $"the record has no case id but a list of cases under {Quote(key)}: it is a Case API page, not a case; "
        + "a file named .jsonl is read line by line, so give a page the extension .json to read its cases";

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


    public static string CsvFieldCount(int found, int expected) =>
        string.Create(CultureInfo.InvariantCulture, $"the row has {found} fields but the header has {expected}; it is skipped");

    public static string InvalidCsv(string detail) => "invalid CSV: " + detail;

    public static string CsvColumn(int index, string header) =>
        string.Create(CultureInfo.InvariantCulture, $"column {index + 1} ({Quote(header.Trim())})");

    public static string Cell(string name) => "cell " + name;

    public static string CellProblem(string cell, string problem) => $"cell {cell}: {problem}; the record is skipped";

    public static string CellOutsideHeader(string cell) => $"cell {cell} has a value but its column has no header; the record is skipped";

    public static string TableNoIdColumn(IEnumerable<string> headers)
    {
        var seen = string.Join(", ", headers.Select(Quote));
        return "the header has no case id column (`caseid`, `case_id` or `id`), so no case can be read; the headers are: "
            + (seen.Length == 0 ? "(none)" : seen)
            + ". If one of them holds the case id, map it: `--column caseid=HEADER`, or `columns: {caseid: HEADER}` in the project file";
    }

    public static string TableTwoIdColumns(string first, string firstAt, string second, string secondAt) =>
        $"two columns hold the case id: {Quote(first)} ({firstAt}) and {Quote(second)} ({secondAt}); keep one, or map the right one with `--column caseid=HEADER`";

    public static string TableDuplicateColumn(string name, string firstAt, string secondAt) =>
        $"the column {Quote(name)} is given twice, {firstAt} and {secondAt}; the later one's values are used";

    public static string JsonKeyTwice(string name, string firstAt, string secondAt) =>
        $"the key {Quote(name)} is given twice in this case, at {firstAt} and {secondAt}; the later value is used";

    public static string JsonPropertyTwice(string name, string firstAt, string secondAt) =>
        $"the property {Quote(name)} is given twice in this case's `properties`, at {firstAt} and {secondAt}; the later value is used";

    public static string JsonIdKeyTwice(string name, string firstAt, string secondAt) =>
        $"the case id key {Quote(name)} is given twice with different values, at {firstAt} and {secondAt}, so it is not known which case this is; the record is skipped";

    public static string ValueTooLong(string name, int length, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"the value of {Quote(name)} has {length} characters, more than the limit of {limit}; the record is skipped");

    public static string CsvHeaderTooLarge(long size, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"the header row has {size} bytes, more than the limit of {limit} for a row, so no column can be read; {ReadingStopped}");

    public static string RecordTooLarge(long size, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"the record has {size} bytes, more than the limit of {limit}; it is skipped");

    public static string ArchivesNestedTooDeeply(int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"archives and compressed files are nested more than {limit} deep; the innermost are not read");

    public const string Utf16WithoutMark =
        "the file is not UTF-8: it looks like UTF-16 without a byte-order mark; save it as UTF-8 (or as UTF-16 with a byte-order mark)";

    public const string NotACaseFile =
        "the file is not UTF-8 text, nor a zip archive, an xlsx workbook or a gzip file, so no case can be read from it";

    public static string CompressedDataDamaged(string name, string detail) => $"the compressed data of {name} is damaged ({detail.TrimEnd('.')})";

    public static string DecompressionRefused(string name, long read, InputLimits limits) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{(name.Length == 0 ? "the input" : name)} unpacks to more than the limit ({read} bytes so far; the limit is {limits.Describe()}); it is refused as a possible zip bomb");

    public static string ZipDamaged(string detail) =>
        $"the zip archive is damaged or truncated ({detail.TrimEnd('.')}); download it again";

    public const string ZipEmpty = "the zip archive holds no files";

    public const string XlsxNoSheets = "the workbook has no sheets";

    public static string XlsxNoSuchSheet(string sheet, IEnumerable<string> sheets) =>
        $"the workbook has no sheet {Quote(sheet)}; its sheets are {string.Join(", ", sheets.Select(Quote))}";

    public static string XlsxMissingPart(string part) => $"the workbook has no part {Quote(part)}; it is damaged";

    public static string XlsxBrokenPart(string detail) => "the workbook part is broken: " + detail;

    public static string XlsxBrokenStrings(string detail, int kept) =>
        string.Create(CultureInfo.InvariantCulture, $"the shared strings part is broken after {kept} strings ({detail}); cells that use a later string are rejected");

    public static string XlsxBrokenSheet(string detail, string position) =>
        "the sheet's XML is broken" + (position.Length > 0 ? " at " + position : "") + ": " + detail;

    public static string XlsxBadStringIndex(string value) => $"{Quote(value)} is not a shared string number";

    public static string XlsxStringMissing(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"it uses shared string {index}, which the workbook does not have");

    public static string XlsxStringLost(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"it uses shared string {index}, lost where the shared strings part is broken");

    public const string PopulationSettled = "the latest versions of the cases are already known: the input is not settled twice";

    public const string PopulationNotSettled = "the latest versions of the cases are not known yet: the input has not been read";

    public static string CaseSuperseded(string id, string latestAt, int versions) =>
        string.Create(CultureInfo.InvariantCulture, $"the case {Quote(id)} is given {versions} times; its latest version, at {latestAt}, is judged and this one is superseded");

    /// <summary>What a summary adds when some records were superseded by later versions of their case.</summary>
    [Sentences]
    public static string SupersededNote(int superseded) =>
        superseded == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" {superseded} records were superseded by a later version of the same case.");

    public const string JsonMissingComma = "a comma is missing before this case; reading goes on with it";

    public static string InvalidUtf8(long offset, byte value) =>
        string.Create(CultureInfo.InvariantCulture, $"the record is not valid UTF-8: byte 0x{value:X2} at byte offset {offset} of the file; it is skipped");

    public static string InvalidUtf8InRecord(int offset, byte value) =>
        string.Create(CultureInfo.InvariantCulture, $"the record is not valid UTF-8: byte 0x{value:X2} at byte offset {offset} of the record; it is skipped");
}
