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
    private const int ChunkBits = 20;
    private const int ChunkSize = 1 << ChunkBits;
    private const int CacheSize = 4096;

    private readonly List<byte[]> _chunks = [];
    // Per string: chunk (24 bits) | offset in chunk (20 bits) | UTF-8 length (20 bits).
    private readonly ChunkedList<ulong> _entries = new();
    // Strings that do not fit a chunk, or that UTF-8 cannot carry exactly (a lone surrogate from an _xD800_ escape).
    private readonly Dictionary<int, string> _apart = [];
    private readonly string?[] _recent = new string?[CacheSize];
    private readonly int[] _recentIndex = CreateEmptyIndex();
    private int _used;

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
        if (Encoding.UTF8.GetMaxByteCount(text.Length) >= ChunkSize)
        {
            return false;
        }
        var written = 0;
        var status = _chunks.Count == 0 ? OperationStatus.DestinationTooSmall : Encode(text, out written);
        if (status == OperationStatus.DestinationTooSmall)
        {
            // Every string that gets here fits an empty chunk.
            _chunks.Add(new byte[ChunkSize]);
            _used = 0;
            status = Encode(text, out written);
        }
        if (status != OperationStatus.Done)
        {
            return false;
        }
        _entries[index] = ((ulong)(_chunks.Count - 1) << (2 * ChunkBits)) | ((ulong)_used << ChunkBits) | (uint)written;
        _used += written;
        return true;
    }

    private OperationStatus Encode(string text, out int written) =>
        Utf8.FromUtf16(text, _chunks[^1].AsSpan(_used), out _, out written, replaceInvalidSequences: false);

    private string Decode(int index)
    {
        if (_apart.TryGetValue(index, out var apart))
        {
            return apart;
        }
        var entry = _entries[index];
        var length = (int)(entry & (ChunkSize - 1));
        if (length == 0)
        {
            return "";
        }
        var offset = (int)((entry >> ChunkBits) & (ChunkSize - 1));
        return Encoding.UTF8.GetString(_chunks[(int)(entry >> (2 * ChunkBits))], offset, length);
    }

    private static int[] CreateEmptyIndex()
    {
        var index = new int[CacheSize];
        Array.Fill(index, -1);
        return index;
    }
}
