using System.Collections.Immutable;
using System.Text;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Generation;
using ContactRules.Pipeline;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Generation;

public sealed class GeneratorTests
{
    private static readonly string[] Formats = ["json", "jsonl", "csv"];

    [Fact]
    public void The_same_seed_gives_the_same_export_and_another_seed_another()
    {
        var first = CliRunner.Run(null, "generate", "200", "--seed", "42", "--format", "csv");
        var again = CliRunner.Run(null, "generate", "200", "--seed", "42", "--format", "csv");
        var other = CliRunner.Run(null, "generate", "200", "--seed", "43", "--format", "csv");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(201, first.Out.Count(c => c == '\n') - first.Out.Split('"').Where((_, i) => i % 2 == 1).Sum(q => q.Count(c => c == '\n')));
        Assert.Equal(first.Out, again.Out);
        Assert.NotEqual(first.Out, other.Out);
    }

    [Theory]
    [InlineData(nameof(ExportFormat.Json))]
    [InlineData(nameof(ExportFormat.JsonLines))]
    [InlineData(nameof(ExportFormat.Csv))]
    public void Every_format_reads_back_as_the_cases_that_were_generated(string formatName)
    {
        // By name: the generator's types are internal, and a theory's parameters must be public.
        var format = Enum.Parse<ExportFormat>(formatName);
        var options = new GeneratorOptions(9, GeneratorOptions.DefaultShares.SetItem(Flaw.OddText, 0.5));
        var cases = new CaseGenerator(options).Generate(1000).ToList();
        using var stream = new MemoryStream();
        CaseExportWriter.Write(cases, CaseGenerator.PropertyNames, stream, format);
        var read = CaseSource.Read(new MemoryStream(stream.ToArray()), "generated").ToList();

        Assert.All(read, r => Assert.Equal(CaseReadKind.Accepted, r.Kind));
        Assert.Equal(cases.Select(c => (c.Id, c.Name, c.Closed, c.DateOpened!.Raw)), read.Select(r => (r.Record!.Id, r.Record.Name, r.Record.Closed, r.Record.DateOpened!.Raw)));
        foreach (var (expected, actual) in cases.Zip(read.Select(r => r.Record!)))
        {
            foreach (var name in CaseGenerator.PropertyNames)
            {
                Assert.Equal(expected.Property(name) ?? "", actual.Property(name) ?? "");
            }
        }
    }

    [Fact]
    public void Numbers_come_from_many_countries_and_without_flaws_every_case_is_reachable_everywhere()
    {
        var none = Enum.GetValues<Flaw>().ToDictionary(f => f, _ => 0.0).ToImmutableDictionary();
        var cases = new CaseGenerator(new GeneratorOptions(3, none)).Generate(2000).ToList();
        var rules = RuleSetLoader.Load(null, null, new DiagnosticBag())!;
        var verdicts = new JudgingRun(rules, new RunOptions { Trace = false }).Run(() => cases.Select(CaseReadResult.Accepted)).Select(i => i.Verdict!).ToList();

        Assert.True(CaseGenerator.RegionCount > 200);
        Assert.True(cases.Select(c => PhoneNumbers.PhoneNumberUtil.GetInstance().Parse("+" + c.Property("contact_phone_number"), null).CountryCode).Distinct().Count() > 100);
        Assert.All(verdicts, v => Assert.All(v.Channels, c => Assert.True(c.Eligible, v.CaseId + " " + c.Channel + ": " + string.Join("; ", c.Reasons.Select(r => r.Message)))));
    }

    [Theory]
    [InlineData(nameof(Flaw.Closed), "CONTACT_INACTIVE")]
    [InlineData(nameof(Flaw.Punctuated), "PHONE_NUMBER_FORMAT")]
    [InlineData(nameof(Flaw.National), "PHONE_NUMBER_COUNTRY_CODE")]
    [InlineData(nameof(Flaw.MissingEmail), "NO_EMAIL_ADDRESS")]
    [InlineData(nameof(Flaw.InvalidEmail), "INVALID_EMAIL_ADDRESS")]
    [InlineData(nameof(Flaw.NotVerified), "NOT_VERIFIED_FOR_TWO_WAY")]
    [InlineData(nameof(Flaw.UnknownGateway), "GATEWAY_NOT_FOUND")]
    public void A_chosen_share_of_a_flaw_gives_about_that_share_of_its_reason(string flawName, string code)
    {
        var flaw = Enum.Parse<Flaw>(flawName);
        var shares = Enum.GetValues<Flaw>().ToDictionary(f => f, f => f == flaw ? 0.3 : 0.0).ToImmutableDictionary();
        var cases = new CaseGenerator(new GeneratorOptions(11, shares)).Generate(2000);
        // A project with gateways, so a contact_backend_id can name an unknown one.
        var rules = RuleSetLoader.Load(null, Path.Combine(CliRunner.RepositoryRoot, "examples", "project.yaml"), new DiagnosticBag())!;

        var share = new JudgingRun(rules, new RunOptions { Trace = false }).Run(() => cases.Select(CaseReadResult.Accepted))
            .Count(i => i.Verdict!.Channels.Any(c => c.Reasons.Any(r => r.Code == code))) / 2000.0;

        Assert.InRange(share, 0.25, 0.35);
    }

    [Fact]
    public void Shared_numbers_make_ownership_conflicts()
    {
        var shares = GeneratorOptions.DefaultShares.SetItem(Flaw.SharedNumber, 0.2);
        var cases = new CaseGenerator(new GeneratorOptions(2, shares)).Generate(2000);
        var rules = RuleSetLoader.Load(null, null, new DiagnosticBag())!;

        var inUse = new JudgingRun(rules, new RunOptions { Trace = false }).Run(() => cases.Select(CaseReadResult.Accepted))
            .Count(i => i.Verdict!.Channel("two_way_sms")!.Reasons.Any(r => r.Code == "PHONE_NUMBER_IN_USE"));

        Assert.InRange(inUse, 100, 400);
    }

    [Fact]
    public void Generation_is_lazy_so_any_number_of_cases_can_stream()
    {
        var first = new CaseGenerator(GeneratorOptions.Default).Generate(long.MaxValue).Take(3).Select(c => c.Id);

        Assert.Equal(["g0000000", "g0000001", "g0000002"], first);
    }

    [Fact]
    public void A_share_that_is_not_a_flaw_or_a_fraction_is_a_usage_error()
    {
        Assert.Equal(2, CliRunner.Run(null, "generate", "5", "--share", "typo=0.1").ExitCode);
        Assert.Equal(2, CliRunner.Run(null, "generate", "5", "--share", "closed=2").ExitCode);
        foreach (var format in Formats)
        {
            var result = CliRunner.Run(null, "generate", "5", "--share", "closed=1", "--format", format);
            Assert.Equal(0, result.ExitCode);
            var records = CaseSource.Read(new MemoryStream(Encoding.UTF8.GetBytes(result.Out)), "-").Select(r => r.Record!).ToList();
            Assert.Equal(5, records.Count);
            Assert.All(records, r => Assert.True(r.Closed));
        }
    }
}
