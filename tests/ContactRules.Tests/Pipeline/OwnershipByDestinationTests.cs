using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Pipeline;
using ContactRules.Projects;
using ContactRules.Registry;
using ContactRules.RuleFiles;
using CsCheck;
using Xunit;

namespace ContactRules.Tests.Pipeline;

/// <summary>
/// Two-way ownership is keyed by the number the rules resolve (the destination after <c>normalize</c>), never
/// by the property's raw text: whatever normalisation a team writes, one number has one two-way contact.
/// </summary>
public sealed class OwnershipByDestinationTests
{
    /// <summary>The default rule file with a <c>normalize</c> on the phone number, as the README's customisation adds one.</summary>
    private static CompiledRules Normalizing(string normalize)
    {
        var text = RuleFileLoader.BuiltInText(RuleFileLoader.DefaultName);
        const string Anchor = "    provides: destination\n";
        Assert.Contains(Anchor, text, StringComparison.Ordinal);
        text = text.Replace(Anchor, Anchor + "    normalize: \"" + normalize + "\"\n", StringComparison.Ordinal);
        var diagnostics = new DiagnosticBag();
        var rules = CompiledRules.Compile(RuleFileLoader.Load("normalizing.yaml", text, diagnostics)!, ProjectSettings.Default, diagnostics);
        Assert.True(rules is not null, string.Join("\n", diagnostics.Items));
        return rules!;
    }

    private static CaseRecord Verified(string id, string number, string? opened = null) => new()
    {
        Id = id,
        DateOpened = opened is null ? null : CaseTimestamp.Parse(opened),
        Properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["contact_phone_number"] = number,
            ["contact_phone_number_is_verified"] = "1",
        },
    };

    private static List<ContactVerdict> Check(CompiledRules rules, IReadOnlyList<CaseRecord> cases, IContactRegistry? registry = null) =>
        [.. new JudgingRun(rules, new RunOptions { Registry = registry, Trace = false })
            .Run(() => cases.Select(CaseReadResult.Accepted)).Select(i => i.Verdict!)];

    private static IEnumerable<(string Destination, string CaseId)> TwoWayContacts(IEnumerable<ContactVerdict> verdicts) =>
        verdicts.Select(v => (Verdict: v, Channel: v.Channel(CompiledRules.TwoWayChannel)!))
            .Where(v => v.Channel.Eligible)
            .Select(v => (v.Channel.Destination!, v.Verdict.CaseId));

    [Fact]
    public void The_readmes_customisation_gives_one_two_way_contact_per_number_and_owners_agree()
    {
        var rules = Normalizing("phone.clean(value)");
        CaseRecord[] cases = [Verified("a", "919812345678"), Verified("b", "+91 98123-45678"), Verified("c", "+91-98123-45678")];

        var verdicts = Check(rules, cases);

        var owner = Assert.Single(TwoWayContacts(verdicts));
        Assert.Equal(("+919812345678", "a"), owner);
        foreach (var other in verdicts.Where(v => v.CaseId != "a"))
        {
            var reason = Assert.Single(other.Channel(CompiledRules.TwoWayChannel)!.Reasons);
            Assert.Equal("PHONE_NUMBER_IN_USE", reason.Code);
            Assert.Contains("919812345678 is already owned for two-way SMS by case a", reason.Message, StringComparison.Ordinal);
        }

        // The registry, fed the same cases with the same rules, names the same owner, and check with it agrees.
        var dir = Directory.CreateTempSubdirectory("contactrules-owners-");
        try
        {
            using var registry = ContactRegistry.Open(Path.Combine(dir.FullName, "r.db"));
            registry.Register(RegistryUpdates.Of(rules, cases));
            var ownership = Assert.Single(registry.Owners());
            Assert.Equal("919812345678", ownership.Number);
            Assert.Equal("a", ownership.Owner);
            Assert.Equal(["a", "b", "c"], ownership.Claimants);
            Assert.Equal(owner, Assert.Single(TwoWayContacts(Check(rules, cases, registry.Snapshot()))));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Normalisations a team might write; each keeps some spellings of a number apart and joins others.</summary>
    private static readonly string[] Normalizations =
    [
        "value",
        "phone.clean(value)",
        "value.replace(' ', '').replace('-', '')",
        "value.replace('+', '')",
        "value.startsWith('+') ? value.substring(1) : value",
        "phone.clean(value).replace('.', '')",
        "value.replace(' ', '').replace('-', '').replace('+', '').replace('(', '').replace(')', '')",
    ];

    /// <summary>A number written as a person might: with or without "+", spaces, dashes, brackets.</summary>
    private static readonly Gen<string> Spelling =
        Gen.Select(Gen.OneOf<string>("919812345678", "254712345678", "15551234567"), Gen.Int[0, 5], Gen.Int[2, 8])
            .Select((digits, style, at) => style switch
            {
                0 => digits,
                1 => "+" + digits,
                2 => "+" + digits[..2] + " " + digits[2..at] + "-" + digits[at..],
                3 => "+" + digits[..2] + "-" + digits[2..],
                4 => "(" + digits[..2] + ") " + digits[2..],
                _ => digits[..at] + " " + digits[at..],
            });

    private static readonly Gen<(string Normalize, CaseRecord[] Cases)> Population =
        Gen.Select(Gen.OneOf(Normalizations), Gen.Select(Spelling, Gen.Int[0, 3]).Array[2, 12])
            .Select((normalize, spellings) => (normalize, spellings
                .Select((s, i) => Verified("c" + i, s.Item1, s.Item2 == 3 ? null : $"2024-0{s.Item2 + 1}-01T00:00:00Z"))
                .ToArray()));

    [Fact]
    public void Whatever_the_normalisation_no_number_has_two_two_way_contacts()
    {
        var compiled = Normalizations.ToDictionary(n => n, Normalizing, StringComparer.Ordinal);
        Population.Sample(p =>
        {
            var rules = compiled[p.Normalize];
            var contacts = TwoWayContacts(Check(rules, p.Cases)).ToList();
            Assert.Equal(contacts.Count, contacts.Select(c => c.Destination).Distinct(StringComparer.Ordinal).Count());

            // Every number some case claims has its owner among the two-way contacts.
            var ownership = new TwoWayOwnership();
            foreach (var record in p.Cases)
            {
                if (rules.TwoWayClaim(record) is { } number)
                {
                    ownership.Claim(number, record);
                }
            }
            Assert.Equal(ownership.Count, contacts.Count);
            foreach (var (destination, caseId) in contacts)
            {
                Assert.Equal(caseId, ownership.TwoWayOwner(destination[1..]));
            }
        }, iter: 2_000);
    }
}
