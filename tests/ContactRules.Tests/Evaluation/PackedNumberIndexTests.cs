using ContactRules.Evaluation;
using Xunit;

namespace ContactRules.Tests.Evaluation;

/// <summary>The packed-number table finds every key it was given, through its growth, and no other.</summary>
public sealed class PackedNumberIndexTests
{
    [Fact]
    public void Every_key_keeps_its_index_through_growth_and_absent_keys_are_not_found()
    {
        var random = new Random(11);
        var expected = new Dictionary<long, int>();
        var index = new PackedNumberIndex();
        for (var i = 0; i < 200_000; i++)
        {
            // Runs of neighbouring numbers (one country's, as packed) and scattered ones.
            var key = i % 2 == 0 ? (27_711_000_000L + i) * 32 + 11 : random.NextInt64(1, long.MaxValue);
            ref var value = ref index.GetValueRefOrAddDefault(key, out var existed);
            Assert.Equal(expected.ContainsKey(key), existed);
            if (!existed)
            {
                value = expected.Count;
                expected.Add(key, value);
            }
        }
        Assert.Equal(expected.Count, index.Count);
        foreach (var (key, value) in expected)
        {
            Assert.True(index.TryGetValue(key, out var found));
            Assert.Equal(value, found);
        }
        Assert.False(index.TryGetValue(12_345 * 32 + 5, out _));
    }

    [Fact]
    public void A_key_that_is_not_positive_is_refused()
    {
        var index = new PackedNumberIndex();
        Assert.Throws<ArgumentOutOfRangeException>(() => index.GetValueRefOrAddDefault(0, out _));
    }
}
