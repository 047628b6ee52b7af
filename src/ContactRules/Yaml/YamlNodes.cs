using ContactRules.Diagnostics;
using YamlDotNet.Core;

namespace ContactRules.Yaml;

/// <summary>What kind of node a YAML node is; used in "expected a mapping, found a sequence".</summary>
internal enum YamlNodeKind
{
    Scalar,
    Mapping,
    Sequence,
}

/// <summary>
/// A YAML node that remembers where it is in its file. Unlike YamlDotNet's representation model, a
/// mapping keeps every entry in order, duplicates included, so a loader can report them.
/// </summary>
internal abstract class YamlNode(YamlSourceText source, int startOffset)
{
    public YamlSourceText Source { get; } = source;

    /// <summary>The offset of the node's first character (an indicator like <c>'</c>, <c>|</c> or <c>{</c> included).</summary>
    public int StartOffset { get; } = startOffset;

    public SourceLocation Location => Source.LocationOf(StartOffset);

    public abstract YamlNodeKind Kind { get; }
}

internal sealed class YamlScalarNode : YamlNode
{
    private ScalarOffsetMap? _offsets;

    public YamlScalarNode(YamlSourceText source, int startOffset, int endOffset, string value, ScalarStyle style)
        : base(source, startOffset)
    {
        EndOffset = endOffset;
        Value = value;
        Style = style;
    }

    public override YamlNodeKind Kind => YamlNodeKind.Scalar;

    /// <summary>The offset just past the node's last character in the file.</summary>
    public int EndOffset { get; }

    /// <summary>The scalar's value, after unquoting, unescaping and folding.</summary>
    public string Value { get; }

    public ScalarStyle Style { get; }

    /// <summary>A plain <c>~</c>, <c>null</c> or empty scalar: YAML's null, meaning "no value".</summary>
    public bool IsNull => Style == ScalarStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>
    /// Where the character at <paramref name="valueOffset"/> of <see cref="Value"/> is in the file, so
    /// an error inside an expression written in this scalar points at the right line and column whatever
    /// the scalar's style. An offset equal to the value's length means "just past the last character".
    /// </summary>
    public SourceLocation LocationOf(int valueOffset) => Source.LocationOf(Offsets.SourceOffsetOf(valueOffset));

    /// <summary>Built on first use: most scalars never need it.</summary>
    internal ScalarOffsetMap Offsets =>
        _offsets ??= ScalarOffsetMap.Build(Source.Text, StartOffset, EndOffset, Value, Style);
}

/// <summary>One <c>key: value</c> entry of a mapping.</summary>
internal sealed record YamlEntry(YamlNode Key, YamlNode Value)
{
    /// <summary>The key as text when it is a scalar (the only kind the formats use); null otherwise.</summary>
    public string? Name => (Key as YamlScalarNode)?.Value;
}

internal sealed class YamlMappingNode(YamlSourceText source, int startOffset, IReadOnlyList<YamlEntry> entries, int endOffset = -1)
    : YamlNode(source, startOffset)
{
    public override YamlNodeKind Kind => YamlNodeKind.Mapping;

    /// <summary>The offset just past the mapping's last character (-1 when not known), so a part of a file can be read on its own.</summary>
    public int EndOffset { get; } = endOffset;

    public IReadOnlyList<YamlEntry> Entries { get; } = entries;
}

internal sealed class YamlSequenceNode(YamlSourceText source, int startOffset, IReadOnlyList<YamlNode> items)
    : YamlNode(source, startOffset)
{
    public override YamlNodeKind Kind => YamlNodeKind.Sequence;

    public IReadOnlyList<YamlNode> Items { get; } = items;
}
