using ContactRules.Diagnostics;
using ContactRules.Text;
using NodaTime;

namespace ContactRules.Contacts;

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
        Dictionary<string, Version>? latest = null;
        return () => Mark(open, latest ??= FindLatest(open()));
    }

    private readonly record struct Version(Instant? ServerModified, Instant? Modified, long Ordinal, SourceLocation At, int Count)
    {
        public bool IsLaterThan(Version other) =>
            Compare(ServerModified, other.ServerModified) is var server && server != 0 ? server > 0
            : Compare(Modified, other.Modified) is var modified && modified != 0 ? modified > 0
            : Ordinal > other.Ordinal;

        private static int Compare(Instant? a, Instant? b) => (a, b) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            _ => a.Value.CompareTo(b.Value),
        };
    }

    private static Version VersionOf(CaseRecord record, long ordinal, SourceLocation at) =>
        new(record.ServerLastModified?.Instant, record.LastModified?.Instant, ordinal, at, 1);

    private static Dictionary<string, Version> FindLatest(IEnumerable<CaseReadResult> results)
    {
        var latest = new Dictionary<string, Version>(StringComparer.Ordinal);
        long ordinal = 0;
        foreach (var result in results)
        {
            if (result is { Kind: CaseReadKind.Accepted, Record: { } record })
            {
                var version = VersionOf(record, ordinal++, LocationOf(result));
                if (latest.TryGetValue(record.Id, out var known))
                {
                    latest[record.Id] = (version.IsLaterThan(known) ? version : known) with { Count = known.Count + 1 };
                }
                else
                {
                    latest[record.Id] = version;
                }
            }
        }
        // Only cases met more than once need to be looked up again.
        foreach (var id in latest.Where(p => p.Value.Count == 1).Select(p => p.Key).ToList())
        {
            latest.Remove(id);
        }
        return latest;
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
