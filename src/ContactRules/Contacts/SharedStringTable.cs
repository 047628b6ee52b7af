using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ContactRules.Contacts;

/// <summary>
/// A workbook's shared strings, kept as UTF-8 in large chunks rather than as one .NET string each. HQ's xlsx
/// export puts every text cell in the shared strings (openpyxl does), so a million-case export holds millions
/// of mostly unique strings (ids, names, numbers, links): as strings they took about 600 MB, as UTF-8 a
/// fifth of that. A string is made again when a cell asks for it; recently asked indexes are remembered, so
/// the values that repeat (<c>---</c>, <c>True</c>, owners) are made once. Used by one reader thread.
/// </summary>
internal sealed class SharedStringTable
{
    private const int CacheSize = 4096;

    private readonly ByteChunks _bytes = new();
    // Per string: its UTF-8 bytes' place in _bytes (0 for the empty string).
    private readonly ChunkedList<ulong> _entries = new();
    // Strings that do not fit a chunk, or that UTF-8 cannot carry exactly (a lone surrogate from an _xD800_ escape).
    private readonly Dictionary<int, string> _apart = [];
    private readonly string?[] _recent = new string?[CacheSize];
    private readonly int[] _recentIndex = CreateEmptyIndex();

    public int Count => _entries.Count;

    public void Add(string text)
    {
        var index = _entries.Add(0);
        if (!TryStore(text, index))
        {
            _apart[index] = text;
        }
    }

    public string this[int index]
    {
        get
        {
            var slot = index & (CacheSize - 1);
            if (_recentIndex[slot] == index)
            {
                return _recent[slot]!;
            }
            var text = Decode(index);
            _recent[slot] = text;
            _recentIndex[slot] = index;
            return text;
        }
    }

    private bool TryStore(string text, int index)
    {
        if (text.Length == 0)
        {
            _entries[index] = 0;
            return true;
        }
        if (Encoding.UTF8.GetMaxByteCount(text.Length) >= ByteChunks.ChunkSize)
        {
            return false;
        }
        var status = Encode(text, _bytes.Free, out var written);
        if (status == OperationStatus.DestinationTooSmall)
        {
            // Every string that gets here fits an empty chunk.
            status = Encode(text, _bytes.StartChunk(), out written);
        }
        if (status != OperationStatus.Done)
        {
            return false;
        }
        _entries[index] = _bytes.Commit(written);
        return true;
    }

    private static OperationStatus Encode(string text, Span<byte> into, out int written) =>
        Utf8.FromUtf16(text, into, out _, out written, replaceInvalidSequences: false);

    private string Decode(int index) =>
        _apart.TryGetValue(index, out var apart) ? apart : Encoding.UTF8.GetString(_bytes[_entries[index]]);

    private static int[] CreateEmptyIndex()
    {
        var index = new int[CacheSize];
        Array.Fill(index, -1);
        return index;
    }
}
