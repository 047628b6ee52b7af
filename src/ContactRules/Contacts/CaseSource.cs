using System.IO.Compression;
using System.Text.Json;
using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Contacts;

/// <summary>The text formats of case input (inside any container: gzip, a zip archive).</summary>
public enum CaseFormat
{
    /// <summary>CommCare's case API JSON: an object with a <c>cases</c> (v2) or <c>objects</c> (v0.5) list, or a list of cases.</summary>
    Json,

    /// <summary>One case object per line.</summary>
    JsonLines,

    /// <summary>A case export with a header row.</summary>
    Csv,
}

/// <summary>
/// Opens case input, a file or standard input (<c>-</c>), and streams its records. What the input is comes
/// from its content, never from its name: a zip archive (<c>PK</c>) is an xlsx workbook when it holds
/// <c>xl/workbook.xml</c>, otherwise an archive whose members are read in turn (each named
/// <c>archive.zip!folder/member.csv</c>); gzip (<c>1F 8B</c>) is unpacked as it streams; UTF-16 with a
/// byte-order mark is read as text; text is JSON when <c>[</c> or <c>{</c> comes first, unless a first object
/// on its own line is followed by another (JSON lines), and CSV otherwise. Compressed data is refused past
/// the stated <see cref="InputLimits"/> while it streams. Bad input never throws: it yields
/// <see cref="CaseReadKind.Rejected"/> records and <see cref="CaseReadKind.Problem"/>s.
/// </summary>
public static class CaseSource
{
    public const string StandardInputName = "-";

    private const int SniffSize = 64 * 1024;

    // An archive in a gzip in an archive is as deep as real exports go; deeper nesting is refused.
    private const int MaxNesting = 4;

    private enum Container
    {
        Text,
        Zip,
        Gzip,
        Utf16LittleEndian,
        Utf16BigEndian,
        Utf16WithoutMark,
        Binary,
    }

    /// <summary>
    /// Reads <paramref name="pathOrDash"/>, or <paramref name="standardInput"/> (the console's by default)
    /// when it is <c>-</c>. Nothing is opened until the results are enumerated; a file is closed at the end.
    /// </summary>
    public static IEnumerable<CaseReadResult> Open(string pathOrDash, Stream? standardInput = null) =>
        Open(pathOrDash, CaseReadOptions.Default, standardInput);

    /// <inheritdoc cref="Open(string, Stream?)"/>
    public static IEnumerable<CaseReadResult> Open(string pathOrDash, CaseReadOptions options, Stream? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(pathOrDash);
        ArgumentNullException.ThrowIfNull(options);
        return pathOrDash == StandardInputName
            ? Read(standardInput ?? Console.OpenStandardInput(), pathOrDash, options)
            : Deferred(() => ReadFile(pathOrDash, options));
    }

    /// <summary>
    /// Streams the records of <paramref name="stream"/> (left open: the caller owns it), detecting what it is
    /// from the content; <paramref name="format"/>, when given, names the text format inside any container.
    /// </summary>
    public static IEnumerable<CaseReadResult> Read(Stream stream, string displayPath, CaseFormat? format = null) =>
        Read(stream, displayPath, CaseReadOptions.Default, format);

