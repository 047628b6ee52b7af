using System.Globalization;

namespace ContactRules.Text;

/// <summary>Messages of the contact registry and of send times.</summary>
internal static partial class Messages
{
    public static string RegistryUnavailable(string registry, string detail) =>
        $"cannot open the registry {registry}: {detail}";

    public static string RegistryTooNew(int found, int supported) =>
        string.Create(CultureInfo.InvariantCulture, $"the registry has schema version {found}, but this version of contactrules knows only up to {supported}; use a newer contactrules");

    public static string RegistryNotARegistry(string registry) =>
        $"{registry} is not a ContactRules registry (it has no registry_schema table); it was left as it was";

    public static string RegistryTooOldToRead(string registry, int found, int supported) =>
        string.Create(CultureInfo.InvariantCulture, $"the registry {registry} has schema version {found}, older than {supported}; reading commands never change it, so run `contactrules register` on it once to migrate it");

    public static string RegistryFailed(string registry, string detail) => $"the registry {registry} cannot be used: {detail}";

    public static string RegistryUriInvalid(string uri) => $"{Quote(uri)} is not a PostgreSQL URI (postgresql://user@host:port/database)";

    public static string RegistryUriParameter(string key, string detail) => $"PostgreSQL URI parameter {Quote(key)}: {detail}";

    public const string RegistryRequired = "--registry is required";

    public const string BatchSizeTooSmall = "--batch-size must be at least 1";

    public const string TimeRequired = "--time is required";

    public const string OptOutListTakesNoNumber = "optout list takes no NUMBER";

    public static string NotANumber(string text) => $"{text}: a number is E.164 digits, e.g. 254712345678";

    public static string FormatExpected(string format) => $"--format {format}: expected text or json";

    public static string TimeExpected(string time) => $"--time {time}: expected HH:MM, e.g. 09:30";

    public static string DateExpected(string date) => $"--date {date}: expected YYYY-MM-DD, e.g. 2026-03-08";

    public static string OptOutNeedsNumber(string action) => $"optout {action} needs a NUMBER";

    public static string OptOutAction(string action) => $"optout {action}: expected add, remove or list";

    [Sentences]

    public static string Registered(int read, long recorded, int rejected, string kind, int owned) =>
        string.Create(CultureInfo.InvariantCulture, $"{read} records read: {recorded} recorded, {rejected} rejected. The {kind} registry has {owned} numbers owned for two-way SMS.");

    [Sentences]

    public static string Scheduled(int read, int accepted, int rejected) =>
        string.Create(CultureInfo.InvariantCulture, $"{read} records read: {accepted} scheduled, {rejected} rejected.");

    public static string OptedOut(string number, bool changed) => changed ? $"{number} has opted out" : $"{number} had already opted out";

    public static string OptedBackIn(string number, bool changed) => changed ? $"{number} has opted back in" : $"{number} had not opted out";

    public static string NobodyOwns(string number) => $"{number}  nobody owns it";

    public static string Owner(string number, string owner) => $"{number}  {owner}";

    public static string OwnerAndLine(string number, string owner, IEnumerable<string> claimants) =>
        $"{number}  {owner}  (in line: {string.Join(", ", claimants)})";

    public static string SendTimeOutOfRange(string caseId, string local, string zone) =>
        $"{caseId}: {local} in {zone} is after the last time the tool can represent (the end of the year 9999 UTC), so it is not scheduled";

    public static string SendSkipped(string requested, long minutes, string sentLocal) =>
        string.Create(CultureInfo.InvariantCulture, $"{requested} does not exist there: the clocks skip it, so it goes {minutes} min later, at {sentLocal} local");

    public static string SendRepeated(string requested, string offset) => $"{requested} happens twice there: the first, at offset {offset}, is used";
}

