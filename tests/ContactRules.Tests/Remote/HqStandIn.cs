using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ContactRules.Tests.Remote;

/// <summary>What the stand-in does with one request instead of answering normally.</summary>
internal enum HqFault
{
    None,
    TooManyRequests,
    ServerError,
    Unauthorized,
    Truncated,
    Hang,
    LoopingNext,

    /// <summary>The connection is dropped without an answer (a network failure part-way through a listing).</summary>
    Dropped,
}

/// <summary>
/// A local stand-in for CommCare HQ's Case API v2 on 127.0.0.1 (an <see cref="HttpListener"/> on a free
/// port): pages in the reference's shape (<c>matching_records</c>, <c>cases</c>, an absolute <c>next</c>
/// with one <c>cursor</c> parameter, absent on the last page), the <c>ApiKey</c> header checked, and faults
/// injected by request number.
/// </summary>
internal sealed class HqStandIn : IDisposable
{
    public const string Domain = "demo";

    public const string User = "support@example.org";

    public const string Key = "k3y5ecret0f7h3standin";

    private readonly HttpListener _listener = new();
    private readonly IReadOnlyList<string> _cases;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _requests;

    public HqStandIn(IReadOnlyList<string> cases)
    {
        _cases = cases;
        Port = FreePort();
        _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));
        _listener.Start();
        _serving = Task.Run(Serve);
    }

    public int Port { get; }

    public string ProjectUrl => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/a/{Domain}");

    /// <summary>Faults by request number (1 is the first request).</summary>
    public ConcurrentDictionary<int, HqFault> Faults { get; } = new();

    /// <summary>Every request's path and query, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>When each request arrived, to see that Retry-After was honoured.</summary>
    public ConcurrentQueue<DateTimeOffset> Arrivals { get; } = new();

    /// <summary>The bodies of the pages served, exactly as sent.</summary>
    public ConcurrentQueue<byte[]> Pages { get; } = new();

    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>A v2 case in the reference's shape (HQ's <c>serialize_es_case</c>).</summary>
    public static string Case(string id, string type, string owner, IReadOnlyDictionary<string, string?> properties, string modified = "2024-01-10T08:15:00.000000Z")
    {
        var props = new JsonObject();
        foreach (var (name, value) in properties)
        {
            props[name] = value;
        }
        var node = new JsonObject
        {
            ["domain"] = Domain,
            ["case_id"] = id,
            ["case_type"] = type,
            ["case_name"] = "Case " + id,
            ["external_id"] = null,
            ["owner_id"] = owner,
            ["date_opened"] = "2024-01-10T08:15:00.000000Z",
            ["last_modified"] = modified,
            ["server_last_modified"] = modified,
            ["indexed_on"] = modified,
            ["closed"] = false,
            ["date_closed"] = null,
            ["properties"] = props,
            ["indices"] = new JsonObject(),
        };
        return node.ToJsonString();
    }

    /// <summary>The cases of a v2 case file (such as examples/cases.json), reshaped as HQ serves them.</summary>
    public static List<string> CasesOf(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!["cases"]!.AsArray();
        return [.. root.Select(c =>
        {
            var node = c!.AsObject();
            node["domain"] = Domain;
            node["indexed_on"] ??= node["server_last_modified"]?.GetValue<string>();
            node["external_id"] ??= null;
            node["date_closed"] ??= null;
            node["indices"] ??= new JsonObject();
            return node.ToJsonString();
        })];
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => Answer(context));
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        var number = Interlocked.Increment(ref _requests);
        Requests.Enqueue(context.Request.Url!.PathAndQuery);
        Arrivals.Enqueue(DateTimeOffset.UtcNow);
        var response = context.Response;
        try
        {
            var fault = Faults.TryGetValue(number, out var f) ? f : HqFault.None;
            if (context.Request.Headers["Authorization"] != "ApiKey " + User + ":" + Key || fault == HqFault.Unauthorized)
            {
                await Write(response, 401, """{"error": "Your credentials are invalid."}""").ConfigureAwait(false);
                return;
            }
            if (context.Request.Url.AbsolutePath != "/a/" + Domain + "/api/case/v2/")
            {
                await Write(response, 404, """{"error": "Not found."}""").ConfigureAwait(false);
                return;
            }
            switch (fault)
            {
                case HqFault.TooManyRequests:
                    response.AddHeader("Retry-After", RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
                    await Write(response, 429, """{"error": "rate limited"}""").ConfigureAwait(false);
                    return;
                case HqFault.ServerError:
                    await Write(response, 500, "<html><body>Server Error (500)</body></html>").ConfigureAwait(false);
                    return;
                case HqFault.Dropped:
                    response.Abort();
                    return;
                case HqFault.Hang:
                    await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
                    return;
                default:
                    break;
            }
            var query = System.Web.HttpUtility.ParseQueryString(context.Request.Url.Query);
            int offset = 0, limit = 20;
            if (query["cursor"] is { } cursor)
            {
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('&');
                offset = int.Parse(parts[0], CultureInfo.InvariantCulture);
                limit = int.Parse(parts[1], CultureInfo.InvariantCulture);
            }
            else if (query["limit"] is { } given)
            {
                limit = Math.Min(5000, int.Parse(given, CultureInfo.InvariantCulture));
            }
            // indexed_on.gte as HQ applies it (inclusive); the cursor carries it on as HQ's does.
            var since = query["cursor"] is { } carried ? Since(carried) : query["indexed_on.gte"];
            IReadOnlyList<string> cases = since is null ? _cases : _cases.Where(c => string.CompareOrdinal(IndexedOn(c), since) >= 0).ToList();
            var page = new StringBuilder();
            page.Append(CultureInfo.InvariantCulture, $"{{\"matching_records\": {cases.Count}, \"cases\": [");
            page.AppendJoin(", ", cases.Skip(offset).Take(limit));
            page.Append(']');
            // A looping next leads back to the first cursor HQ handed out (the second page).
            var nextOffset = fault == HqFault.LoopingNext ? limit : offset + limit;
            if (nextOffset < cases.Count)
            {
                var next = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{nextOffset}&{limit}&{since}")));
                page.Append(CultureInfo.InvariantCulture, $", \"next\": \"{ProjectUrl}/api/case/v2/?cursor={Uri.EscapeDataString(next)}\"");
            }
            page.Append('}');
            var text = page.ToString();
            if (fault == HqFault.Truncated)
            {
                text = text[..(text.Length / 2)];
            }
            await Write(response, 200, text).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the stand-in is stopping.
        }
    }

    private static string? Since(string cursor) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('&') is { Length: > 2 } parts && parts[2].Length > 0 ? parts[2] : null;

    // The stand-in's cases write indexed_on in one fixed format, so text order is time order.
    private static string IndexedOn(string json) => JsonNode.Parse(json)!["indexed_on"]?.GetValue<string>() ?? "";

    private async Task Write(HttpListenerResponse response, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        if (status == 200)
        {
            Pages.Enqueue(bytes);
        }
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopping.
        }
        _stop.Dispose();
    }
}
