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

    // What a failed test shows under a mismatch.
    public const string TestNoReasonsExpected = "no reasons were expected by name";

    /// <summary>The codes a test expects: <c>A, B</c>, or <c>A, B (only)</c> when no other code may come.</summary>
    public static string TestExpectedCodes(IEnumerable<string> codes, bool only) => string.Join(", ", codes) + (only ? " (only)" : "");

    /// <summary>A setting as a test shows it: <c>Asia/Kolkata from the case</c>; <paramref name="fromCase"/> is null when the source is not known.</summary>
    public static string TestSetting(string value, bool? fromCase) =>
        value + (fromCase is { } c ? " from the " + (c ? "case" : "project") : "");

    public static string TestCheckNotReached(string code) =>
        $"{code}: its check was not reached (an earlier check decided, or the property is missing)";

    public static string TestNoCheckGives(string code) =>
        $"{code}: no check gives it (a `missing` code is given only when the property is missing)";

    /// <summary>The heading of a drawn failed rule of an actual reason; the drawing follows on the next lines.</summary>
    public static string TestReasonDrawing(string code, string? property, string drawing) =>
        $"{code} failed{(property is null ? "" : " on " + property)}:\n{drawing}";

    /// <summary>The heading of a check the test expected to fail, as it was evaluated; the drawing follows on the next lines.</summary>
    public static string TestCheckDrawing(string code, bool passed, string location, string? drawing) =>
        $"{code} {(passed ? "passed" : "failed")} at {location}:\n{drawing}";
}


/// <summary>The report of a test run and of its coverage.</summary>
internal static partial class Messages
{
    /// <summary>Where a failed test is written, and the source its case came from when it names one.</summary>
    public static string TestAt(string location, string? source) => "at " + location + (source is null ? "" : " (" + source + ")");

    public static string TestMismatch(string what, string expected, string actual) => $"{what}: expected {expected}, got {actual}";

    public static string TestTotals(int tests, int passed, int failed) =>
        string.Create(CultureInfo.InvariantCulture, $"{tests} tests, {passed} passed, {failed} failed");

    public static string CoverageHeading(string rules) => "Coverage of " + rules;

    public static string CoverageCheckName(string owner, int position, string code) =>
        string.Create(CultureInfo.InvariantCulture, $"{owner} check {position} ({code})");

    public const string CoverageChecks = "checks (passing and failing)";

    public const string CoverageCodes = "codes of the catalogue produced";

    public const string CoverageProperties = "properties (present and missing)";

    /// <summary>A check's line of the coverage report: <c>contact_phone_number check 2 (CODE): never failed (passed 3, failed 0)</c>.</summary>
    public static string CoverageCheck(string check, bool reached, long passed, long failed)
    {
        var state = !reached ? "never reached"
            : failed == 0 ? "never failed"
            : passed == 0 ? "never passed"
            : "passed and failed";
        return string.Create(CultureInfo.InvariantCulture, $"{check}: {state} (passed {passed}, failed {failed})");
    }

    public static string CoverageCode(string code, long produced) => produced > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{code}: produced {produced} times")
        : code + ": never produced";

    public static string CoverageProperty(string property, long present, long missing) =>
        string.Create(CultureInfo.InvariantCulture, $"{property}: present {present}, missing {missing}");
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
