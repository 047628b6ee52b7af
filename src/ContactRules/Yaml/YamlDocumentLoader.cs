using ContactRules.Diagnostics;
using ContactRules.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ContactRules.Yaml;

/// <summary>
/// Reads a YAML document into <see cref="YamlNode"/>s with positions, from YamlDotNet's parser events.
/// Syntax errors become a <see cref="DiagnosticCodes.YamlSyntax"/> diagnostic, never an exception.
/// </summary>
internal static class YamlDocumentLoader
{
    /// <summary>The largest rule or project file read, in bytes: the shipped rule files are about 20 KB.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Reads and loads a YAML file; a file that cannot be read is a <see cref="DiagnosticCodes.FileUnreadable"/>
    /// diagnostic, one larger than <see cref="MaxFileBytes"/> a <see cref="DiagnosticCodes.LimitExceeded"/> one.
    /// </summary>
    public static YamlNode? LoadFile(string path, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
        string? text;
        try
        {
            text = ReadBounded(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Error(DiagnosticCodes.FileUnreadable, SourceLocation.File(path), Messages.FileUnreadable(e.Message));
            return null;
        }
        if (text is null)
        {
            diagnostics.Error(DiagnosticCodes.LimitExceeded, SourceLocation.File(path), Messages.YamlFileTooLarge(MaxFileBytes));
            return null;
        }
        return Load(path, text, diagnostics);
    }

    /// <summary>
    /// The file's text, or null when it holds more than <see cref="MaxFileBytes"/>. Reads at most one byte past
    /// the limit, so `/dev/zero`, a pipe or a huge file cost no more memory than the limit.
    /// </summary>
    private static string? ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        using var bytes = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (bytes.Length + read > MaxFileBytes)
            {
                return null;
            }
            bytes.Write(chunk, 0, read);
        }
        bytes.Position = 0;
        // As File.ReadAllText: UTF-8 unless a byte order mark names UTF-16 or UTF-32.
        using var reader = new StreamReader(bytes, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The root node of the first document of <paramref name="text"/>, or null when the text is not valid
    /// YAML (reported in <paramref name="diagnostics"/>) or holds no document.
    /// </summary>
    public static YamlNode? Load(string path, string text, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var source = new YamlSourceText(path, text);
        var tooDeep = YamlDepth.FindTooDeep(source.Text);
        if (tooDeep >= 0)
        {
            diagnostics.Error(DiagnosticCodes.LimitExceeded, source.LocationOf(tooDeep), Messages.YamlNestedTooDeeply(YamlDepth.Limit));
            return null;
        }
        var parser = new Parser(new StringReader(source.Text));
        try
        {
            return new Builder(source, parser).ReadDocument();
        }
        catch (YamlException e)
        {
            diagnostics.Error(
                DiagnosticCodes.YamlSyntax,
                source.LocationOf(source.OffsetOf(e.Start.Line, e.Start.Column)),
                Messages.YamlSyntaxError(YamlDotNetMessage(e)));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's parser has a few failure paths that throw these instead of a YamlException
            // (e.g. a malformed tag); they are syntax errors all the same, near the last event read.
            var near = parser.Current is { } current ? source.OffsetOf(current.Start.Line, current.Start.Column) : 0;
            diagnostics.Error(DiagnosticCodes.YamlSyntax, source.LocationOf(near), Messages.YamlSyntaxError(Messages.YamlUnparsable));
            return null;
        }
    }

    /// <summary>YamlDotNet's sentence ("While scanning ..., found ....") made to follow "invalid YAML: ".</summary>
    private static string YamlDotNetMessage(YamlException e)
    {
        var message = string.Join(' ', e.Message.Split(' ', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
        return message.Length > 1 && char.IsUpper(message[0]) && char.IsLower(message[1])
            ? char.ToLowerInvariant(message[0]) + message[1..]
            : message;
    }

    private sealed class Builder(YamlSourceText source, IParser parser)
    {
        private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);

        public YamlNode? ReadDocument()
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode(0);
            parser.Consume<DocumentEnd>();
            // Later documents are ignored, but must still be read for their syntax errors.
            while (parser.MoveNext())
            {
            }
            return root is YamlScalarNode { IsNull: true } ? null : root;
        }

        private YamlNode ReadNode(int depth)
        {
            // The text was measured before parsing; this guard only keeps the recursion bounded should the
            // measure and YamlDotNet ever disagree about where a level starts.
            if (depth > 2 * YamlDepth.Limit)
            {
                var at = parser.Current!;
                throw new YamlException(at.Start, at.End, Messages.YamlNestedTooDeeply(YamlDepth.Limit));
            }
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                return _anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new YamlException(alias.Start, alias.End, Messages.YamlUnknownAlias(alias.Value.Value));
            }
            if (parser.TryConsume<Scalar>(out var scalar))
            {
                var node = new YamlScalarNode(source, Offset(scalar.Start), Offset(scalar.End), scalar.Value, scalar.Style);
                return Anchor(scalar.Anchor, node);
            }
            if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(depth + 1));
                }
                return Anchor(sequenceStart.Anchor, new YamlSequenceNode(source, Offset(sequenceStart.Start), items));
            }
            var mappingStart = parser.Consume<MappingStart>();
            var entries = new List<YamlEntry>();
            while (!parser.Accept<MappingEnd>(out _))
            {
                var key = ReadNode(depth + 1);
                entries.Add(new YamlEntry(key, ReadNode(depth + 1)));
            }
            var mappingEnd = parser.Consume<MappingEnd>();
            return Anchor(mappingStart.Anchor, new YamlMappingNode(source, Offset(mappingStart.Start), entries, Offset(mappingEnd.End)));
        }

        private YamlNode Anchor(AnchorName anchor, YamlNode node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
            return node;
        }

        private int Offset(Mark mark) => source.OffsetOf(mark.Line, mark.Column);
    }
}
