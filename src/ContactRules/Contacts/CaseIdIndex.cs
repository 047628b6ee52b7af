using System.Runtime.InteropServices;
using System.Text;

namespace ContactRules.Contacts;

/// <summary>
/// Case ids numbered in the order first met (0, 1, 2, ...), each kept once as bytes in large chunks rather
/// than as a string: a run over a million cases holds every id while it looks for repeated versions and
/// owners, and as strings (plus a dictionary entry each) they were the largest part of its memory. An id
/// whose characters are all Latin-1 (CommCare's ids are UUIDs) takes a byte per character; any other, two;
/// one too long for a chunk (only with a raised value limit) stays a string. One thread.
/// </summary>
internal sealed class CaseIdIndex
{
    private const ulong Wide = ByteChunks.FreeBit;
    private const ulong Apart = ulong.MaxValue;

    private readonly ByteChunks _bytes = new();
    // Per id: its bytes' place in _bytes, flagged Wide when they are UTF-16; Apart when it is kept as a string.
    private readonly ChunkedList<ulong> _places = new();
    private readonly ChunkedList<int> _hashes = new();
    private readonly Dictionary<int, string> _apart = [];
    // Open addressing: an id's number + 1, or 0 for an empty slot; never more than half full.
    private int[] _slots = new int[1024];

    public int Count => _places.Count;

    /// <summary>The number of <paramref name="id"/>, given it now if it is new (<paramref name="added"/>).</summary>
    public int GetOrAdd(string id, out bool added)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hash = string.GetHashCode(id, StringComparison.Ordinal);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (_slots[slot] is var taken and > 0)
        {
            if (_hashes[taken - 1] == hash && Matches(taken - 1, id))
            {
                added = false;
                return taken - 1;
            }
            slot = (slot + 1) & mask;
        }
        var number = Store(id);
        _hashes.Add(hash);
        _slots[slot] = number + 1;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }
        added = true;
        return number;
    }

    /// <summary>The id numbered <paramref name="number"/>, as a new string.</summary>
    public string this[int number]
    {
        get
        {
            if (_places[number] is var place && place == Apart)
            {
                return _apart[number];
            }
            var bytes = _bytes[place];
            return (place & Wide) != 0 ? new string(MemoryMarshal.Cast<byte, char>(bytes)) : Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>How the id numbered <paramref name="number"/> orders against <paramref name="id"/>: the sign <see cref="string.CompareOrdinal(string, string)"/> gives.</summary>
    public int CompareOrdinal(int number, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_places[number] is var place && place == Apart)
        {
            return string.CompareOrdinal(_apart[number], id);
        }
        var bytes = _bytes[place];
        if ((place & Wide) != 0)
        {
            return MemoryMarshal.Cast<byte, char>(bytes).SequenceCompareTo(id);
        }
        var common = Math.Min(bytes.Length, id.Length);
        for (var i = 0; i < common; i++)
        {
            if (bytes[i] != id[i])
            {
                return bytes[i] - id[i];
            }
        }
        return bytes.Length - id.Length;
    }

    private bool Matches(int number, string id) => CompareOrdinal(number, id) == 0;

    private int Store(string id)
    {
        var wide = false;
        foreach (var c in id)
        {
            wide |= c > 0xFF;
        }
        var length = wide ? id.Length * 2 : id.Length;
        if (length > ByteChunks.ChunkSize / 2)
        {
            _apart[_places.Count] = id;
            return _places.Add(Apart);
        }
        var target = _bytes.Free.Length >= length ? _bytes.Free : _bytes.StartChunk();
        if (wide)
        {
            MemoryMarshal.AsBytes(id.AsSpan()).CopyTo(target);
        }
        else
        {
            Encoding.Latin1.GetBytes(id, target);
        }
        return _places.Add((wide ? Wide : 0) | _bytes.Commit(length));
    }

    private void Grow()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var number = 0; number < Count; number++)
        {
            var slot = _hashes[number] & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            slots[slot] = number + 1;
        }
        _slots = slots;
    }
}
