using System.Globalization;
using System.Text.Json;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Remote;

/// <summary>How far a fetch has got, for a progress display.</summary>
internal readonly record struct CaseApiProgress(int Pages, long Cases, long? MatchingRecords);

/// <summary>
/// A CommCare project's cases over the Case API v2, as a case input: <c>/a/DOMAIN/api/case/v2/</c> page by
/// page, following <c>next</c> until it is absent. Each page is written to disk exactly as received (the
/// <c>--save-pages</c> directory, or a temporary one) before its cases are streamed on, so at most one page
/// is in memory, and a run that reads its input twice (ownership, then judging) replays the saved pages
/// rather than asking HQ again: both passes see the same population. A failure (refused, unreachable, a
/// <c>next</c> that loops or leaves the server) is a <see cref="CaseReadKind.Problem"/> after the cases read
/// so far, and a replay ends with it too.
/// </summary>
internal sealed class CaseApiSource : IDisposable
{
    private readonly CaseApiQuery _query;
    private readonly CaseApiClient _client;
    private readonly string? _saveDirectory;
    private readonly Action<CaseApiProgress>? _progress;
    private readonly List<(string File, string Label)> _pages = [];
    private string? _spoolDirectory;
    private bool _fetched;
    private CaseReadResult? _ending;

    public CaseApiSource(CaseApiQuery query, CaseApiCredentials credentials, CaseApiClientOptions options, string? saveDirectory = null, Action<CaseApiProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        _query = query;
        _client = new CaseApiClient(credentials, options);
        _saveDirectory = saveDirectory;
        _progress = progress;
    }

    /// <summary>The listing: fetched on the first call, replayed from the saved pages on later ones.</summary>
    public IEnumerable<CaseReadResult> Read() => _fetched ? Replay() : Fetch();

    private IEnumerable<CaseReadResult> Fetch()
    {
        _pages.Clear();
        _ending = null;
        var directory = PrepareDirectory();
        if (directory.Error is { } refused)
        {
            _fetched = true;
            _ending = refused;
            yield return refused;
            yield break;
        }
        var url = _query.FirstPage();
        var seen = new HashSet<string>(StringComparer.Ordinal) { url.ToString() };
        long cases = 0;
        var pending = _client.Fetch(url);
        for (var page = 1; ; page++)
        {
            var (response, error) = pending.GetAwaiter().GetResult();
            if (response is null)
            {
                _ending = Failure(error!);
                break;
            }
            var file = Path.Combine(directory.Path!, SavedPages.FileName(page));
            File.WriteAllBytes(file, response.Body);
            var label = Messages.CaseApiPageLabel(page, _query.ProjectUrl);
            _pages.Add((file, label));
            var info = PageInfo.Read(response.Body);
            var (next, stop) = Next(url, info, page, seen);
            if (next is not null)
            {
                // The next page is on its way while this one's cases are judged: two pages in memory at most.
                pending = _client.Fetch(next);
            }
            using (var body = new MemoryStream(response.Body, writable: false))
            {
                foreach (var result in CaseSource.Read(body, label, CaseFormat.Json))
                {
                    cases += result.Kind == CaseReadKind.Problem ? 0 : 1;
                    yield return result;
                }
            }
            _progress?.Invoke(new CaseApiProgress(page, cases, info.MatchingRecords));
            if (stop is not null)
            {
                _ending = Failure(stop);
                break;
            }
            if (next is null)
            {
                break;
            }
            url = next;
        }
        _fetched = true;
        if (_ending is not null)
        {
            yield return _ending;
        }
    }

    /// <summary>The page after this one, or why the listing stops here (null for both on the last page).</summary>
    private (Uri? Next, string? Stop) Next(Uri url, PageInfo info, int page, HashSet<string> seen)
    {
        if (!info.Complete)
        {
            return (null, Messages.CaseApiPageIncomplete(page));
        }
        if (info.Next is null)
        {
            return (null, null);
        }
        if (!Uri.TryCreate(url, info.Next, out var next) || !_query.IsOnServer(next))
        {
            return (null, Messages.CaseApiNextForeign(info.Next));
        }
        return seen.Add(next.ToString()) ? (next, null) : (null, Messages.CaseApiNextLoops(next.ToString()));
    }

