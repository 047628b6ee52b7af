using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace ContactRules.Contacts;

/// <summary>
/// What a run learns about its inputs on the first read, kept for the passes that read them again (an audit
/// reads its input twice): for a large workbook, which rows use which shared strings, found by a read of the
/// sheet of its own. Keyed by what identifies the part read (its archive path, entry, size and checksum).
/// Shared by the passes of one run, which may read on several threads.
/// </summary>
internal sealed class ReadMemo
{
    private readonly ConcurrentDictionary<string, object> _known = new(StringComparer.Ordinal);

    public bool TryGet<T>(string key, [NotNullWhen(true)] out T? value)
        where T : class
    {
        value = _known.TryGetValue(key, out var found) ? found as T : null;
        return value is not null;
    }

    public void Set(string key, object value) => _known[key] = value;
}
