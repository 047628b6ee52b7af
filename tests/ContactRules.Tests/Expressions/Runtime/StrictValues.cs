using ContactRules.Expressions.Runtime;

namespace ContactRules.Tests.Expressions.Runtime;

/// <summary>
/// Value equality for tests: stricter than CEL's (an int never equals a double, so <c>1</c> and <c>1.0</c>
/// differ) and total (NaN equals NaN), so that an expected value pins the exact result.
/// </summary>
internal static class StrictValues
{
    public static bool AreEqual(object expected, object actual) => (expected, actual) switch
    {
        (long a, long b) => a == b,
        (double a, double b) => a.Equals(b) || a == b,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (bool a, bool b) => a == b,
        (CelNull, CelNull) => true,
        (CelMap a, CelMap b) => a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var v) && SameKeyKind(e.Key, b, v) && AreEqual(e.Value, v)),
        (IReadOnlyList<object> a, IReadOnlyList<object> b) => a.Count == b.Count && a.Zip(b).All(p => AreEqual(p.First, p.Second)),
        _ => false,
    };

    // CelMap finds 1 and 1.0 as the same key; a strict comparison also wants the key's kind to match.
    private static bool SameKeyKind(object key, CelMap other, object _) =>
        other.Keys.Any(k => k.GetType() == key.GetType() && k.Equals(key));
}
