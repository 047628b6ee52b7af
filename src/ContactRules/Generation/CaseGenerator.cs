using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using ContactRules.Contacts;
using NodaTime;
using NodaTime.TimeZones;
using PhoneNumbers;

namespace ContactRules.Generation;

/// <summary>The ways a generated case can fall short; each is applied to a chosen share of the cases.</summary>
internal enum Flaw
{
    /// <summary>No contact_phone_number.</summary>
    MissingPhone,
    /// <summary>The number written for people: "+91 98123 45678".</summary>
    Punctuated,
    /// <summary>The national form with its trunk prefix, e.g. a leading 0.</summary>
    National,
    /// <summary>A digit too many or too few.</summary>
    WrongLength,
    /// <summary>contact_phone_number_is_verified missing or not 1.</summary>
    NotVerified,
    /// <summary>The number of an earlier verified case, so the two conflict over two-way ownership.</summary>
    SharedNumber,
    /// <summary>The case is closed.</summary>
    Closed,
    /// <summary>No commcare_email_address.</summary>
    MissingEmail,
    /// <summary>An address that is not one ("name at example.org", a display name, ...).</summary>
    InvalidEmail,
    /// <summary>A time zone that is not an IANA id.</summary>
    UnknownTimeZone,
    /// <summary>A language code the project does not define.</summary>
    UnknownLanguage,
    /// <summary>A contact_backend_id naming no gateway.</summary>
    UnknownGateway,
    /// <summary>Text that trips careless code: non-Latin scripts, emoji, quotes, commas, line breaks, markup.</summary>
    OddText,
}

/// <summary>
/// What <see cref="CaseGenerator"/> makes: how many cases, from which seed, and the share of cases
/// (0 to 1) that have each flaw. Flaws are drawn independently, so a case may have several.
/// </summary>
internal sealed record GeneratorOptions(int Seed, ImmutableDictionary<Flaw, double> Shares)
{
    public static ImmutableDictionary<Flaw, double> DefaultShares { get; } = new Dictionary<Flaw, double>
    {
        [Flaw.MissingPhone] = 0.04,
        [Flaw.Punctuated] = 0.05,
        [Flaw.National] = 0.03,
        [Flaw.WrongLength] = 0.03,
        [Flaw.NotVerified] = 0.15,
        [Flaw.SharedNumber] = 0.03,
        [Flaw.Closed] = 0.05,
        [Flaw.MissingEmail] = 0.20,
        [Flaw.InvalidEmail] = 0.04,
        [Flaw.UnknownTimeZone] = 0.03,
        [Flaw.UnknownLanguage] = 0.03,
        [Flaw.UnknownGateway] = 0.01,
        [Flaw.OddText] = 0.02,
    }.ToImmutableDictionary();

    public static GeneratorOptions Default { get; } = new(1, DefaultShares);

    public double Share(Flaw flaw) => Shares.GetValueOrDefault(flaw);
}

/// <summary>
/// Makes realistic synthetic case exports, deterministically for a seed: phone numbers from every region
/// libphonenumber knows (its example numbers, with the last digits varied), the time zone of the number's
/// country, names in many scripts, and a chosen share of each <see cref="Flaw"/>. Cases are made one at a
/// time, so any number of them can be streamed; shared numbers come from a bounded window of recent ones.
/// </summary>
internal sealed class CaseGenerator
{
    /// <summary>The property columns of a generated export, in order.</summary>
    public static ImmutableArray<string> PropertyNames { get; } =
        ["contact_phone_number", "contact_phone_number_is_verified", "commcare_email_address", "time_zone", "language_code", "contact_backend_id"];

    private const int SharedWindow = 4096;
    private const int VariedDigits = 6;
    private static readonly Instant Start = Instant.FromUtc(2023, 1, 1, 0, 0);
    private static readonly Lazy<ImmutableArray<NumberTemplate>> Templates = new(BuildTemplates);

    private static readonly string[] GivenNames =
        ["Asha", "John", "Wanjiru", "Meera", "Amina", "Kwame", "Sofía", "Nguyễn", "Olga", "Fatima", "Chen", "Thandiwe", "Priya", "Juan", "Aisha", "Ravi"];

