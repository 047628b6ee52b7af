using System.Collections.Immutable;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Registry;

namespace ContactRules.Testing;

/// <summary>
/// A loaded test file (<c>*.tests.yaml</c>): the rule file and project it tests, the registry its cases are
/// judged against, and its tests. Immutable; produced by <see cref="RuleTestLoader"/>.
/// </summary>
internal sealed record RuleTestFile(
    string Path,
    CompiledRules Rules,
    RegistryFixture Registry,
    ImmutableArray<RuleTest> Tests);

/// <summary>
/// The registry state cases are judged against. With owners or claims it is the registry the rules ask, as
/// <c>check --registry</c> does (the test's own cases claim nothing); without, two-way ownership is settled
/// among the cases of each test, and only the opt-outs come from here.
/// </summary>
internal sealed record RegistryFixture(ImmutableArray<CaseClaim> Claims, ImmutableHashSet<string> OptOuts)
{
    public static RegistryFixture Empty { get; } = new([], []);

    /// <summary>Whether some number has an owner or a claimant: then this is the registry, not the test's cases.</summary>
    public bool HasClaims => !Claims.IsDefaultOrEmpty;

    /// <summary>The registry the rules ask: owners from the claims (first in line), opt-outs from the list.</summary>
    public IContactRegistry Build()
    {
        var ownership = new TwoWayOwnership(new OptOutList(OptOuts));
        foreach (var claim in Claims)
        {
            ownership.Claim(claim);
        }
        return ownership;
    }

    private sealed class OptOutList(ImmutableHashSet<string> numbers) : IContactRegistry
    {
        public string? TwoWayOwner(string number) => null;

        public bool IsOptedOut(string number) => numbers.Contains(number);
    }
}

/// <summary>
/// One test: its cases (judged together, so they can compete for a number) and what some of them must get.
/// A table-driven test has one entry of <see cref="Rows"/> per value of <see cref="TableProperty"/>.
/// </summary>
internal sealed record RuleTest(
    string Name,
    string? Source,
    SourceLocation Location,
    ImmutableArray<TestCase> Cases,
    RegistryFixture? Registry,
    string? TableProperty,
    ImmutableArray<TableRow> Rows);

/// <summary>One value of a table-driven test (null: the property is missing), where it is written.</summary>
internal sealed record TableRow(string? Value, SourceLocation Location);

/// <summary>A case of a test, with the expectations on its verdict (none: it is only there to claim a number).</summary>
internal sealed record TestCase(CaseRecord Record, CaseExpectation? Expect, SourceLocation Location);

/// <summary>An expected text: <see cref="Value"/> null means "none".</summary>
internal sealed record ExpectedText(string? Value, SourceLocation Location);

/// <summary>Codes that must appear; with <see cref="Only"/>, nothing else may.</summary>
internal sealed record ExpectedCodes(ImmutableArray<string> Codes, bool Only, SourceLocation Location);

/// <summary>An expected time zone or language: its value (null: none at all) and, when given, where it came from.</summary>
internal sealed record ExpectedSetting(string? Value, ValueSource? Source, SourceLocation Location);

/// <summary>What one channel's verdict must be; a null part is not checked.</summary>
internal sealed record ChannelExpectation(
    string Channel,
    bool? Eligible,
    ExpectedCodes? Reasons,
    ExpectedText? Destination,
    ExpectedText? Gateway,
    ExpectedText? Email,
    SourceLocation Location);

/// <summary>
/// The repair a property must get: <see cref="Value"/> null means no suggestion at all; a null
/// <see cref="Confidence"/> takes either.
/// </summary>
internal sealed record ExpectedSuggestion(string Property, string? Value, SuggestionConfidence? Confidence, SourceLocation Location);

/// <summary>What a case's verdict must be; a null or empty part is not checked.</summary>
internal sealed record CaseExpectation(
    bool? Contact,
    ImmutableArray<ChannelExpectation> Channels,
    ExpectedCodes? Warnings,
    ExpectedSetting? TimeZone,
    ExpectedSetting? Language,
    ImmutableArray<ExpectedSuggestion> Suggested,
    SourceLocation Location);
