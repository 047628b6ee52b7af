using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ContactRules.Text;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ContactRules.Remote;

/// <summary>How patient the client is with HQ: per-request timeout and bounded retries.</summary>
internal sealed record CaseApiClientOptions
{
    /// <summary>How long one request (headers and body) may take before it is abandoned and retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a 429, a 5xx, a timeout or a dropped connection is retried before giving up.</summary>
    public int Retries { get; init; } = 4;

    /// <summary>The first backoff delay; it doubles (with jitter) on each retry unless HQ says <c>Retry-After</c>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait, even when <c>Retry-After</c> asks for more.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>One answer from HQ: status and body exactly as received.</summary>
internal sealed record CaseApiResponse(int Status, byte[] Body, TimeSpan? RetryAfter)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public bool Transient => Status is 429 or >= 500;
}

/// <summary>
/// Fetches pages of the Case API with the key in the <c>Authorization</c> header only. Retries (429 with its
/// <c>Retry-After</c>, 5xx, timeouts, dropped connections) and the per-request timeout are a Polly pipeline,
/// not a hand-written loop. Redirects are not followed, so the key never goes to a server the user did not name.
/// </summary>
internal sealed class CaseApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly CaseApiCredentials _credentials;
    private readonly CaseApiClientOptions _options;
    private readonly ResiliencePipeline<CaseApiResponse> _pipeline;

    public CaseApiClient(CaseApiCredentials credentials, CaseApiClientOptions options)
    {
        _credentials = credentials;
        _options = options;
        // The pipeline's timeout governs each attempt; HttpClient's own would cancel the retries too.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("contactrules", "1"));
        var builder = new ResiliencePipelineBuilder<CaseApiResponse>();
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<CaseApiResponse>
            {
                ShouldHandle = new PredicateBuilder<CaseApiResponse>()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.Transient),
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result?.RetryAfter is { } wait ? (TimeSpan?)(wait < options.MaxRetryDelay ? wait : options.MaxRetryDelay) : null),
            });
        }
        _pipeline = builder.AddTimeout(options.RequestTimeout).Build();
    }

    /// <summary>The answer for <paramref name="url"/>, or the message saying why there is none (never naming the key).</summary>
    public async Task<(CaseApiResponse? Response, string? Error)> Fetch(Uri url)
    {
        try
        {
            var response = await _pipeline.ExecuteAsync(static (state, token) => state.Client.Attempt(state.Url, token), (Client: this, Url: url)).ConfigureAwait(false);
            return response.Succeeded ? (response, null) : (null, Scrub(Messages.CaseApiRefused(response.Status, url.ToString(), HqMessage(response.Body))));
        }
        catch (TimeoutRejectedException)
        {
            return (null, Messages.CaseApiTimedOut(url.ToString(), _options.RequestTimeout.TotalSeconds));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (null, Scrub(Messages.CaseApiUnreachable(url.ToString(), e.Message)));
        }
        catch (ObjectDisposedException)
        {
            // A page fetched ahead when the reader stopped early and disposed the client: nobody waits for it.
            return (null, Messages.CaseApiUnreachable(url.ToString(), Messages.CaseApiFetchAbandoned));
        }
    }

    private async ValueTask<CaseApiResponse> Attempt(Uri url, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var (scheme, parameter) = _credentials.Header;
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, parameter);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        return new CaseApiResponse((int)response.StatusCode, body, retryAfter is { } wait && wait < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);
    }

    /// <summary>What HQ said in an error body: its <c>error</c>/<c>detail</c>/<c>message</c>, or short plain text; never an HTML page.</summary>
    private static string? HqMessage(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (string[])["error", "detail", "message"])
                {
                    if (json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return Shorten(value.GetString()!);
                    }
                }
            }
            return null;
        }
        catch (JsonException)
        {
            var text = Encoding.UTF8.GetString(body).Trim();
            return text.Length == 0 || text.StartsWith('<') ? null : Shorten(text);
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Removes the key from a message, should a server or the network stack ever echo it.</summary>
    private string Scrub(string message) => message.Replace(_credentials.Key, "***", StringComparison.Ordinal);

    public void Dispose() => _http.Dispose();
}