    private static readonly string[] FamilyNames =
        ["Patil", "Carter", "Kamau", "Iyer", "Okafor", "Mensah", "García", "Trần", "Ivanova", "Haddad", "Wei", "Dlamini", "Sharma", "Pérez", "Bello", "Kumar"];

    private static readonly string[] OddNames =
        ["आशा पाटिल", "فاطمة الحداد", "王伟", "Zoë \"Zo\" O'Brien", "Smith, Jr.", "line one\nline two", "<script>alert('x')</script>", "🙂 Emoji Name", "Tab\tName", " padded "];

    private static readonly string[] BadEmails = ["name at example.org", "Asha <asha@example.org>", "asha@", "@example.org", "asha@@example.org", "asha patil@example.org"];
    private static readonly string[] BadTimeZones = ["EST5", "Asia/Bombay City", "GMT+5:30", "America/New York", "local"];
    private static readonly string[] BadLanguages = ["xx", "english", "EN_us", "zz"];
    private static readonly string[] Languages = ["en", "en", "en", "hin", "swa"];
    private static readonly string[] NotVerifiedValues = ["0", "", "no", "false", "2"];

    private readonly GeneratorOptions _options;

    public CaseGenerator(GeneratorOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The regions whose numbers can appear (libphonenumber's supported regions with an example number).</summary>
    public static int RegionCount => Templates.Value.Length;

    /// <summary>Makes <paramref name="count"/> cases, lazily, the same ones every time for the same options.</summary>
    public IEnumerable<CaseRecord> Generate(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(_options.Seed);
        var templates = Templates.Value;
        var recent = new string[SharedWindow];
        var recentCount = 0;
        for (long i = 0; i < count; i++)
        {
            var flaws = new HashSet<Flaw>();
            foreach (var flaw in Enum.GetValues<Flaw>())
            {
                if (random.NextDouble() < _options.Share(flaw))
                {
                    flaws.Add(flaw);
                }
            }
            var template = templates[random.Next(templates.Length)];
            var digits = Vary(template, i);
            if (flaws.Contains(Flaw.SharedNumber) && recentCount > 0)
            {
                digits = recent[random.Next(Math.Min(recentCount, SharedWindow))];
            }
            var verified = !flaws.Contains(Flaw.NotVerified);
            var phone = Phone(digits, template, flaws, random);
            if (verified && phone == digits)
            {
                recent[recentCount++ % SharedWindow] = digits;
            }

            var given = GivenNames[random.Next(GivenNames.Length)];
            var family = FamilyNames[random.Next(FamilyNames.Length)];
            var name = flaws.Contains(Flaw.OddText) ? OddNames[random.Next(OddNames.Length)] : given + " " + family;
            var opened = Start + Duration.FromSeconds((i * 37) + random.Next(37));
            var modified = opened + Duration.FromMinutes(random.Next(60 * 24 * 30));

            var properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["contact_phone_number"] = phone,
                ["contact_phone_number_is_verified"] = verified ? "1" : NotVerifiedValues[random.Next(NotVerifiedValues.Length)],
                ["commcare_email_address"] = Email(given, family, i, flaws, random),
                ["time_zone"] = flaws.Contains(Flaw.UnknownTimeZone) ? BadTimeZones[random.Next(BadTimeZones.Length)] : template.TimeZone,
                ["language_code"] = flaws.Contains(Flaw.UnknownLanguage) ? BadLanguages[random.Next(BadLanguages.Length)] : Languages[random.Next(Languages.Length)],
                ["contact_backend_id"] = flaws.Contains(Flaw.UnknownGateway) ? "NO-SUCH-GATEWAY" : "",
            };
            var stamp = CaseTimestamp.Parse(Format(opened));
            yield return new CaseRecord
            {
                Id = "g" + i.ToString("D7", CultureInfo.InvariantCulture),
                Type = "contact",
                Name = name,
                OwnerId = "owner" + (i % 97).ToString(CultureInfo.InvariantCulture),
                DateOpened = stamp,
                LastModified = CaseTimestamp.Parse(Format(modified)),
                ServerLastModified = CaseTimestamp.Parse(Format(modified)),
                Closed = flaws.Contains(Flaw.Closed),
                Properties = properties,
            };
        }
    }

    private static string Phone(string digits, NumberTemplate template, HashSet<Flaw> flaws, Random random)
    {
        if (flaws.Contains(Flaw.MissingPhone))
        {
            return random.Next(4) == 0 ? "   " : "";
        }
        if (flaws.Contains(Flaw.WrongLength))
        {
            return random.Next(2) == 0 ? digits[..^2] : digits + random.Next(10).ToString(CultureInfo.InvariantCulture);
        }
        if (flaws.Contains(Flaw.National))
        {
            return template.NationalPrefix + digits[template.CountryCode.Length..];
        }
        if (flaws.Contains(Flaw.Punctuated))
        {
            var cc = template.CountryCode;
            var national = digits[cc.Length..];
            var split = national.Length / 2;
            return random.Next(3) switch
            {
                0 => "+" + cc + " " + national[..split] + " " + national[split..],
                1 => "+" + cc + "-" + national[..split] + "-" + national[split..],
                _ => "(" + cc + ") " + national,
            };
        }
        if (flaws.Contains(Flaw.OddText) && random.Next(2) == 0)
        {
            // Digits that look right but are not ASCII: a non-breaking space inside, or full-width digits.
            return random.Next(2) == 0 ? digits[..3] + "\u00A0" + digits[3..] : string.Concat(digits.Select(c => (char)(c - '0' + '０')));
        }
        return digits;
    }

    private static string Email(string given, string family, long i, HashSet<Flaw> flaws, Random random)
    {
        if (flaws.Contains(Flaw.MissingEmail))
        {
            return "";
        }
        if (flaws.Contains(Flaw.InvalidEmail))
        {
            return BadEmails[random.Next(BadEmails.Length)];
        }
        var local = Ascii(given) + "." + Ascii(family) + i.ToString(CultureInfo.InvariantCulture);
        return local.ToLowerInvariant() + "@example.org";
    }

    private static string Ascii(string name) =>
        new(name.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter).ToArray());

