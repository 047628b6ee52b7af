using System.Collections.Immutable;
using System.Diagnostics;
using ContactRules.Auditing;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.RuleFiles;
using ContactRules.Text;

namespace ContactRules.Testing;

/// <summary>One expectation not met: what was checked, what the test wanted, what the rules gave, and the rules that decided, drawn.</summary>
internal sealed record TestMismatch(string What, string Expected, string Actual, SourceLocation Location, ImmutableArray<string> Drawings);

/// <summary>The outcome of one test (one row of a table-driven test).</summary>
internal sealed record TestResult(string File, string Name, string? Source, SourceLocation Location, ImmutableArray<TestMismatch> Mismatches, TimeSpan Elapsed)
{
    public bool Passed => Mismatches.IsEmpty;
}

/// <summary>
/// Runs the tests of a test file: each test's cases go through the one <see cref="JudgingRun"/> every command
/// uses (so ownership among them is settled as in an audit), and each verdict is held to its expectations.
/// A test that fails is judged again with every check drawn, so its failure shows the values of the rule that
/// decided it, even a check that passed where it should have failed.
/// </summary>
internal static class RuleTestRunner
{
    /// <summary>The results, in file order; only tests whose name contains <paramref name="filter"/> (ignoring case) when given.</summary>
    public static ImmutableArray<TestResult> Run(RuleTestFile file, string? filter = null, RuleCoverage? coverage = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var results = ImmutableArray.CreateBuilder<TestResult>();
        foreach (var test in file.Tests)
        {
            foreach (var (name, cases, location) in Instances(test))
            {
                if (filter is not null && !name.Contains(filter, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var started = Stopwatch.GetTimestamp();
                var mismatches = Judge(file, test, cases, coverage, draw: false);
                if (!mismatches.IsEmpty)
                {
                    mismatches = Judge(file, test, cases, null, draw: true);
                }
                results.Add(new TestResult(file.Path, name, test.Source, location, mismatches, Stopwatch.GetElapsedTime(started)));
            }
        }
        return results.ToImmutable();
    }

    /// <summary>A test as it runs: once, or once per value of its table, named after the value.</summary>
    private static IEnumerable<(string Name, ImmutableArray<TestCase> Cases, SourceLocation Location)> Instances(RuleTest test)
    {
        if (test.TableProperty is not { } property)
        {
            yield return (test.Name, test.Cases, test.Location);
            yield break;
        }
        foreach (var row in test.Rows)
        {
            var cases = test.Cases.Select(c => c with { Record = With(c.Record, property, row.Value) }).ToImmutableArray();
            yield return ($"{test.Name} [{row.Value ?? "~"}]", cases, row.Location);
        }
    }

    private static CaseRecord With(CaseRecord record, string property, string? value)
    {
        var properties = new Dictionary<string, string>(record.Properties, StringComparer.Ordinal);
        if (value is null)
        {
            properties.Remove(property);
        }
        else
        {
            properties[property] = value;
        }
        return record with { Properties = properties.AsReadOnly() };
    }

    private static ImmutableArray<TestMismatch> Judge(RuleTestFile file, RuleTest test, ImmutableArray<TestCase> cases, RuleCoverage? coverage, bool draw)
    {
        var fixture = test.Registry ?? file.Registry;
        var registry = fixture.Build();
        var recorder = draw ? new CheckRecorder(file.Rules.Rules, draw: true) : coverage?.Recorder;
        var run = new JudgingRun(file.Rules, new RunOptions
        {
            Registry = fixture.HasClaims ? registry : null,
            OptOuts = fixture.HasClaims ? null : registry,
            Trace = draw,
            Observer = recorder,
        });
        var mismatches = ImmutableArray.CreateBuilder<TestMismatch>();
        var index = 0;
        foreach (var item in run.Run(() => cases.Select(c => CaseReadResult.Accepted(c.Record))))
        {
            var testCase = cases[index++];
            var evaluations = recorder?.Evaluations.ToArray() ?? [];
            recorder?.ClearEvaluations();
            if (item.Verdict is not { } verdict)
            {
                continue;
            }
            coverage?.Add(item.Record!, verdict);
            if (testCase.Expect is { } expect)
            {
                new Comparison(file.Rules.Rules, item.Record!, verdict, evaluations, cases.Length > 1 ? verdict.CaseId + ": " : "", mismatches).Compare(expect);
            }
        }
        return mismatches.ToImmutable();
    }

    /// <summary>One verdict held to one expectation; each unmet part becomes a mismatch.</summary>
    private sealed class Comparison(RuleFile rules, CaseRecord record, ContactVerdict verdict, CheckEvaluation[] evaluations, string prefix, ImmutableArray<TestMismatch>.Builder mismatches)
    {
        public void Compare(CaseExpectation expect)
        {
            if (expect.Contact is { } contact && contact != verdict.Contact)
            {
                Add("contact", Bool(contact), Bool(verdict.Contact), expect.Location, Drawings(verdict.Channels.SelectMany(c => c.Reasons)));
            }
            foreach (var channel in expect.Channels)
            {
                CompareChannel(channel);
            }
            if (expect.Warnings is { } warnings)
            {
                CompareCodes("warnings", warnings, verdict.Warnings);
            }
            CompareSetting("time_zone", expect.TimeZone, verdict.TimeZone);
            CompareSetting("language", expect.Language, verdict.Language);
            CompareSuggestions(expect.Suggested);
        }

        /// <summary>Each property held to its repair: the one the fix sheet would take, likely ones included.</summary>
        private void CompareSuggestions(ImmutableArray<ExpectedSuggestion> expected)
        {
            if (expected.IsDefaultOrEmpty)
            {
                return;
            }
            var changes = FixSheet.Changes(record, verdict, SuggestionConfidence.Likely);
            foreach (var suggestion in expected)
            {
                var actual = changes.FirstOrDefault(c => c.Property == suggestion.Property);
                var valueDiffers = !string.Equals(suggestion.Value, actual?.NewValue, StringComparison.Ordinal);
                var confidenceDiffers = suggestion.Confidence is { } confidence && actual is not null && confidence != actual.Confidence;
                if (valueDiffers || confidenceDiffers)
                {
                    var reasons = verdict.Channels.SelectMany(c => c.Reasons).Concat(verdict.Warnings).Where(r => r.Property == suggestion.Property);
                    Add("suggested." + suggestion.Property, Suggested(suggestion.Value, suggestion.Confidence), actual is null ? "none" : Suggested(actual.NewValue, actual.Confidence), suggestion.Location, Drawings(reasons));
                }
            }
        }

        private void CompareChannel(ChannelExpectation expected)
        {
            var actual = verdict.Channel(expected.Channel)!;
            if (expected.Eligible is { } eligible && eligible != actual.Eligible)
            {
                // Closed when it should be open: the reasons that closed it. Open when it should be closed:
                // the checks whose codes the test expected, which passed (or were never reached).
                var drawings = eligible ? Drawings(actual.Reasons)
                    : Passing(expected.Reasons?.Codes ?? [], expected.Reasons is null ? Messages.TestNoReasonsExpected : null);
                Add(expected.Channel + ".eligible", Bool(eligible), Bool(actual.Eligible) + ReasonList(actual.Reasons), expected.Location, drawings);
            }
            if (expected.Reasons is { } reasons)
            {
                CompareCodes(expected.Channel + ".reasons", reasons, actual.Reasons);
            }
            CompareText(expected.Channel + ".destination", expected.Destination, actual.Destination);
            CompareText(expected.Channel + ".gateway", expected.Gateway, actual.Gateway?.Gateway);
            CompareText(expected.Channel + ".email", expected.Email, actual.Email);
        }

        private void CompareCodes(string what, ExpectedCodes expected, ImmutableArray<Reason> actual)
        {
            var actualCodes = actual.Select(r => r.Code).ToArray();
            var missing = expected.Codes.Where(c => !actualCodes.Contains(c, StringComparer.Ordinal)).ToArray();
            var extra = expected.Only ? actual.Where(r => !expected.Codes.Contains(r.Code, StringComparer.Ordinal)).ToArray() : [];
            if (missing.Length == 0 && extra.Length == 0)
            {
                return;
            }
            var drawings = Passing(missing, null).AddRange(Drawings(extra));
            var wanted = Messages.TestExpectedCodes(expected.Codes, expected.Only);
            Add(what, wanted.Length == 0 ? "none" : wanted, actualCodes.Length == 0 ? "none" : string.Join(", ", actualCodes), expected.Location, drawings);
        }

        private void CompareText(string what, ExpectedText? expected, string? actual)
        {
            if (expected is not null && !string.Equals(expected.Value, actual, StringComparison.Ordinal))
            {
                Add(what, expected.Value ?? "none", actual ?? "none", expected.Location, []);
            }
        }

        private void CompareSetting(string what, ExpectedSetting? expected, ResolvedSetting? actual)
        {
            if (expected is null)
            {
                return;
            }
            var valueDiffers = !string.Equals(expected.Value, actual?.Value, StringComparison.Ordinal);
            var sourceDiffers = expected.Source is { } source && source != actual?.Source;
            if (valueDiffers || sourceDiffers)
            {
                var warnings = verdict.Warnings.Where(w => w.Property is not null && rules.Properties.Any(p => p.Name == w.Property && ProvidesSetting(p, what)));
                Add(what, Setting(expected.Value, expected.Source), actual is null ? "none" : Setting(actual.Value, actual.Source), expected.Location, Drawings(warnings));
            }
        }

        private static bool ProvidesSetting(PropertyRule property, string what) =>
            property.Provides == (what == "time_zone" ? SenderField.TimeZone : SenderField.Language);

        private readonly HashSet<string> _drawn = new(StringComparer.Ordinal);

        /// <summary>A mismatch; a rule already drawn for this case (whatever its heading) is not drawn again.</summary>
        private void Add(string what, string expected, string actual, SourceLocation location, ImmutableArray<string> drawings) =>
            mismatches.Add(new TestMismatch(prefix + what, expected, actual, location, [.. drawings.Where(d => _drawn.Add(d[(d.IndexOf('\n', StringComparison.Ordinal) + 1)..]))]));

        /// <summary>The failed rules of the actual reasons, drawn.</summary>
        private static ImmutableArray<string> Drawings(IEnumerable<Reason> reasons) =>
            [.. reasons.Where(r => r.Trace is not null).Select(r => Messages.TestReasonDrawing(r.Code, r.Property, r.Trace!))];

        /// <summary>For codes that should have been given and were not: each check with that code as it was evaluated, or that it was never reached.</summary>
        private ImmutableArray<string> Passing(IEnumerable<string> codes, string? none)
        {
            var drawings = ImmutableArray.CreateBuilder<string>();
            foreach (var code in codes)
            {
                var evaluated = evaluations.Where(e => e.Check.Code == code).ToArray();
                if (evaluated.Length == 0)
                {
                    drawings.Add(rules.ContactChecks.Concat(rules.Properties.SelectMany(p => p.Checks)).Any(c => c.Code == code)
                        ? Messages.TestCheckNotReached(code)
                        : Messages.TestNoCheckGives(code));
                }
                foreach (var evaluation in evaluated)
                {
                    drawings.Add(Messages.TestCheckDrawing(code, evaluation.Passed, evaluation.Check.Rule.Location.ToString(), evaluation.Drawing));
                }
            }
            if (drawings.Count == 0 && none is not null)
            {
                drawings.Add(none);
            }
            return drawings.ToImmutable();
        }

        private static string Bool(bool value) => value ? "true" : "false";

        private static string ReasonList(ImmutableArray<Reason> reasons) =>
            reasons.IsEmpty ? "" : " (" + string.Join(", ", reasons.Select(r => r.Code)) + ")";

        private static string Suggested(string? value, SuggestionConfidence? confidence) =>
            value is null ? "none" : value + (confidence is { } c ? " (" + c.Name() + ")" : "");

        private static string Setting(string? value, ValueSource? source) =>
            Messages.TestSetting(value ?? "none", source is { } s ? s == ValueSource.Case : null);
    }
}
