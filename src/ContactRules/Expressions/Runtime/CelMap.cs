using System.Collections;

namespace ContactRules.Expressions.Runtime;

/// <summary>
/// An immutable CEL map. Keys are bool, int or string (and, leniently, double); lookups treat numerically
/// equal int and double keys as the same key, as CEL's heterogeneous equality does.
/// Enumeration follows insertion order, so output is stable.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "CelMap is CEL's name for the type.")]
internal sealed class CelMap : IReadOnlyDictionary<object, object>
{
    private readonly IReadOnlyDictionary<object, object> _entries;

    public static readonly CelMap Empty = new(new Dictionary<object, object>(CelKeyComparer.Instance));

    private CelMap(IReadOnlyDictionary<object, object> entries) => _entries = entries;

    /// <summary>
    /// A map over a read-only view that answers lookups itself (e.g. a case record's fields), so a host
    /// can expose its data without copying it for every evaluation. The view must use CEL key equality
    /// for the keys it holds (strings compare ordinally) and must not change while the map is in use.
    /// </summary>
    public static CelMap View(IReadOnlyDictionary<object, object> view) => new(view);

    /// <summary>Builds a map; returns false and the first duplicate key when a key repeats.</summary>
    public static bool TryCreate(IEnumerable<KeyValuePair<object, object>> entries, out CelMap map, out object? duplicateKey)
    {
        var dict = new Dictionary<object, object>(CelKeyComparer.Instance);
        foreach (var (k, v) in entries)
        {
            if (!dict.TryAdd(k, v))
            {
                map = Empty;
                duplicateKey = k;
                return false;
            }
        }
        map = new CelMap(dict);
        duplicateKey = null;
        return true;
    }

    /// <summary>Builds a map from string keys, as case properties are.</summary>
    public static CelMap FromStrings(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var dict = new Dictionary<object, object>(CelKeyComparer.Instance);
        foreach (var (k, v) in entries)
        {
            dict[k] = v;
        }
        return new CelMap(dict);
    }

    /// <summary>Builds a map from entries whose keys are known to be distinct (a later duplicate wins).</summary>
    public static CelMap FromObjects(IEnumerable<KeyValuePair<object, object>> entries)
    {
        var dict = new Dictionary<object, object>(CelKeyComparer.Instance);
        foreach (var (k, v) in entries)
        {
            dict[k] = v;
        }
        return new CelMap(dict);
    }

    public object this[object key] => _entries[key];

    public IEnumerable<object> Keys => _entries.Keys;

    public IEnumerable<object> Values => _entries.Values;

    public int Count => _entries.Count;

    public bool ContainsKey(object key) => _entries.ContainsKey(key);

    public bool TryGetValue(object key, out object value) => _entries.TryGetValue(key, out value!);


    public IEnumerator<KeyValuePair<object, object>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Key equality for maps: ordinal strings, and int and double keys equal when numerically equal.</summary>
internal sealed class CelKeyComparer : IEqualityComparer<object>
{
    public static readonly CelKeyComparer Instance = new();

    public new bool Equals(object? x, object? y) => (x, y) switch
    {
        (long a, long b) => a == b,
        (long a, double b) => a == b,
        (double a, long b) => a == b,
        (double a, double b) => a.Equals(b),
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (bool a, bool b) => a == b,
        _ => false,
    };

    public int GetHashCode(object obj) => obj switch
    {
        long l => l.GetHashCode(),
        // A double with an integral value hashes like the equal int.
        double d when d == Math.Floor(d) && d is >= long.MinValue and < long.MaxValue => ((long)d).GetHashCode(),
        double d => d.GetHashCode(),
        string s => StringComparer.Ordinal.GetHashCode(s),
        bool b => b.GetHashCode(),
        _ => 0,
    };
}