    /// <summary>
    /// Writes the case's index into the last six digits (templates keep at least two national digits before them),
    /// so numbers keep their length and mostly their range, and no two cases share one by accident: only
    /// <see cref="Flaw.SharedNumber"/> makes them collide.
    /// </summary>
    private static string Vary(NumberTemplate template, long index)
    {
        const long Modulus = 1_000_000;
        return template.Digits[..^VariedDigits] + (index % Modulus).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static string Format(Instant instant) =>
        instant.ToString("uuuu-MM-dd'T'HH:mm:ss'.000000Z'", CultureInfo.InvariantCulture);

    private sealed record NumberTemplate(string Region, string CountryCode, string Digits, string NationalPrefix, string TimeZone);

    private static ImmutableArray<NumberTemplate> BuildTemplates()
    {
        var util = PhoneNumberUtil.GetInstance();
        var zones = TzdbDateTimeZoneSource.Default.ZoneLocations!
            .GroupBy(z => z.CountryCode, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First().ZoneId, StringComparer.Ordinal);
        var templates = ImmutableArray.CreateBuilder<NumberTemplate>();
        foreach (var region in util.GetSupportedRegions().Order(StringComparer.Ordinal))
        {
            var example = util.GetExampleNumberForType(region, PhoneNumberType.MOBILE) ?? util.GetExampleNumber(region);
            if (example is null)
            {
                continue;
            }
            var digits = util.Format(example, PhoneNumberFormat.E164)[1..];
            var countryCode = example.CountryCode.ToString(CultureInfo.InvariantCulture);
            if (digits.Length - countryCode.Length < 2 + VariedDigits)
            {
                // Too short to vary without accidental collisions (a few small territories).
                continue;
            }
            var national = new string(util.Format(example, PhoneNumberFormat.NATIONAL).Where(char.IsAsciiDigit).ToArray());
            var nationalDigits = digits[countryCode.Length..];
            var prefix = national.EndsWith(nationalDigits, StringComparison.Ordinal) && national.Length > nationalDigits.Length
                ? national[..^nationalDigits.Length]
                : "0";
            templates.Add(new NumberTemplate(region, countryCode, digits, prefix, zones.GetValueOrDefault(region, "")));
        }
        return templates.ToImmutable();
    }
}
