using ContactRules.Contacts;
using Xunit;

namespace ContactRules.Tests.Contacts;

/// <summary>The compact id index numbers each id once, gives it back exactly, and orders it as strings order.</summary>
public sealed class CaseIdIndexTests
{
    private static readonly string[] Pieces = ["", "a", "A", "é", "ÿ", "Ā", "例", "🙂", "\uD800", "\uDC00", "\0", "-", "0"];

    [Fact]
    public void Every_id_is_numbered_once_in_the_order_first_met_and_comes_back_exactly()
    {
        var random = new Random(7);
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = new CaseIdIndex();
        for (var i = 0; i < 300_000; i++)
        {
            // Repeats, GUID-shaped ids, and short ids of every kind of character, Latin-1 or not.
            var id = random.Next(4) switch
            {
                0 when numbers.Count > 0 => numbers.Keys.ElementAt(random.Next(Math.Min(numbers.Count, 1000))),
                1 => new Guid(random.Next(), 0, 0, [.. Enumerable.Range(0, 8).Select(_ => (byte)random.Next(256))]).ToString(),
                _ => string.Concat(Enumerable.Range(0, random.Next(0, 5)).Select(_ => Pieces[random.Next(Pieces.Length)])),
            };
            var number = index.GetOrAdd(id, out var added);
            Assert.Equal(!numbers.ContainsKey(id), added);
            if (added)
            {
                Assert.Equal(numbers.Count, number);
                numbers.Add(id, number);
            }
            else
            {
                Assert.Equal(numbers[id], number);
            }
        }
        Assert.Equal(numbers.Count, index.Count);
        foreach (var (id, number) in numbers)
        {
            Assert.Equal(id, index[number]);
        }
    }

    [Fact]
    public void Ids_order_as_ordinal_string_comparison_orders_them()
    {
        var ids = Pieces.SelectMany(a => Pieces.Select(b => a + b)).Distinct().ToArray();
        var index = new CaseIdIndex();
        foreach (var id in ids)
        {
            index.GetOrAdd(id, out _);
        }
        foreach (var id in ids)
        {
            var number = index.GetOrAdd(id, out _);
            foreach (var other in ids)
            {
                Assert.Equal(Math.Sign(string.CompareOrdinal(id, other)), Math.Sign(index.CompareOrdinal(number, other)));
            }
        }
    }

    [Fact]
    public void An_id_too_long_for_a_chunk_is_kept_whole()
    {
        var index = new CaseIdIndex();
        var longId = new string('x', 600_000);
        var wideId = new string('例', 300_000);
        Assert.Equal(0, index.GetOrAdd("first", out _));
        Assert.Equal(1, index.GetOrAdd(longId, out _));
        Assert.Equal(2, index.GetOrAdd(wideId, out _));
        Assert.Equal(1, index.GetOrAdd(new string('x', 600_000), out var added));
        Assert.False(added);
        Assert.Equal(longId, index[1]);
        Assert.Equal(wideId, index[2]);
        Assert.Equal(0, index.CompareOrdinal(2, wideId));
        Assert.True(index.CompareOrdinal(1, "y") < 0);
    }
}
