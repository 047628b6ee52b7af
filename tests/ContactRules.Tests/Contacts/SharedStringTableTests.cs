using ContactRules.Contacts;
using Xunit;

namespace ContactRules.Tests.Contacts;

/// <summary>The compact shared strings give back exactly the strings put in, whatever they hold and however many.</summary>
public sealed class SharedStringTableTests
{
    [Fact]
    public void Every_string_comes_back_exactly_across_chunks_and_cache_slots()
    {
        var random = new Random(3);
        var pieces = new[] { "", "---", "True", "919812345678", "Zoë", "例子", "🙂", "\uD800", "a\uDC00b", "\t \r\n", "_x000D_" };
        var expected = new List<string>();
        var table = new SharedStringTable();
        for (var i = 0; i < 200_000; i++)
        {
            var text = random.Next(10) == 0
                ? string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => pieces[random.Next(pieces.Length)]))
                : $"case-{i:x}-{new string('x', random.Next(60))}";
            expected.Add(text);
            table.Add(text);
        }
        Assert.Equal(expected.Count, table.Count);
        // Twice, in two orders, so that cache hits and misses (i and i + 4096 share a slot) both answer.
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], table[i]);
        }
        for (var i = expected.Count - 1; i >= 0; i -= 4096)
        {
            Assert.Equal(expected[i], table[i]);
            Assert.Equal(expected[i], table[i]);
        }
    }

    [Fact]
    public void A_string_larger_than_a_chunk_and_an_empty_first_string_come_back()
    {
        var table = new SharedStringTable();
        var huge = new string('é', 700_000);
        table.Add("");
        table.Add(huge);
        table.Add("after");
        Assert.Equal(["", huge, "after"], [table[0], table[1], table[2]]);
    }
}
