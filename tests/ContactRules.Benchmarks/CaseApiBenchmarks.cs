using System.Globalization;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Generation;
using ContactRules.Pipeline;
using ContactRules.Remote;
using ContactRules.RuleFiles;

namespace ContactRules.Benchmarks;

/// <summary>
/// Issue 13's speed target: fetching a project's 100,000 cases over the Case API, in pages of 1,000 from a
/// stand-in on loopback that serves them from memory, and judging them as <c>audit --from</c> does, within
/// 1.5× of auditing the same cases from a local JSON file. Both sides run the audit's pipeline on every core
/// (the latest version of each case, ownership settled within the input, then every verdict); the fetch
/// also writes each page to its spool directory and the judging pass replays it from there, as the command does.
/// </summary>
[MemoryDiagnoser]
public class CaseApiBenchmarks : IDisposable
{
    private const int CaseCount = 100_000;
    private const int PageSize = 1_000;
    private const string Domain = "demo";

    private readonly string _directory = Directory.CreateTempSubdirectory("contactrules-api-bench-").FullName;
    private string _file = "";
    private byte[][] _pages = [];
    private HttpListener _listener = null!;
    private CancellationTokenSource _stop = null!;
    private string _projectUrl = "";
    private CompiledRules _rules = null!;
    private CaseApiCredentials _credentials = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cases = new CaseGenerator(GeneratorOptions.Default).Generate(CaseCount).ToList();
        _file = Path.Combine(_directory, "cases.json");
        using (var file = File.Create(_file))
        {
            CaseExportWriter.Write(cases, CaseGenerator.PropertyNames, file, ExportFormat.Json);
        }
        var port = FreePort();
        _projectUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/a/{Domain}");
        _pages = [.. cases.Chunk(PageSize).Select((chunk, i) => Page(chunk, (i + 1) * PageSize < CaseCount ? i + 1 : null))];
        _listener = new HttpListener();
        _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        _listener.Start();
        _stop = new CancellationTokenSource();
        _ = Task.Run(Serve);

        var diagnostics = new DiagnosticBag();
        _rules = CompiledRules.Compile(RuleFileLoader.LoadBuiltIn(), ExampleProject.Settings, diagnostics)
            ?? throw new InvalidOperationException(string.Join('\n', diagnostics.Items));
        _credentials = CaseApiCredentials.FromEnvironment("KEY", name => name == "KEY" ? "bench:secret" : null, out var error)
            ?? throw new InvalidOperationException(error);

        var fromFile = FromFile();
        var fromApi = FromApi();
        if (fromFile != CaseCount || fromApi != CaseCount)
        {
            throw new InvalidOperationException($"judged {fromFile} cases from the file and {fromApi} over the API, not {CaseCount}");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _stop?.Cancel();
        _stop?.Dispose();
        _listener?.Close();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>A v2 page of the cases as the tool's own JSON export writes them, with <c>next</c> unless it is the last.</summary>
    private byte[] Page(IEnumerable<CaseRecord> cases, int? next)
    {
        using var buffer = new MemoryStream();
        CaseExportWriter.Write(cases, CaseGenerator.PropertyNames, buffer, ExportFormat.Json);
        var json = Encoding.UTF8.GetString(buffer.ToArray());
        var envelope = next is { } cursor
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"next\": \"{_projectUrl}/api/case/v2/?cursor={cursor}\", ")
            : "{";
        return Encoding.UTF8.GetBytes(envelope + json.TrimStart()[1..]);
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
            var cursor = context.Request.QueryString["cursor"] is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
            var body = _pages[cursor];
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>The number of cases judged, so every verdict is used.</summary>
    private int Judge(Func<IEnumerable<CaseReadResult>> open) =>
        new JudgingRun(_rules, new RunOptions { Parallelism = Environment.ProcessorCount }).Run(CasePopulation.Latest(open)).Count(item => item.Verdict is not null);

    [Benchmark(Baseline = true, Description = "audit 100,000 cases from a local JSON file")]
    public int FromFile() => Judge(() => CaseSource.Open(_file));

    /// <summary>Where the time goes: the fetch alone (each page received, spooled and its cases read once).</summary>
    [Benchmark(Description = "fetch 100 pages of 1,000 over the Case API, no judging")]
    public int FetchOnly()
    {
        var query = CaseApiQuery.Parse(_projectUrl, out var error) ?? throw new InvalidOperationException(error);
        using var source = new CaseApiSource(query with { PageSize = PageSize }, _credentials, new CaseApiClientOptions { Retries = 0 });
        return source.Read().Count();
    }

    /// <summary>Where the time goes: the local file read once, no judging.</summary>
    [Benchmark(Description = "read the local JSON file once, no judging")]
    public int ReadOnly() => CaseSource.Open(_file).Count();

    [Benchmark(Description = "fetch 100 pages of 1,000 over the Case API and audit them")]
    public int FromApi()
    {
        var query = CaseApiQuery.Parse(_projectUrl, out var error) ?? throw new InvalidOperationException(error);
        using var source = new CaseApiSource(query with { PageSize = PageSize }, _credentials, new CaseApiClientOptions { Retries = 0 });
        return Judge(source.Read);
    }
}
