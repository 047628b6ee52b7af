using ContactRules.Contacts;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.RuleFiles;
using Xunit;

namespace ContactRules.Tests.Pipeline;

/// <summary>A run's observer counts each check's outcome while judging, from several threads, and never while finding claims.</summary>
public sealed class CheckObserverTests
{
    private static CaseReadResult Case(string id, string? phone) => CaseReadResult.Accepted(new CaseRecord
    {
        Id = id,
        Properties = phone is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["contact_phone_number"] = phone, ["contact_phone_number_is_verified"] = "1" },
    });

    [Fact]
    public void Each_check_is_counted_once_per_case_that_reaches_it_on_any_number_of_threads()
    {
        var rules = RuleFileLoader.LoadBuiltIn();
        var compiled = CompiledRules.Compile(rules, ContactRules.Projects.ProjectSettings.Default, new ContactRules.Diagnostics.DiagnosticBag())!;
        var cases = Enumerable.Range(0, 500).Select(i => Case($"c{i}", i % 5 == 0 ? "+91 98123" : i % 5 == 1 ? null : $"9198123{i:D5}")).ToArray();
        var recorder = new CheckRecorder(rules);
        var verdicts = new JudgingRun(compiled, new RunOptions { Parallelism = 2, Observer = recorder, Trace = false }).Run(() => cases).Count();
        Assert.Equal(500, verdicts);
        var format = recorder.Checks.ToList().FindIndex(c => c.Check.Code == "PHONE_NUMBER_FORMAT");
        var contact = recorder.Checks.ToList().FindIndex(c => c.Check.Code == "CONTACT_INACTIVE");
        // Every case meets the contact check once (the ownership pass is not counted); 400 have a number, 100 of them with punctuation.
        Assert.Equal(500, recorder.Passed(contact) + recorder.Failed(contact));
        Assert.Equal(100, recorder.Failed(format));
        Assert.Equal(300, recorder.Passed(format));
        Assert.Empty(recorder.Evaluations);
    }
}
