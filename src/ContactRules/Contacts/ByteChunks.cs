namespace ContactRules.Contacts;

/// <summary>
/// Byte strings kept in 1 MiB chunks, each addressed by a place (its chunk, offset and length packed in the
/// low 63 bits of a <see langword="ulong"/>), so that millions of short values cost their bytes and 8 bytes
/// each rather than an object each: a workbook's shared strings (<see cref="SharedStringTable"/>) and a
/// run's case ids (<see cref="CaseIdIndex"/>). A value is written into <see cref="Free"/> (or, when it does
/// not fit, into <see cref="StartChunk"/>) and kept by <see cref="Commit"/>. One thread writes.
/// </summary>
internal sealed class ByteChunks
{
    private const int OffsetBits = 20;
    private const int LengthBits = 20;

    /// <summary>A chunk's size; a value must be shorter.</summary>
    public const int ChunkSize = 1 << OffsetBits;

    /// <summary>The bit no place sets, free for the owner to flag places with.</summary>
    public const ulong FreeBit = 1UL << 63;

    private readonly List<byte[]> _chunks = [];
    private int _used;

    /// <summary>The rest of the current chunk (empty before the first).</summary>
    public Span<byte> Free => _chunks.Count == 0 ? [] : _chunks[^1].AsSpan(_used);

    /// <summary>Starts a new chunk and gives all of it.</summary>
    public Span<byte> StartChunk()
    {
        _chunks.Add(new byte[ChunkSize]);
        _used = 0;
        return _chunks[^1];
    }

    /// <summary>Keeps the first <paramref name="written"/> bytes of <see cref="Free"/> and gives their place (0 for none).</summary>
    public ulong Commit(int written)
    {
        if (written == 0)
        {
            return 0;
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(written, Math.Min(ChunkSize - 1, Free.Length));
        var place = ((ulong)(uint)(_chunks.Count - 1) << (OffsetBits + LengthBits)) | ((ulong)(uint)_used << LengthBits) | (uint)written;
        _used += written;
        return place;
    }

    /// <summary>The bytes kept at <paramref name="place"/> (its <see cref="FreeBit"/> ignored).</summary>
    public ReadOnlySpan<byte> this[ulong place]
    {
        get
        {
            var length = (int)(place & ((1UL << LengthBits) - 1));
            if (length == 0)
            {
                return [];
            }
            var offset = (int)((place >> LengthBits) & (ChunkSize - 1));
            return _chunks[(int)((place & ~FreeBit) >> (OffsetBits + LengthBits))].AsSpan(offset, length);
        }
    }
}
