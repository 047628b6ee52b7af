using System.Globalization;
using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Yaml;

/// <summary>
/// Reads YAML nodes as a loader expects them, reporting every mismatch (wrong kind, bad scalar, unknown,
/// missing or duplicate key) as a positioned diagnostic and returning null for that piece, so loading
/// goes on and reports all problems in one pass.
/// </summary>
internal sealed class YamlReader(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public void Error(YamlNode node, string code, string message) =>
        Diagnostics.Error(code, node.Location, message);

    public void Warning(YamlNode node, string code, string message) =>
        Diagnostics.Warning(code, node.Location, message);

    /// <summary>
    /// Reports a problem inside a scalar's value (an expression's syntax or type error) at the file line and
    /// column of <paramref name="valueOffset"/>, whatever the scalar's style.
    /// </summary>
    public void ErrorAt(YamlScalarNode scalar, int valueOffset, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        Diagnostics.Error(code, scalar.LocationOf(valueOffset), message);
    }

    public YamlMappingNode? Mapping(YamlNode node, string what) => Expect<YamlMappingNode>(node, what, YamlNodeKind.Mapping);

    public YamlSequenceNode? Sequence(YamlNode node, string what) => Expect<YamlSequenceNode>(node, what, YamlNodeKind.Sequence);

    public YamlScalarNode? Scalar(YamlNode node, string what) => Expect<YamlScalarNode>(node, what, YamlNodeKind.Scalar);

    /// <summary>A scalar's text; a null or blank scalar is reported as empty.</summary>
    public string? String(YamlNode node, string what)
    {
        var scalar = Scalar(node, what);
        if (scalar is null)
        {
            return null;
        }
        if (scalar.IsNull || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Error(node, DiagnosticCodes.InvalidValue, Messages.YamlEmptyValue(what));
            return null;
        }
        return scalar.Value;
    }

    public long? Integer(YamlNode node, string what)
    {
        var text = String(node, what);
        if (text is null)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Error(node, DiagnosticCodes.InvalidValue, Messages.YamlNotAnInteger(what, text));
        return null;
    }

    /// <summary>YAML 1.2's core booleans: <c>true</c> and <c>false</c> in any of their three spellings.</summary>
    public bool? Boolean(YamlNode node, string what)
    {
        var text = String(node, what);
        switch (text)
        {
            case null:
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                Error(node, DiagnosticCodes.InvalidValue, Messages.YamlNotABoolean(what, text));
                return null;
        }
    }

    /// <summary>
    /// The entries of a mapping by key. Reports keys that are not scalars, duplicates (at the second one)
    /// and, when <paramref name="knownKeys"/> is given, keys outside it with a "did you mean".
    /// </summary>
    public YamlFields Fields(YamlMappingNode mapping, string what, IReadOnlyCollection<string>? knownKeys = null)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var first = new Dictionary<string, YamlEntry>(StringComparer.Ordinal);
        var ordered = new List<YamlEntry>();
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not YamlScalarNode keyNode || keyNode.IsNull && keyNode.Value.Length == 0)
            {
                Error(entry.Key, DiagnosticCodes.WrongKind, Messages.YamlKeyNotAScalar(what));
                continue;
            }
            var key = keyNode.Value;
            if (first.TryGetValue(key, out var earlier))
            {
                Error(entry.Key, DiagnosticCodes.DuplicateKey, Messages.YamlDuplicateKey(key, what, earlier.Key.Location.Line));
                continue;
            }
            first.Add(key, entry);
            if (knownKeys is not null && !knownKeys.Contains(key))
            {
                Error(entry.Key, DiagnosticCodes.UnknownKey, Messages.YamlUnknownKey(key, what, Suggestions.Best(key, knownKeys)));
                continue;
            }
            ordered.Add(entry);
        }
        return new YamlFields(this, mapping, what, first, ordered);
    }

    private T? Expect<T>(YamlNode node, string what, YamlNodeKind expected)
        where T : YamlNode
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is T typed)
        {
            return typed;
        }
        var found = node is YamlScalarNode { IsNull: true } ? null : (YamlNodeKind?)node.Kind;
        Error(node, DiagnosticCodes.WrongKind, Messages.YamlWrongKind(what, expected, found));
        return null;
    }
}

/// <summary>The keys of one mapping, read one by one; a missing required key is reported at the mapping.</summary>
internal sealed class YamlFields
{
    private readonly YamlReader _reader;
    private readonly IReadOnlyDictionary<string, YamlEntry> _byKey;

    internal YamlFields(
        YamlReader reader, YamlMappingNode mapping, string what, IReadOnlyDictionary<string, YamlEntry> byKey, IReadOnlyList<YamlEntry> known)
    {
        _reader = reader;
        _byKey = byKey;
        Mapping = mapping;
        What = what;
        Entries = known;
    }

    public YamlMappingNode Mapping { get; }

    /// <summary>How messages name this mapping, e.g. "gateway `MTN`".</summary>
    public string What { get; }

    /// <summary>The accepted entries in file order (first of duplicates; unknown keys left out).</summary>
    public IReadOnlyList<YamlEntry> Entries { get; }

    public YamlNode? Optional(string key) => _byKey.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>The key's value; when the key is absent, reports it at the mapping's start.</summary>
    public YamlNode? Required(string key)
    {
        var node = Optional(key);
        if (node is null)
        {
            _reader.Error(Mapping, DiagnosticCodes.MissingKey, Messages.YamlMissingKey(key, What));
        }
        return node;
    }
}