    /// <inheritdoc cref="Read(Stream, string, CaseFormat?)"/>
    public static IEnumerable<CaseReadResult> Read(Stream stream, string displayPath, CaseReadOptions options, CaseFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayPath);
        ArgumentNullException.ThrowIfNull(options);
        return Deferred(() => ReadDetected(stream, displayPath, format, options, 0));
    }

    private static IEnumerable<CaseReadResult> ReadFile(string path, CaseReadOptions options)
    {
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return [Unreadable(path, e)];
        }
        return DisposeAfter(ReadDetected(stream, path, null, options, 0), stream);
    }

    private static IEnumerable<CaseReadResult> ReadDetected(Stream stream, string name, CaseFormat? format, CaseReadOptions options, int depth)
    {
        if (depth > MaxNesting)
        {
            return [Refused(name, Messages.ArchivesNestedTooDeeply(MaxNesting))];
        }
        byte[] prefix;
        Stream input;
        try
        {
            var start = stream.CanSeek ? stream.Position : 0;
            prefix = ReadPrefix(stream);
            if (stream.CanSeek)
            {
                stream.Position = start;
                input = stream;
            }
            else
            {
                input = new ReplayStream(prefix, stream, leaveRestOpen: true);
            }
        }
        catch (IOException e)
        {
            return [Unreadable(name, e)];
        }
        var results = DetectContainer(prefix) switch
        {
            Container.Zip => ReadArchive(input, name, options, depth),
            Container.Gzip => ReadDetectedAndDispose(LimitedStream.Gunzip(input, name, options.Limits), name, format, options, depth + 1),
            Container.Utf16LittleEndian => ReadDetectedAndDispose(
                System.Text.Encoding.CreateTranscodingStream(input, System.Text.Encoding.Unicode, System.Text.Encoding.UTF8, leaveOpen: true), name, format, options, depth + 1),
            Container.Utf16BigEndian => ReadDetectedAndDispose(
                System.Text.Encoding.CreateTranscodingStream(input, System.Text.Encoding.BigEndianUnicode, System.Text.Encoding.UTF8, leaveOpen: true), name, format, options, depth + 1),
            Container.Utf16WithoutMark => [Refused(name, Messages.Utf16WithoutMark)],
            Container.Binary => [Refused(name, Messages.NotACaseFile)],
            _ => ReadAs(input, name, format ?? TextFormat(name, prefix), options),
        };
        // The caller owns the stream; only the replaying wrapper made here is closed here.
        return input == stream ? results : DisposeAfter(results, input);
    }

    private static IEnumerable<CaseReadResult> ReadDetectedAndDispose(Stream stream, string name, CaseFormat? format, CaseReadOptions options, int depth) =>
        DisposeAfter(ReadDetected(stream, name, format, options, depth), stream);

    private static IEnumerable<CaseReadResult> ReadAs(Stream stream, string displayPath, CaseFormat format, CaseReadOptions options) => format switch
    {
        CaseFormat.JsonLines => JsonLinesCaseReader.Read(stream, displayPath, options),
        CaseFormat.Csv => CsvCaseReader.Read(stream, displayPath, options),
        _ => JsonCaseReader.Read(stream, displayPath, options),
    };

    /// <summary>A zip archive: an xlsx workbook, or each case file it holds in turn (sorted by name), as one population.</summary>
    private static IEnumerable<CaseReadResult> ReadArchive(Stream stream, string name, CaseReadOptions options, int depth)
    {
        var (seekable, spoolError) = Seekable(stream, options.Limits);
        if (seekable is null)
        {
            yield return Unreadable(name, spoolError!);
            yield break;
        }
        using var owned = seekable == stream ? null : seekable;
        var (archive, error) = OpenArchive(seekable);
        if (archive is null)
        {
            yield return CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.File(name), Messages.ZipDamaged(error!)));
            yield break;
        }
        using (archive)
        {
            if (XlsxCaseReader.IsWorkbook(archive))
            {
                foreach (var result in XlsxCaseReader.Read(archive, name, options))
                {
                    yield return result;
                }
                yield break;
            }
            var members = archive.Entries
                .Where(e => !e.FullName.EndsWith('/') && !IsHiddenMember(e.FullName))
                .OrderBy(e => e.FullName, StringComparer.Ordinal)
                .ToList();
            if (members.Count == 0)
            {
                yield return Refused(name, Messages.ZipEmpty);
            }
            foreach (var member in members)
            {
                var memberName = name + "!" + member.FullName;
                if (member.Length > options.Limits.MaxUncompressedBytes)
                {
                    yield return Refused(memberName, Messages.DecompressionRefused(memberName, member.Length, options.Limits));
                    continue;
                }
                var (opened, openError) = OpenMember(member, memberName, options.Limits);
                if (opened is null)
                {
                    yield return Unreadable(memberName, openError!);
                    continue;
                }
                foreach (var result in ReadDetectedAndDispose(opened, memberName, null, options, depth + 1))
                {
                    yield return result;
                }
            }
        }
    }

    /// <summary>macOS's resource forks and dot files travel in archives made by hand; they are not case files.</summary>
    private static bool IsHiddenMember(string fullName) =>
        fullName.StartsWith("__MACOSX/", StringComparison.Ordinal) || fullName.Split('/').Any(part => part.StartsWith('.'));

    private static (ZipArchive? Archive, string? Error) OpenArchive(Stream stream)
    {
        try
        {
            return (new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
        {
            return (null, e.Message);
        }
    }

    private static (Stream? Stream, Exception? Error) OpenMember(ZipArchiveEntry member, string name, InputLimits limits)
    {
        try
        {
            return (new LimitedStream(member.Open(), name, () => member.CompressedLength, limits), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            return (null, e);
        }
    }

    /// <summary>
    /// The stream itself when it can seek (a file); otherwise (standard input, an archive member, gzip) a
    /// temporary file it is copied to, deleted on close, no larger than the stated uncompressed limit:
    /// a zip's directory is at its end.
    /// </summary>
    private static (Stream? Stream, Exception? Error) Seekable(Stream stream, InputLimits limits)
    {
        if (stream.CanSeek)
        {
            return (stream, null);
        }
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                total += read;
                if (total > limits.MaxUncompressedBytes)
                {
                    throw new InputLimitException(Messages.DecompressionRefused("", total, limits));
                }
                spool.Write(buffer, 0, read);
            }
            spool.Position = 0;
            return (spool, null);
        }
        catch (IOException e)
        {
            spool.Dispose();
            return (null, e);
        }
    }

    private static CaseReadResult Unreadable(string path, Exception e) =>
        CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.FileUnreadable, SourceLocation.File(path), Messages.FileUnreadable(e.Message)));

    private static CaseReadResult Refused(string path, string message) =>
        CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.MalformedInput, SourceLocation.File(path), message));

    /// <summary>The text format an extension suggests; content decides (<see cref="Detect"/>), this only names what a file claims to be.</summary>
    public static CaseFormat? FormatFromExtension(string path) =>
        Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".JSON" => CaseFormat.Json,
            ".JSONL" or ".NDJSON" => CaseFormat.JsonLines,
            ".CSV" => CaseFormat.Csv,
            _ => null,
        };

    /// <summary>
    /// The format of a text input: what its content says, except that a file named as JSON lines is read as
    /// JSON lines whatever its first line looks like, since that reader loses no more than a broken line
    /// (content alone would take a mangled first line for a CSV header and lose every record).
    /// </summary>
    private static CaseFormat TextFormat(string name, ReadOnlySpan<byte> prefix)
    {
        var named = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        return FormatFromExtension(named) == CaseFormat.JsonLines ? CaseFormat.JsonLines : Detect(prefix);
    }

    /// <summary>What the first bytes say the input is: a container, UTF-16 text, binary, or (UTF-8) text.</summary>
    private static Container DetectContainer(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith("PK\u0003\u0004"u8) || prefix.StartsWith("PK\u0005\u0006"u8))
        {
            return Container.Zip;
        }
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return Container.Gzip;
        }
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Container.Utf16LittleEndian;
        }
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Container.Utf16BigEndian;
        }
        var sample = prefix[..Math.Min(prefix.Length, 1024)];
        if (!sample.Contains((byte)0))
        {
            return Container.Text;
        }
        // UTF-16 text of mostly ASCII has a zero in every other byte; other binary data has zeros anywhere.
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            if (sample[i] == 0)
            {
                if (i % 2 == 0)
                {
                    evenZeros++;
                }
                else
                {
                    oddZeros++;
                }
            }
        }
        var half = sample.Length / 2;
        if ((evenZeros > half * 0.3 && oddZeros < half * 0.05) || (oddZeros > half * 0.3 && evenZeros < half * 0.05))
        {
            return Container.Utf16WithoutMark;
        }
        // A stray NUL in a text file is one bad record, not a reason to refuse every record of the file.
        return (evenZeros + oddZeros) * 100 <= sample.Length ? Container.Text : Container.Binary;
    }

    /// <summary>The format of input starting with <paramref name="prefix"/> (all of it when shorter than the sniff size).</summary>
    internal static CaseFormat Detect(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith("\uFEFF"u8))
        {
            prefix = prefix[3..];
        }
        var first = prefix.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0 || prefix[first] == (byte)'[')
        {
            return CaseFormat.Json;
        }
        if (prefix[first] != (byte)'{')
        {
            return CaseFormat.Csv;
        }
        return FirstObjectIsFollowedByAnotherLine(prefix[first..]) ? CaseFormat.JsonLines : CaseFormat.Json;
    }

    private static bool FirstObjectIsFollowedByAnotherLine(ReadOnlySpan<byte> text)
    {
        var reader = new Utf8JsonReader(text, isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read() || !reader.TrySkip())
            {
                // The first object does not fit the sniffed prefix: a big single document.
                return false;
            }
        }
        catch (JsonException)
        {
            // Broken JSON: JSON lines when the first line is a whole value and another object follows (a
            // line-by-line reader reports the broken line and reads the others); otherwise a broken document.
            return text.IndexOf((byte)'\n') is var newline && newline > 0
                && (IsWholeValue(text[..newline]) || text[..newline].TrimEnd(" \t\r"u8).EndsWith("}"u8))
                && text[(newline + 1)..].TrimStart(" \t\r\n"u8).StartsWith("{"u8);
        }
        var rest = text[(int)reader.BytesConsumed..];
        var next = rest.IndexOfAnyExcept(" \t\r\n"u8);
        return (next >= 0 && rest[..next].Contains((byte)'\n') && rest[next] == (byte)'{') || IsOneCase(text[..(int)reader.BytesConsumed]);
    }

    private static bool IsWholeValue(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        try
        {
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Whether a lone object is a case itself (it has a <c>case_id</c>) rather than a case list.</summary>
    private static bool IsOneCase(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("case_id"u8))
                {
                    return true;
                }
                reader.Read();
                reader.Skip();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not for detection to judge: the reader reports it (InvalidOperationException: a key escaping a
            // lone surrogate, which System.Text.Json refuses to compare).
        }
        return false;
    }

    private static byte[] ReadPrefix(Stream stream)
    {
        var buffer = new byte[SniffSize];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                break;
            }
            length += read;
        }
        Array.Resize(ref buffer, length);
        return buffer;
    }

    /// <summary>Runs <paramref name="open"/> only when enumeration starts, so nothing is read before it is wanted.</summary>
    private static IEnumerable<CaseReadResult> Deferred(Func<IEnumerable<CaseReadResult>> open)
    {
        foreach (var result in open())
        {
            yield return result;
        }
    }

    private static IEnumerable<CaseReadResult> DisposeAfter(IEnumerable<CaseReadResult> results, Stream stream)
    {
        using (stream)
        {
            foreach (var result in results)
            {
                yield return result;
            }
        }
    }
}
