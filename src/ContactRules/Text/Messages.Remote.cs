using System.Globalization;

namespace ContactRules.Text;

// Messages of the CommCare Case API source (--from). None of them ever takes a key: only URLs without
// credentials, statuses and what HQ said.
internal static partial class Messages
{
    public static string CaseApiUrlInvalid(string url) =>
        $"{Quote(url)} is not a CommCare project URL (https://HOST/a/DOMAIN)";

    public static string CaseApiUrlNotHttps(string url) =>
        $"{Quote(url)} must use https (plain http is accepted only for a loopback host such as 127.0.0.1)";

    public const string CaseApiUrlHasCredentials =
        "the project URL must not carry a user name or key; give the key with --api-key-env or --credentials";

    public static string CaseApiKeyMissing(string keyVariable, string userVariable) =>
        $"no CommCare API key: set {keyVariable} (and {userVariable}) or give --credentials FILE";

    public static string CaseApiCredentialsUnreadable(string path, string detail) => $"cannot read the credentials file {Quote(path)}: {detail}";

    public static string CaseApiCredentialsShape(string path) =>
        $"the credentials file {Quote(path)} must hold one line USERNAME:APIKEY";

    public static string CaseApiCredentialsOpen(string path) =>
        $"the credentials file {Quote(path)} can be read by others; make it owner-only (chmod 600)";

    public const string CaseApiPageSizeRange = "--page-size must be between 1 and 5000 (HQ's maximum)";

    public const string CaseApiClosedValue = "--closed must be true or false";

    public static string CaseApiDateValue(string option, string value) =>
        $"{option} {Quote(value)}: expected a date or date and time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)";

    public static string CaseApiRefused(int status, string url, string? hqMessage) =>
        string.Create(CultureInfo.InvariantCulture, $"CommCare HQ answered {status} for {url}") + (string.IsNullOrWhiteSpace(hqMessage) ? "" : ": " + hqMessage.Trim())
        + (status is 401 or 403 ? " (check the user name and API key, and that the key may read this project)" : "");

    public const string CaseApiFetchAbandoned = "the fetch was abandoned";

    public static string CaseApiUnreachable(string url, string detail) => $"cannot fetch {url}: {detail}";

    public static string CaseApiTimedOut(string url, double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"cannot fetch {url}: no answer within {seconds:0.#} s");

    public static string CaseApiNextLoops(string url) => $"the page's `next` ({url}) leads back to a page already read; fetching stops";

    public static string CaseApiNextForeign(string url) => $"the page's `next` ({url}) leaves the project's server; fetching stops so the key is not sent elsewhere";

    public static string CaseApiPageIncomplete(int page) =>
        string.Create(CultureInfo.InvariantCulture, $"page {page} is not complete JSON, so the next page is unknown; fetching stops");

    public static string CaseApiPageLabel(int page, string projectUrl) =>
        string.Create(CultureInfo.InvariantCulture, $"{projectUrl} page {page}");

    public static string SavePagesNotEmpty(string directory) =>
        $"the directory {Quote(directory)} already holds saved pages; name a new or empty directory for --save-pages";

    public const string CaseInputMissing = "no cases: name a case file, a directory of saved pages or - for standard input, or give --from https://HOST/a/DOMAIN";

    public static string SavedPagesNone(string directory) => $"the directory {Quote(directory)} holds no saved pages (page-*.json)";

    public static string CaseApiProgress(int pages, long cases, long? matching) =>
        matching is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"Fetching: page {pages}, {cases} of {total} cases")
            : string.Create(CultureInfo.InvariantCulture, $"Fetching: page {pages}, {cases} cases");
}
