using System.Globalization;
using ContactRules.Diagnostics;

namespace ContactRules.Text;

/// <summary>Messages of loading rule files.</summary>
internal static partial class Messages
{
    public const string RuleFileEmpty = "the rule file is empty";

    public const string MessageAndMessageExpression = "a check has either `message` or `messageExpression`, not both";

    public const string SuggestOnContactCheck = "`suggest` repairs the value of a property, but a contact check concerns no one property";

    public const string ConfidenceWithoutSuggest = "`confidence` says how sure a `suggest` repair is, but this check has no `suggest`";

    public static string RuleFileVersion(long version) =>
        string.Create(CultureInfo.InvariantCulture, $"rule_file is {version}, but this version of ContactRules reads rule_file 1");

    public static string UnknownChannel(string channel, string? suggestion) =>
        $"unknown channel {Quote(channel)}{DidYouMean(suggestion)}";

    public static string CodeNotInCatalogue(string code, string? suggestion) =>
        $"the code {Quote(code)} is not in the `errors` catalogue{DidYouMean(suggestion)}";

    public static string SenderFieldTwice(string field, string first) =>
        $"only one property can provide the {field.ToLowerInvariant()}, and {Quote(first)} already does";

    public static string InvalidCode(string code) =>
        $"{Quote(code)} is not a code: codes are upper-case letters, digits and underscores, like PHONE_NUMBER_FORMAT";

    public static string NotOneOf(string what, string value, IEnumerable<string> allowed, string? suggestion) =>
        $"{what} is {Quote(value)}, but must be one of {string.Join(", ", allowed.Select(Quote))}{DidYouMean(suggestion)}";

    public static string IncludesCycle(IEnumerable<string> cycle) =>
        $"channels include each other in a cycle: {string.Join(" includes ", cycle.Select(Quote))}";

    public static string BuiltInRulesBroken(string name, IEnumerable<Diagnostic> diagnostics) =>
        $"the built-in rule file {name} does not load: {string.Join("; ", diagnostics)}";

    public static string NoSuchBuiltInRules(string name, IEnumerable<string> names) =>
        $"there is no built-in rule file {Quote(name)}; there are {string.Join(", ", names.Select(Quote))}";

    // Subjects: what a message about a YAML node is about (<c>check 2 of property `x` must be a mapping</c>).
    public const string SubjectRuleFile = "the rule file";

    public const string SubjectProject = "the project settings";

    public const string SubjectTestFile = "the test file";

    public static string SubjectChannel(string id) => "channel " + Quote(id);

    public static string SubjectProperty(string name) => "property " + Quote(name);

    public static string SubjectError(string code) => "error " + Quote(code);

    public static string SubjectCheck(int position, string owner) =>
        string.Create(CultureInfo.InvariantCulture, $"check {position} of {owner}");

    public static string SubjectMissing(string property) => Quote("missing") + " of " + property;

    public static string SubjectChannelsOf(string property) => "channels of " + property;

    public static string SubjectColumn(string field) => Key("columns") + " " + Key(field);

    public static string SubjectOwnerOf(string number) => "the owner of " + Quote(number);

    public const string SubjectOptedOutNumber = "an opted-out number";

    public const string SubjectClaim = "a claim";

    public static string SubjectTest(int position) => string.Create(CultureInfo.InvariantCulture, $"test {position}");

    public static string SubjectCaseOf(int position, string test) =>
        string.Create(CultureInfo.InvariantCulture, $"case {position} of {test}");

    public const string SubjectValue = "a value";

    public const string SubjectExpectedValue = "an expected value";

    public const string SubjectCode = "a code";

    public const string SubjectPropertyKey = "a property";
}
