using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Contacts;

/// <summary>
/// Opens case input (again): the same records each time, keeping only the properties named (null: all of
/// them, see <see cref="CaseReadOptions.KeptProperties"/>), so a pass reads no more than it uses.
/// </summary>
internal delegate IEnumerable<CaseReadResult> CaseOpener(IReadOnlySet<string>? keptProperties);

/// <summary>
/// Any number of inputs (files, directories, archives, standard input) read as one population: one stream
/// of records in the order given (a directory's case files sorted by path), in which a case met more than
/// once counts once. Its latest version wins: by server modification time, then modification time, then
/// the later in input order; the others come out as <see cref="CaseReadKind.Superseded"/>, with a warning
/// naming both places, and are counted as read.
/// </summary>
public static class CasePopulation
{
    /// <summary>The extensions a directory's case files have (content still decides how each is read).</summary>
    private static readonly HashSet<string> CaseFileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".json", ".jsonl", ".ndjson", ".csv", ".xlsx", ".zip", ".gz",
    };

    /// <summary>The inputs <paramref name="paths"/> name: each path as given, a directory as its case files, sorted.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var inputs = new List<string>();
        foreach (var path in paths)
        {
            if (path != CaseSource.StandardInputName && Directory.Exists(path))
            {
                inputs.AddRange(Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
                    .Where(f => CaseFileExtensions.Contains(Path.GetExtension(f)) && !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                inputs.Add(path);
            }
        }
        return inputs;
    }

    /// <summary>The records of every input in turn, as <paramref name="open"/> reads each.</summary>
    public static IEnumerable<CaseReadResult> Concat(IReadOnlyList<string> inputs, Func<string, IEnumerable<CaseReadResult>> open)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(open);
        foreach (var input in inputs)
        {
            foreach (var result in open(input))
            {
                yield return result;
            }
        }
    }

    /// <summary>
    /// An opener of the same records in which every case but the latest version of each is superseded.
    /// The first call reads the input once to find the latest versions; later calls reuse what it found.
    /// </summary>
    public static Func<IEnumerable<CaseReadResult>> Latest(Func<IEnumerable<CaseReadResult>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return new LatestCases(_ => open()).Open;
    }

    /// <summary>
    /// Like <see cref="Latest(Func{IEnumerable{CaseReadResult}})"/>, over an opener that can leave properties
    /// out: the read that finds the latest versions keeps none (it needs only ids and times).
    /// </summary>
    internal static LatestCases Latest(CaseOpener open) => new(open ?? throw new ArgumentNullException(nameof(open)));

    /// <summary>
    /// The population behind a <see cref="Latest(Func{IEnumerable{CaseReadResult}})"/> opener (its delegate's
    /// target). A run's first pass may find the latest versions itself (<see cref="Settle"/>), so that the
    /// input is not read once more just for them.
    /// </summary>
    internal sealed class LatestCases(CaseOpener open)
    {
        private Dictionary<string, Version>? _latest;

        /// <summary>Whether the latest versions are known (the input was read once).</summary>
        public bool IsSettled => _latest is not null;

        /// <summary>The records, every version but the latest of each case superseded, with all their properties.</summary>
        public IEnumerable<CaseReadResult> Open() => Mark(() => open(null), _latest ??= FindLatest(open(CaseReadOptions.NoProperties)));

        /// <summary>
        /// Reads the input once as it comes, nothing superseded yet (through <paramref name="through"/>, which
        /// sees every result and gives them all back in order), finding the latest versions on the way, so
        /// that later opens need no read of their own for them.
        /// </summary>
        public void Settle(Func<IEnumerable<CaseReadResult>, IEnumerable<CaseReadResult>> through)
        {
            ArgumentNullException.ThrowIfNull(through);
            if (_latest is not null)
            {
                throw new InvalidOperationException(Messages.PopulationSettled);
            }
            _latest = FindLatest(through(open(null)));
        }

        /// <summary>
        /// Whether the <paramref name="version"/>th accepted record of the input (counted from 0), of case
        /// <paramref name="id"/>, is that case's latest version (known once settled).
        /// </summary>
        public bool IsLatest(string id, long version) =>
            (_latest ?? throw new InvalidOperationException(Messages.PopulationNotSettled)) is var latest
            && (!latest.TryGetValue(id, out var winner) || winner.Ordinal == version);

        /// <summary>Whether some case is met more than once (known once settled).</summary>
        public bool HasVersions => (_latest ?? throw new InvalidOperationException(Messages.PopulationNotSettled)).Count > 0;
    }

    /// <summary>
    /// One version of a case, kept small because the first read holds one for every case: times as ticks
    /// (<see cref="NoTime"/> for none, before every real time; HQ's times are whole microseconds, so nothing
    /// is lost), where it was read (its input and line: a record has no column), and how many versions of
    /// the case were met.
    /// </summary>
    private readonly record struct Version(long ServerModified, long Modified, long Ordinal, string Source, int Line, int Count)
    {
        public SourceLocation At => SourceLocation.Record(Source, Line);

        public bool IsLaterThan(Version other) =>
            ServerModified != other.ServerModified ? ServerModified > other.ServerModified
            : Modified != other.Modified ? Modified > other.Modified
            : Ordinal > other.Ordinal;
    }

    private const long NoTime = long.MinValue;

    private static Version VersionOf(CaseRecord record, long ordinal) =>
        new(record.ServerLastModified?.Instant?.ToUnixTimeTicks() ?? NoTime, record.LastModified?.Instant?.ToUnixTimeTicks() ?? NoTime, ordinal, record.Source ?? "", record.SourceLine, 1);

    private static Dictionary<string, Version> FindLatest(IEnumerable<CaseReadResult> results)
    {
        // Every case's id once, numbered, and its latest version under the same number.
        var ids = new CaseIdIndex();
        var versions = new ChunkedList<Version>();
        long ordinal = 0;
        foreach (var result in results)
        {
            if (result is { Kind: CaseReadKind.Accepted, Record: { } record })
            {
                var version = VersionOf(record, ordinal++);
                var number = ids.GetOrAdd(record.Id, out var added);
                if (added)
                {
                    versions.Add(version);
                }
                else
                {
                    ref var latest = ref versions[number];
                    latest = (version.IsLaterThan(latest) ? version : latest) with { Count = latest.Count + 1 };
                }
            }
        }
        return Trimmed(ids, versions);
    }

    /// <summary>
    /// Only cases met more than once need to be looked up again: they are copied out, so that the table of
    /// every case (and every id in it) is not held through the passes that follow.
    /// </summary>
    private static Dictionary<string, Version> Trimmed(CaseIdIndex ids, ChunkedList<Version> versions)
    {
        var repeated = new Dictionary<string, Version>(StringComparer.Ordinal);
        for (var number = 0; number < versions.Count; number++)
        {
            if (versions[number].Count > 1)
            {
                repeated.Add(ids[number], versions[number]);
            }
        }
        return repeated;
    }

    private static IEnumerable<CaseReadResult> Mark(Func<IEnumerable<CaseReadResult>> open, Dictionary<string, Version> latest)
    {
        long ordinal = 0;
        foreach (var result in open())
        {
            if (result is { Kind: CaseReadKind.Accepted, Record: { } record })
            {
                var here = ordinal++;
                if (latest.TryGetValue(record.Id, out var winner) && winner.Ordinal != here)
                {
                    var at = LocationOf(result);
                    yield return CaseReadResult.Superseded(record, Diagnostic.Warning(
                        DiagnosticCodes.SupersededCase, at, Messages.CaseSuperseded(record.Id, winner.At.ToString(), winner.Count)));
                    continue;
                }
            }
            yield return result;
        }
    }

    /// <summary>Where a record was read: its input (archive member, sheet) and line, as the reader named them.</summary>
    private static SourceLocation LocationOf(CaseReadResult result) =>
        result.Record!.Source is { } source ? SourceLocation.Record(source, result.Record.SourceLine) : SourceLocation.Record("", result.Record.SourceLine);
}
