using System.ComponentModel;
using System.Globalization;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Remote;
using ContactRules.Text;
using Spectre.Console.Cli;

namespace ContactRules.Cli.Commands;

/// <summary>
/// The options of a CommCare HQ project as case input (<c>--from https://HOST/a/DOMAIN</c>) and the one
/// choice of where a command's cases come from: the project, a directory of saved pages, or a file.
/// A key is never an option: it comes from the environment or an owner-only file.
/// </summary>
internal class FromOptions : CaseReadingOptions
{
    [CommandOption("--from <URL>")]
    [Description(CliMessages.FromDescription)]
    public string? From { get; init; }

    [CommandOption("--case-type <TYPE>")]
    [Description(CliMessages.FromCaseTypesDescription)]
    public string[] CaseTypes { get; init; } = [];

    [CommandOption("--owner-id <ID>")]
    [Description(CliMessages.FromOwnerIdDescription)]
    public string? OwnerId { get; init; }

    [CommandOption("--closed <BOOL>")]
    [Description(CliMessages.FromClosedDescription)]
    public string? Closed { get; init; }

    [CommandOption("--modified-since <DATE>")]
    [Description(CliMessages.FromModifiedSinceDescription)]
    public string? ModifiedSince { get; init; }

    [CommandOption("--indexed-since <DATE>")]
    [Description(CliMessages.FromIndexedSinceDescription)]
    public string? IndexedSince { get; init; }

    [CommandOption("--api-key-env <VAR>")]
    [Description(CliMessages.FromApiKeyEnvDescription)]
    public string? ApiKeyEnv { get; init; }

    [CommandOption("--credentials <FILE>")]
    [Description(CliMessages.FromCredentialsDescription)]
    public string? Credentials { get; init; }

    [CommandOption("--page-size <N>")]
    [Description(CliMessages.FromPageSizeDescription)]
    [DefaultValue(CaseApiQuery.DefaultPageSize)]
    public int PageSize { get; init; } = CaseApiQuery.DefaultPageSize;

    [CommandOption("--save-pages <DIR>")]
    [Description(CliMessages.FromSavePagesDescription)]
    public string? SavePages { get; init; }

    [CommandOption("--request-timeout <SECONDS>")]
    [Description(CliMessages.FromRequestTimeoutDescription)]
    [DefaultValue(60)]
    public int RequestTimeout { get; init; } = 60;

    [CommandOption("--retries <N>")]
    [Description(CliMessages.FromRetriesDescription)]
    [DefaultValue(4)]
    public int Retries { get; init; } = 4;

    /// <summary>Where a sync resumes (a registry's stored cursor), asked as <c>indexed_on.gte</c> when <c>--indexed-since</c> is not given.</summary>
    public string? ResumeIndexedSince { get; set; }

    /// <summary>The project's domain named by <c>--from</c>, or null without it (or when the URL is not one).</summary>
    public string? FromDomain => From is null ? null : CaseApiQuery.Parse(From, out _)?.Domain;

    /// <summary>
    /// The opener of the command's cases: the project when <c>--from</c> is given, a directory of saved pages,
    /// or a file (or standard input). Option mistakes are problems of the input, reported like any other.
    /// </summary>
    /// <param name="cases">The case inputs given as arguments (files, directories, archives, - for standard input).</param>
    /// <param name="options">How to read them (sheet, renamed columns).</param>
    /// <param name="terminal">Where fetching is shown.</param>
    /// <param name="showFetching">Whether each page fetched is noted on the terminal.</param>
    /// <param name="latestOnly">Whether only the latest version of each case comes out (see <see cref="CaseInput.Opener"/>).</param>
    public Func<IEnumerable<CaseReadResult>> OpenCases(string[] cases, CaseReadOptions options, Terminal terminal, bool showFetching = true, bool latestOnly = true)
    {
        if (From is null && cases.Length == 0)
        {
            var missing = CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.FileUnreadable, SourceLocation.File(CaseInput.Argument), Messages.CaseInputMissing));
            return () => [missing];
        }
        if (From is null)
        {
            // A directory of saved pages is read like any directory of case files.
            return CaseInput.Opener(cases, options, latestOnly);
        }
        if (Source(terminal, showFetching, out var error) is { } source)
        {
            // The spooled pages live until the process ends: a run may read them a second time.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => source.Dispose();
            return latestOnly ? CasePopulation.Latest(source.Read) : source.Read;
        }
        var problem = CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.CaseApiFailed, SourceLocation.File("--from"), error!));
        return () => [problem];
    }

    private CaseApiSource? Source(Terminal terminal, bool showFetching, out string? error)
    {
        error = null;
        if (CaseApiQuery.Parse(From!, out error) is not { } query)
        {
            return null;
        }
        bool? closed = Closed switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        error = Closed is not null && closed is null ? Messages.CaseApiClosedValue
            : PageSize is < 1 or > CaseApiQuery.MaximumPageSize ? Messages.CaseApiPageSizeRange
            : ModifiedSince is { } modified && !CaseApiQuery.IsDateFilter(modified) ? Messages.CaseApiDateValue("--modified-since", modified)
            : IndexedSince is { } indexed && !CaseApiQuery.IsDateFilter(indexed) ? Messages.CaseApiDateValue("--indexed-since", indexed)
            : null;
        if (error is not null)
        {
            return null;
        }
        var credentials = Credentials is not null
            ? CaseApiCredentials.FromFile(Credentials, out error)
            : CaseApiCredentials.FromEnvironment(ApiKeyEnv ?? CaseApiCredentials.DefaultKeyVariable, Environment.GetEnvironmentVariable, out error);
        if (credentials is null)
        {
            return null;
        }
        query = query with { CaseTypes = CaseTypes, OwnerId = OwnerId, Closed = closed, ModifiedSince = ModifiedSince, IndexedSince = IndexedSince ?? ResumeIndexedSince, PageSize = PageSize };
        var options = new CaseApiClientOptions { RequestTimeout = TimeSpan.FromSeconds(Math.Max(1, RequestTimeout)), Retries = Math.Max(0, Retries) };
        // Only a terminal sees how far the fetch has got (unless the command draws its own bars there); a pipe or a test gets nothing extra.
        Action<CaseApiProgress>? progress = showFetching && terminal.ShowsProgress
            ? p => terminal.Note(Messages.CaseApiProgress(p.Pages, p.Cases, p.MatchingRecords))
            : null;
        return new CaseApiSource(query, credentials, options, SavePages, progress);
    }
}
