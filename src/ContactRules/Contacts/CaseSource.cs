using System.Text.Json;
using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Contacts;

/// <summary>The formats of case input.</summary>
public enum CaseFormat
{
    /// <summary>CommCare's case API JSON: an object with a <c>cases</c> list, or a list of cases.</summary>
    Json,

    /// <summary>One case object per line.</summary>
    JsonLines,

    /// <summary>A case export with a header row.</summary>
    Csv,
}

/// <summary>
/// Opens case input, a file or standard input (<c>-</c>), and streams its records. The format comes from
/// the extension (<c>.json</c>; <c>.jsonl</c>/<c>.ndjson</c>; <c>.csv</c>) or, for standard input and
/// other names, from the content: <c>[</c> or <c>{</c> first is JSON, unless a first object on its own
/// line is followed by another (JSON lines); anything else is CSV. Bad input never throws: it yields
/// <see cref="CaseReadKind.Rejected"/> records and <see cref="CaseReadKind.Problem"/>s.
/// </summary>
public static class CaseSource
{
    public const string StandardInputName = "-";

    private const int SniffSize = 64 * 1024;

    /// <summary>
    /// Reads <paramref name="pathOrDash"/>, or <paramref name="standardInput"/> (the console's by default)
    /// when it is <c>-</c>. Nothing is opened until the results are enumerated; a file is closed at the end.
    /// </summary>
    public static IEnumerable<CaseReadResult> Open(string pathOrDash, Stream? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(pathOrDash);
        return pathOrDash == StandardInputName
            ? Read(standardInput ?? Console.OpenStandardInput(), pathOrDash)
            : Deferred(() => ReadFile(pathOrDash));
    }

    /// <summary>
    /// Streams the records of <paramref name="stream"/> (left open: the caller owns it), detecting the
    /// format from the content when <paramref name="format"/> is not given.
    /// </summary>
    public static IEnumerable<CaseReadResult> Read(Stream stream, string displayPath, CaseFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayPath);
        return format is { } known ? ReadAs(stream, displayPath, known) : Deferred(() => ReadDetected(stream, displayPath));
    }

    private static IEnumerable<CaseReadResult> ReadFile(string path)
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
        return DisposeAfter(Read(stream, path, FormatFromExtension(path)), stream);
    }

    private static IEnumerable<CaseReadResult> ReadDetected(Stream stream, string displayPath)
    {
        byte[] prefix;
        try
        {
            prefix = ReadPrefix(stream);
        }
        catch (IOException e)
        {
            return [Unreadable(displayPath, e)];
        }
        var replay = new ReplayStream(prefix, stream, leaveRestOpen: true);
        return DisposeAfter(ReadAs(replay, displayPath, Detect(prefix)), replay);
    }

    private static IEnumerable<CaseReadResult> ReadAs(Stream stream, string displayPath, CaseFormat format) => format switch
    {
        CaseFormat.JsonLines => JsonLinesCaseReader.Read(stream, displayPath),
        CaseFormat.Csv => CsvCaseReader.Read(stream, displayPath),
        _ => JsonCaseReader.Read(stream, displayPath),
    };

    private static CaseReadResult Unreadable(string path, Exception e) =>
        CaseReadResult.Problem(Diagnostic.Error(DiagnosticCodes.FileUnreadable, SourceLocation.File(path), Messages.FileUnreadable(e.Message)));

    public static CaseFormat? FormatFromExtension(string path) =>
        Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".JSON" => CaseFormat.Json,
            ".JSONL" or ".NDJSON" => CaseFormat.JsonLines,
            ".CSV" => CaseFormat.Csv,
            _ => null,
        };

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
            // Broken JSON: a line-by-line reader reports it and still reads the other lines.
            return text.IndexOf((byte)'\n') is var newline && newline > 0 && text[(newline + 1)..].TrimStart(" \t\r\n"u8).StartsWith("{"u8);
        }
        var rest = text[(int)reader.BytesConsumed..];
        var next = rest.IndexOfAnyExcept(" \t\r\n"u8);
        return (next >= 0 && rest[..next].Contains((byte)'\n') && rest[next] == (byte)'{') || IsOneCase(text[..(int)reader.BytesConsumed]);
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
        catch (JsonException)
        {
            // Not for detection to judge: the reader reports it.
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
