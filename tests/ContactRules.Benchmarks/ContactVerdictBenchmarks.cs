using System.Collections.Immutable;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Evaluation.Library;
using ContactRules.Projects;
using ContactRules.RuleFiles;
using NodaTime;
using PhoneNumbers;
using RulesEngine.Models;

namespace ContactRules.Benchmarks;

/// <summary>
/// Issue 3's speed targets for the full verdict of one case under the default rules, all channels
/// eligible: within 1.3× of a hand-written C# function doing the same checks with the same libraries,
/// and at least 10× faster than microsoft/RulesEngine 6.0.1 running equivalent rules.
/// </summary>
[MemoryDiagnoser]
public class ContactVerdictBenchmarks
{
    private static readonly ProjectSettings Project = new(
        "benchmark", "Asia/Kolkata", "en", ["en", "hin"],
        [new Gateway("AIRTEL-IN", ["91"]), new Gateway("TWILIO", ["*"])]);

    // Distinct numbers, so no engine gains from having just parsed the same number for the previous case.
    private const int CaseCount = 64;

    private static readonly CaseRecord[] Cases = [.. Enumerable.Range(0, CaseCount).Select(i => new CaseRecord
    {
        Id = $"c-{i:D3}",
        Type = "mother",
        Name = "Asha Patil",
        DateOpened = CaseTimestamp.Parse("2026-01-05T08:00:00Z"),
        Properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["contact_phone_number"] = $"9198123456{i:D2}",
            ["contact_phone_number_is_verified"] = "1",
            ["commcare_email_address"] = $"asha.patil{i}@example.org",
            ["time_zone"] = "Asia/Kolkata",
            ["language_code"] = "hin",
        },
    })];

    private CompiledRules _rules = null!;
    private RunContext _context = null!;
    private HandWrittenContactRules _handWritten = null!;
    private RulesEngine.RulesEngine _rulesEngine = null!;
    private RuleParameter[][] _rulesEngineInputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        var diagnostics = new DiagnosticBag();
        _rules = CompiledRules.Compile(RuleFileLoader.LoadBuiltIn(), Project, diagnostics)
            ?? throw new InvalidOperationException(string.Join("\n", diagnostics.Items));
        var owners = new TwoWayOwnership();
        foreach (var record in Cases)
        {
            owners.Claim(record.Property("contact_phone_number")!, record);
        }
        _context = new RunContext(owners);
        _handWritten = new HandWrittenContactRules(Project, owners);
        _rulesEngine = Benchmarks.RulesEngineWorkflow.Create();
        _rulesEngineInputs = [.. Cases.Select(c => new[] { new RuleParameter("c", Benchmarks.RulesEngineWorkflow.Input(c, Project, owners)) })];

        foreach (var record in Cases)
        {
            var verdict = _rules.Evaluate(record, _context, trace: false);
            var expected = _handWritten.Evaluate(record);
            if (!verdict.Channels.All(c => c.Eligible) || VerdictJson.ToJsonLine(verdict) != VerdictJson.ToJsonLine(expected))
            {
                throw new InvalidOperationException("the hand-written baseline disagrees:\n" + VerdictJson.ToJsonLine(verdict) + "\n" + VerdictJson.ToJsonLine(expected));
            }
        }
        var results = _rulesEngine.ExecuteAllRulesAsync(Benchmarks.RulesEngineWorkflow.Name, _rulesEngineInputs[0]).AsTask().GetAwaiter().GetResult();
        if (results.Where(r => !r.IsSuccess).Select(r => r.Rule.RuleName + ": " + r.ExceptionMessage).ToList() is { Count: > 0 } failed)
        {
            throw new InvalidOperationException("the RulesEngine workflow does not pass the case: " + string.Join("; ", failed));
        }
    }

    [Benchmark(Baseline = true, Description = "hand-written C#", OperationsPerInvoke = CaseCount)]
    public int HandWritten()
    {
        var eligible = 0;
        foreach (var record in Cases)
        {
            eligible += _handWritten.Evaluate(record).Channels.Length;
        }
        return eligible;
    }

    [Benchmark(Description = "ContactRules verdict", OperationsPerInvoke = CaseCount)]
    public int ContactRulesVerdict()
    {
        var eligible = 0;
        foreach (var record in Cases)
        {
            eligible += _rules.Evaluate(record, _context, trace: false).Channels.Length;
        }
        return eligible;
    }

    [Benchmark(Description = "ContactRules verdict, tracing on", OperationsPerInvoke = CaseCount)]
    public int ContactRulesVerdictTraced()
    {
        var eligible = 0;
        foreach (var record in Cases)
        {
            eligible += _rules.Evaluate(record, _context, trace: true).Channels.Length;
        }
        return eligible;
    }

    [Benchmark(Description = "RulesEngine 6.0.1", OperationsPerInvoke = CaseCount)]
    public int RulesEngineWorkflow()
    {
        var passed = 0;
        foreach (var input in _rulesEngineInputs)
        {
            passed += _rulesEngine.ExecuteAllRulesAsync(Benchmarks.RulesEngineWorkflow.Name, input).AsTask().GetAwaiter().GetResult().Count;
        }
        return passed;
    }

    [Benchmark(Description = "load + check + compile default rules")]
    public CompiledRules? LoadCheckCompile() => RuleSetLoader.Load(null, null, new DiagnosticBag());
}