    private IEnumerable<CaseReadResult> Replay()
    {
        foreach (var (file, label) in _pages)
        {
            foreach (var result in SavedPages.ReadPage(file, label))
            {
                yield return result;
            }
        }
        if (_ending is not null)
        {
            yield return _ending;
        }
    }

    private (string? Path, CaseReadResult? Error) PrepareDirectory()
    {
        try
        {
            if (_saveDirectory is null)
            {
                _spoolDirectory ??= Directory.CreateTempSubdirectory("contactrules-pages-").FullName;
                foreach (var old in Directory.EnumerateFiles(_spoolDirectory))
                {
                    File.Delete(old);
                }
                return (_spoolDirectory, null);
            }
            Directory.CreateDirectory(_saveDirectory);
            // Pages of an earlier fetch would mix with this one when the directory is read back.
            return SavedPages.Files(_saveDirectory).Count > 0
                ? (null, Failure(Messages.SavePagesNotEmpty(_saveDirectory)))
                : (_saveDirectory, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.FileUnreadable, SourceLocation.File(_saveDirectory ?? Path.GetTempPath()), Messages.FileUnreadable(e.Message))));
        }
    }

    private CaseReadResult Failure(string message) =>
        CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.CaseApiFailed, SourceLocation.File(_query.ProjectUrl), message));

    public void Dispose()
    {
        _client.Dispose();
        if (_spoolDirectory is not null)
        {
            try
            {
                Directory.Delete(_spoolDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temporary directory left behind is the system's to clean.
            }
        }
    }

    /// <summary>The envelope of a v2 page: <c>next</c> and <c>matching_records</c>; not complete when the JSON is broken.</summary>
    internal readonly record struct PageInfo(string? Next, long? MatchingRecords, bool Complete)
    {
        public static PageInfo Read(ReadOnlySpan<byte> body)
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            string? next = null;
            long? matching = null;
            try
            {
                if (!reader.Read())
                {
                    return new PageInfo(null, null, false);
                }
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    return new PageInfo(null, null, !reader.Read());
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isNext = reader.ValueTextEquals("next"u8);
                    var isMatching = reader.ValueTextEquals("matching_records"u8);
                    reader.Read();
                    if (isNext && reader.TokenType == JsonTokenType.String)
                    {
                        next = reader.GetString();
                    }
                    else if (isMatching && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var count))
                    {
                        matching = count;
                    }
                    reader.Skip();
                }
                return new PageInfo(string.IsNullOrEmpty(next) ? null : next, matching, reader.TokenType == JsonTokenType.EndObject && !reader.Read());
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // InvalidOperationException: a key or `next` escaping a lone surrogate, which System.Text.Json
                // refuses to unescape; the page is then as unreadable as broken JSON.
                return new PageInfo(null, matching, false);
            }
        }
    }
}

/// <summary>
/// A directory of Case API pages saved by <c>--save-pages</c> (<c>page-00001.json</c>, …), read back in order
/// as one population, just as they were fetched.
/// </summary>
internal static class SavedPages
{
    private const string Pattern = "page-*.json";

    internal static string FileName(int page) => string.Create(CultureInfo.InvariantCulture, $"page-{page:D5}.json");

    /// <summary>Whether <paramref name="path"/> is a directory holding saved pages.</summary>
    public static bool IsSavedPages(string path) => Directory.Exists(path) && Files(path).Count > 0;

    internal static List<string> Files(string directory) =>
        [.. Directory.EnumerateFiles(directory, Pattern).Order(StringComparer.Ordinal)];

    /// <summary>Every case of every saved page in <paramref name="directory"/>, in page order.</summary>
    public static IEnumerable<CaseReadResult> Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var files = Directory.Exists(directory) ? Files(directory) : [];
        if (files.Count == 0)
        {
            yield return CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.FileUnreadable, SourceLocation.File(directory), Messages.SavedPagesNone(directory)));
            yield break;
        }
        foreach (var file in files)
        {
            foreach (var result in ReadPage(file, file))
            {
                yield return result;
            }
        }
    }

    internal static IEnumerable<CaseReadResult> ReadPage(string file, string label)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        foreach (var result in CaseSource.Read(stream, label, CaseFormat.Json))
        {
            yield return result;
        }
    }
}
