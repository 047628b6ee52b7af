using System.Numerics;

namespace ContactRules.Evaluation;

/// <summary>
/// Packed numbers (positive 64-bit keys) to an index, in one open-addressed table of keys and one of
/// indexes, at most three quarters full: a dictionary's entry per number and its doubling while it grows
/// were the largest part of a million-case audit's two-way owners. One thread fills it; many may read.
/// </summary>
internal sealed class PackedNumberIndex
{
    private long[] _keys = new long[1024];
    private int[] _values = new int[1024];

    public int Count { get; private set; }

    /// <summary>The index stored for <paramref name="key"/>, to read or set; <paramref name="existed"/> says whether it was there.</summary>
    public ref int GetValueRefOrAddDefault(long key, out bool existed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(key);
        if ((Count + 1) * 4 > _keys.Length * 3)
        {
            Grow();
        }
        var slot = Find(_keys, key);
        existed = _keys[slot] != 0;
        if (!existed)
        {
            _keys[slot] = key;
            Count++;
        }
        return ref _values[slot];
    }

    public bool TryGetValue(long key, out int value)
    {
        var slot = Find(_keys, key);
        value = _values[slot];
        return _keys[slot] != 0;
    }

    /// <summary>The slot holding <paramref name="key"/>, or the empty one where it would go.</summary>
    private static int Find(long[] keys, long key)
    {
        var mask = keys.Length - 1;
        // Fibonacci hashing, the product's top bits: packed numbers of one country share their high digits and length.
        var slot = (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> (64 - BitOperations.Log2((uint)keys.Length)));
        while (keys[slot] != 0 && keys[slot] != key)
        {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void Grow()
    {
        var keys = new long[_keys.Length * 2];
        var values = new int[keys.Length];
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != 0)
            {
                var slot = Find(keys, _keys[i]);
                keys[slot] = _keys[i];
                values[slot] = _values[i];
            }
        }
        (_keys, _values) = (keys, values);
    }
}
