using System.Globalization;
using System.Text;
using ContactRules.Text;

namespace ContactRules.Remote;

/// <summary>
/// Which cases of a CommCare project to list: the project (<c>https://HOST/a/DOMAIN</c>) and the filters
/// HQ's Case API v2 takes as its own query parameters, so the server does the filtering.
/// </summary>
internal sealed record CaseApiQuery
{
    /// <summary>HQ's largest page (<c>limit</c>); its default is 20, far too small for an audit.</summary>
    public const int MaximumPageSize = 5000;

    public const int DefaultPageSize = 1000;

    private CaseApiQuery(Uri server, string domain)
    {
        Server = server;
        Domain = domain;
    }

    /// <summary>Scheme, host and port of the project's server; every page must come from here.</summary>
    public Uri Server { get; }

    public string Domain { get; }

    public IReadOnlyList<string> CaseTypes { get; init; } = [];

    public string? OwnerId { get; init; }

    public bool? Closed { get; init; }

    /// <summary>Passed as <c>last_modified.gte</c>.</summary>
    public string? ModifiedSince { get; init; }

    /// <summary>Passed as <c>indexed_on.gte</c>.</summary>
    public string? IndexedSince { get; init; }

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The project as users name it, <c>https://HOST/a/DOMAIN</c>: what messages show.</summary>
    public string ProjectUrl => new Uri(Server, "/a/" + Uri.EscapeDataString(Domain)).ToString();

    /// <summary>
    /// Reads <c>https://HOST/a/DOMAIN</c> (a trailing slash or <c>/api/case/v2/</c> is allowed). Plain http
    /// only for loopback hosts, and never a user name or key in the URL: a key on the command line ends up in
    /// shell history and process listings.
    /// </summary>
    public static CaseApiQuery? Parse(string url, out string? error)
    {
        ArgumentNullException.ThrowIfNull(url);
        error = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            error = Messages.CaseApiUrlInvalid(url);
            return null;
        }
        if (uri.UserInfo.Length > 0)
        {
            error = Messages.CaseApiUrlHasCredentials;
            return null;
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            error = Messages.CaseApiUrlNotHttps(uri.GetLeftPart(UriPartial.Path));
            return null;
        }
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var apiSuffix = segments.Length == 5 && segments[2] == "api" && segments[3] == "case" && segments[4] == "v2";
        if ((segments.Length != 2 && !apiSuffix) || segments[0] != "a" || uri.Query.Length > 0)
        {
            error = Messages.CaseApiUrlInvalid(uri.GetLeftPart(UriPartial.Path));
            return null;
        }
        return new CaseApiQuery(new Uri(uri.GetLeftPart(UriPartial.Authority)), Uri.UnescapeDataString(segments[1]));
    }

    /// <summary>The first page's URL: <c>/a/DOMAIN/api/case/v2/?limit=…&amp;case_type=…</c>.</summary>
    public Uri FirstPage()
    {
        var query = new StringBuilder();
        void Add(string name, string value) =>
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        Add("limit", PageSize.ToString(CultureInfo.InvariantCulture));
        foreach (var type in CaseTypes)
        {
            Add("case_type", type);
        }
        if (OwnerId is not null)
        {
            Add("owner_id", OwnerId);
        }
        if (Closed is { } closed)
        {
            Add("closed", closed ? "true" : "false");
        }
        if (ModifiedSince is not null)
        {
            Add("last_modified.gte", ModifiedSince);
        }
        if (IndexedSince is not null)
        {
            Add("indexed_on.gte", IndexedSince);
        }
        return new Uri(Server, "/a/" + Uri.EscapeDataString(Domain) + "/api/case/v2/" + query);
    }

    /// <summary>Whether <paramref name="next"/> is on this project's server, so the key may be sent to it.</summary>
    public bool IsOnServer(Uri next) =>
        Uri.Compare(next, Server, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>A date filter as HQ takes it: a date, or a date and time; anything else is an error.</summary>
    public static bool IsDateFilter(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
        && value.Length >= 10 && char.IsAsciiDigit(value[0]);
}
