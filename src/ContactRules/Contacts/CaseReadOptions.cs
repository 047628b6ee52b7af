using System.Collections.ObjectModel;
using System.Globalization;

namespace ContactRules.Contacts;

/// <summary>
/// How case input is read: which sheet of a workbook, how renamed export headers map to case fields and
/// properties, and the limits that keep hostile or broken input from exhausting memory.
/// </summary>
public sealed record CaseReadOptions
{
    private static readonly IReadOnlyDictionary<string, string> NoColumns =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(StringComparer.Ordinal));

    public static CaseReadOptions Default { get; } = new();

    /// <summary>The workbook sheet to read (<c>--sheet</c>); the first sheet when null.</summary>
    public string? Sheet { get; init; }

    /// <summary>
    /// Renamed headers: the case field or property (<c>caseid</c>, <c>contact_phone_number</c>) by the header
    /// that holds it in the export (<c>--column caseid=ID</c>, or <c>columns:</c> in the project file).
    /// </summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = NoColumns;

    public InputLimits Limits { get; init; } = InputLimits.Default;

    /// <summary>
    /// The case properties records keep; null for all. The others are still held to the value limit, so the
    /// same records are accepted and rejected, but are not built: a pass that needs only a case's id and
    /// times (finding the latest version of each case) reads a good deal less.
    /// </summary>
    internal IReadOnlySet<string>? KeptProperties { get; init; }

    /// <summary>What the passes of one run share about inputs they all read (<see cref="ReadMemo"/>); none by default.</summary>
    internal ReadMemo? Memo { get; init; }

    /// <summary>Keeping no properties (but those that stand in for missing fields, which records always keep).</summary>
    internal static IReadOnlySet<string> NoProperties { get; } = new HashSet<string>(StringComparer.Ordinal);
}

/// <summary>
/// The stated limits of case input (docs/security.md). A record or a value past its limit is rejected with
/// its position and reading goes on; compressed data past its size or ratio is refused while it streams,
/// so a zip or gzip bomb is never unpacked into memory or onto disk.
/// </summary>
public sealed record InputLimits
{
    public const int DefaultMaxRecordBytes = 1 << 20;
    public const int DefaultMaxValueChars = 64 * 1024;

    public static InputLimits Default { get; } = new();

    /// <summary>The largest record: a JSON case, a JSON line, a CSV row or a sheet row (1 MiB).</summary>
    public int MaxRecordBytes { get; init; } = DefaultMaxRecordBytes;

    /// <summary>The longest value of one field or property, in characters (64 Ki).</summary>
    public int MaxValueChars { get; init; } = DefaultMaxValueChars;

    /// <summary>The most bytes one compressed stream (an archive member, a gzip file) may unpack to (8 GiB).</summary>
    public long MaxUncompressedBytes { get; init; } = 8L << 30;

    /// <summary>The most a compressed stream may expand, uncompressed bytes per compressed byte (200).</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>The ratio is judged once this many bytes are out (8 MiB): small members of high ratio are harmless.</summary>
    public long RatioGraceBytes { get; init; } = 8L << 20;

    internal string Describe() => string.Create(
        CultureInfo.InvariantCulture, $"{MaxUncompressedBytes >> 20} MiB uncompressed or {MaxCompressionRatio}× its compressed size");
}
