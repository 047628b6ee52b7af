namespace ContactRules.Contacts;

/// <summary>
/// A list that grows a chunk at a time and never copies what it holds: a table of a million cases does not
/// need, while it grows, its old array and one twice the size at once (that doubling set the peak memory of
/// a million-case audit). Items are reached by reference, so they can be updated in place. One thread.
/// </summary>
internal sealed class ChunkedList<T>
    where T : struct
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="item"/> and gives its index.</summary>
    public int Add(T item)
    {
        if ((Count & (ChunkSize - 1)) == 0 && Count >> ChunkBits == _chunks.Count)
        {
            _chunks.Add(new T[ChunkSize]);
        }
        var index = Count++;
        this[index] = item;
        return index;
    }

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            return ref _chunks[index >> ChunkBits][index & (ChunkSize - 1)];
        }
    }
}