/// <summary>The default rules written by hand in C#, with the same libraries, giving the same verdict.</summary>
internal sealed class HandWrittenContactRules(ProjectSettings project, IContactRegistry registry)
{
    private static readonly Regex Digits = new("^[0-9]+$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private readonly GatewayTable _gateways = GatewayTable.For(project);

    public ContactVerdict Evaluate(CaseRecord record)
    {
        var contact = !record.Closed && !record.Deleted;
        var warnings = ImmutableArray.CreateBuilder<Reason>();
        Reason? phoneProblem = null;
        string? destination = null;
        var phone = record.Property("contact_phone_number");
        if (string.IsNullOrWhiteSpace(phone))
        {
            phoneProblem = new Reason("NO_PHONE_NUMBER", "contact_phone_number", Severity.Error, "the case has no contact_phone_number");
        }
        else if (!Digits.IsMatch(phone))
        {
            phoneProblem = new Reason("PHONE_NUMBER_FORMAT", "contact_phone_number", Severity.Error, "digits only");
        }
        else
        {
            PhoneNumber? number = null;
            try
            {
                number = Phones.Parse("+" + phone, "ZZ");
            }
            catch (NumberParseException)
            {
            }
            if (number is null || number.CountryCode == 0)
            {
                phoneProblem = new Reason("PHONE_NUMBER_COUNTRY_CODE", "contact_phone_number", Severity.Error, "country code");
            }
            else if (Phones.IsPossibleNumberWithReason(number) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE)
            {
                phoneProblem = new Reason("PHONE_NUMBER_LENGTH", "contact_phone_number", Severity.Error, "length");
            }
            else
            {
                if (!Phones.IsValidNumber(number))
                {
                    warnings.Add(new Reason("PHONE_NUMBER_UNASSIGNED", "contact_phone_number", Severity.Warning, "unassigned"));
                }
                if (registry.IsOptedOut(phone))
                {
                    phoneProblem = new Reason("PHONE_NUMBER_OPTED_OUT", "contact_phone_number", Severity.Error, "opted out");
                }
                else if (string.IsNullOrWhiteSpace(record.Property("contact_backend_id")) && _gateways.Route(phone).Choice == GatewayChoice.None)
                {
                    phoneProblem = new Reason("NO_SUITABLE_GATEWAY", "contact_phone_number", Severity.Error, "no gateway");
                }
                else
                {
                    destination = "+" + phone;
                }
            }
        }
        var verified = record.Property("contact_phone_number_is_verified");
        Reason? twoWayProblem = null;
        if (string.IsNullOrWhiteSpace(verified) || verified != "1")
        {
            twoWayProblem = new Reason("NOT_VERIFIED_FOR_TWO_WAY", "contact_phone_number_is_verified", Severity.Error, "not verified");
        }
        else if (phone is not null && registry.TwoWayOwner(phone) is { } owner && owner != record.Id)
        {
            twoWayProblem = new Reason("PHONE_NUMBER_IN_USE", "contact_phone_number_is_verified", Severity.Error, "in use");
        }
        var email = record.Property("commcare_email_address");
        Reason? emailProblem = string.IsNullOrWhiteSpace(email)
            ? new Reason("NO_EMAIL_ADDRESS", "commcare_email_address", Severity.Error, "no email")
            : EmailFunctions.IsValid(email) ? null : new Reason("INVALID_EMAIL_ADDRESS", "commcare_email_address", Severity.Error, "invalid");
        var zone = record.Property("time_zone");
        ResolvedSetting timeZone = !string.IsNullOrWhiteSpace(zone) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null
            ? new ResolvedSetting(zone, ValueSource.Case)
            : new ResolvedSetting(project.TimeZone, ValueSource.Project);
        var code = record.Property("language_code");
        ResolvedSetting language = !string.IsNullOrWhiteSpace(code) && project.Languages.Contains(code)
            ? new ResolvedSetting(code, ValueSource.Case)
            : new ResolvedSetting(project.DefaultLanguage, ValueSource.Project);

        var inactive = contact ? null : new Reason("CONTACT_INACTIVE", null, Severity.Error, "inactive");
        var route = destination is null ? null : _gateways.Route(destination[1..]);
        var sms = Channel("sms", [inactive, phoneProblem], destination, route, null);
        var twoWay = Channel("two_way_sms", [inactive, phoneProblem, twoWayProblem], destination, route, null);
        var mail = Channel("email", [inactive, emailProblem], null, null, emailProblem is null ? email : null);
        return new ContactVerdict(record.Id, contact, [sms, twoWay, mail], timeZone, language, warnings.ToImmutable());
    }

    private static ChannelVerdict Channel(string id, Reason?[] problems, string? destination, GatewayRoute? route, string? email)
    {
        var reasons = problems.Where(p => p is not null).Select(p => p!).ToImmutableArray();
        var eligible = reasons.IsEmpty;
        return new ChannelVerdict(id, eligible, reasons, eligible ? destination : null, eligible ? route : null, eligible ? email : null);
    }
}

/// <summary>The default rules as a microsoft/RulesEngine workflow, with the same phone and email helpers.</summary>
internal static class RulesEngineWorkflow
{
    public const string Name = "case-contact";

