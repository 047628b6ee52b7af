using System.Globalization;

namespace ContactRules.Text;

/// <summary>Messages of rule test files, test runs, coverage, lint warnings and <c>init</c>.</summary>
internal static partial class Messages
{
    public const string TestFileEmpty = "the test file is empty";

    public const string TestFileNoTests = "the test file has no tests";

    public const string TestCaseAndCases = "a test has either `case` or `cases`, not both";

    public const string TestNoCase = "a test needs `case` (one case) or `cases` (several)";

    public const string TestNoExpectation = "no case of this test has an `expect`: it would test nothing";

    public const string TestValuesNeedProperty = "`values` needs `property`: the case property the values are given to";

    public const string TestPropertyNeedsValues = "`property` needs `values`: the list of values to try";

    public const string TestValuesOneCase = "`values` goes with one `case`, not with several";

    public const string TestValuesEmpty = "`values` is empty: list at least one value";

    public static string TestFileVersion(long version) =>
        string.Create(CultureInfo.InvariantCulture, $"rule_tests is {version}, but this version of ContactRules reads rule_tests 1");

    public static string TestDuplicateName(string name, int line) =>
        string.Create(CultureInfo.InvariantCulture, $"another test is named {Quote(name)} (line {line}); names must be unique so a failure names one test");

    public static string TestDuplicateCaseId(string id) => $"two cases of this test have the id {Quote(id)}";

    public static string TestUnknownProperty(string property, string? suggestion) =>
        $"the case is given {Quote(property)}, but the rule file has no such property{DidYouMean(suggestion)}";

    public static string TestUnknownCode(string code, string? suggestion) =>
        $"the code {Quote(code)} is in no check of the rule file nor its catalogue{DidYouMean(suggestion)}";

    public static string TestNoRules(string path) => $"the rule file {Quote(path)} is neither a file beside the test file nor a built-in one";

    public static string TestNotAFixture(string what) => $"{what} must be a mapping of case fields and properties";

    public static string TestValuesOnField(string field) =>
        $"{Quote(field)} is a case field, not a property: `values` are given to a property; write one test per value of a field";

    public static string TestBadTime(string what, string text) =>
        $"{what} is {Quote(text)}, which is not a time (e.g. 2024-01-31 or 2024-01-31T08:00:00Z)";

    public static string TestUnknownRepairedProperty(string property, string? suggestion) =>
        $"a repair is expected for {Quote(property)}, but the rule file has no such property{DidYouMean(suggestion)}";

    public static string TestSourceNotOneOf(string value) => $"source is {Quote(value)}, but must be `case` or `project`";

    public static string TestConfidenceNotOneOf(string value) => $"confidence is {Quote(value)}, but must be `certain` or `likely`";
}


/// <summary>The warnings of the catalogue-aware lint.</summary>
internal static partial class Messages
{
    public static string LintUnusedCode(string code) =>
        $"the code {Quote(code)} is in the catalogue, but no check and no `missing` gives it";

    public static string LintUnreachableCheck(string owner, int check, string code, int blocker, string blockerCode) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"check {check} of {owner} ({code}) is never reached: check {blocker} ({blockerCode}) can never pass, and a failed error check ends the property's checks");

    public static string LintRequiredFallback(string property, IEnumerable<string> channels) =>
        $"{Quote(property)} has a fallback, but {string.Join(", ", channels.Select(Quote))} requires it: a missing value closes that channel, the fallback is never used there";

    public static string LintUnusedNormalize(string property) =>
        $"the normalized value of {Quote(property)} is read by no check and provides nothing to a sender: the normalize has no effect";
}