    public sealed class ContactInput
    {
        public string Id { get; init; } = "";
        public bool Closed { get; init; }
        public bool Deleted { get; init; }
        public string Phone { get; init; } = "";
        public string Verified { get; init; } = "";
        public string Email { get; init; } = "";
        public string TimeZone { get; init; } = "";
        public string Language { get; init; } = "";
        public string BackendId { get; init; } = "";
        public List<string> Languages { get; init; } = [];
        public IContactRegistry Registry { get; init; } = EmptyContactRegistry.Instance;
        public GatewayTable Gateways { get; init; } = GatewayTable.Empty;
    }

    /// <summary>Static helpers the workflow's expressions call (RulesEngine's custom types).</summary>
    public static class ContactHelpers
    {
        private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

        public static bool Matches(string value, string pattern) => Regex.IsMatch(value, pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

        public static int CountryCode(string digits) => Parse(digits)?.CountryCode ?? 0;

        public static bool IsPossible(string digits) => Parse(digits) is { } n && Phones.IsPossibleNumberWithReason(n) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE;

        public static bool IsValid(string digits) => Parse(digits) is { } n && Phones.IsValidNumber(n);

        public static bool IsEmail(string value) => EmailFunctions.IsValid(value);

        public static bool IsTimeZone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null;

        public static bool CanRoute(GatewayTable gateways, string digits) => gateways.Route(digits).Choice != GatewayChoice.None;

        public static bool OptedOut(IContactRegistry registry, string digits) => registry.IsOptedOut(digits);

        public static bool OwnsOrFree(IContactRegistry registry, string digits, string id) => registry.TwoWayOwner(digits) is not { } owner || owner == id;

        private static PhoneNumber? Parse(string digits)
        {
            try
            {
                return Phones.Parse("+" + digits, "ZZ");
            }
            catch (NumberParseException)
            {
                return null;
            }
        }
    }

    public static ContactInput Input(CaseRecord record, ProjectSettings project, IContactRegistry registry) => new()
    {
        Id = record.Id,
        Closed = record.Closed,
        Deleted = record.Deleted,
        Phone = record.Property("contact_phone_number") ?? "",
        Verified = record.Property("contact_phone_number_is_verified") ?? "",
        Email = record.Property("commcare_email_address") ?? "",
        TimeZone = record.Property("time_zone") ?? "",
        Language = record.Property("language_code") ?? "",
        BackendId = record.Property("contact_backend_id") ?? "",
        Languages = [.. project.Languages],
        Registry = registry,
        Gateways = GatewayTable.For(project),
    };

    public static RulesEngine.RulesEngine Create()
    {
        (string Name, string Expression)[] rules =
        [
            ("CONTACT_INACTIVE", "!c.Closed && !c.Deleted"),
            ("NO_PHONE_NUMBER", "c.Phone.Trim() != \"\""),
            ("PHONE_NUMBER_FORMAT", "ContactHelpers.Matches(c.Phone, \"^[0-9]+$\")"),
            ("PHONE_NUMBER_COUNTRY_CODE", "ContactHelpers.CountryCode(c.Phone) != 0"),
            ("PHONE_NUMBER_LENGTH", "ContactHelpers.IsPossible(c.Phone)"),
            ("PHONE_NUMBER_UNASSIGNED", "ContactHelpers.IsValid(c.Phone)"),
            ("PHONE_NUMBER_OPTED_OUT", "!ContactHelpers.OptedOut(c.Registry, c.Phone)"),
            ("NO_SUITABLE_GATEWAY", "c.BackendId.Trim() != \"\" || ContactHelpers.CanRoute(c.Gateways, c.Phone)"),
            ("NOT_VERIFIED_FOR_TWO_WAY", "c.Verified == \"1\""),
            ("PHONE_NUMBER_IN_USE", "ContactHelpers.OwnsOrFree(c.Registry, c.Phone, c.Id)"),
            ("NO_EMAIL_ADDRESS", "c.Email.Trim() != \"\""),
            ("INVALID_EMAIL_ADDRESS", "ContactHelpers.IsEmail(c.Email)"),
            ("TIME_ZONE_UNKNOWN", "ContactHelpers.IsTimeZone(c.TimeZone)"),
            ("LANGUAGE_NOT_DEFINED", "c.Languages.Contains(c.Language)"),
        ];
        var workflow = new Workflow
        {
            WorkflowName = Name,
            Rules = [.. rules.Select(r => new Rule { RuleName = r.Name, Expression = r.Expression, ErrorMessage = r.Name })],
        };
        return new RulesEngine.RulesEngine([workflow], new ReSettings { CustomTypes = [typeof(ContactHelpers)] });
    }
}
