using ContactRules.Auditing;
using ContactRules.Pipeline;
using Xunit;

namespace ContactRules.Tests.Pipeline;

public sealed class OrderedParallelTests
{
    [Fact]
    public void Results_come_in_input_order_whatever_order_the_threads_finish_in()
    {
        var results = OrderedParallel.Map(Enumerable.Range(0, 20_000), i =>
        {
            if (i % 997 == 0)
            {
                Thread.Sleep(i % 3);
            }
            return i * 2;
        }, parallelism: 4, batchSize: 64).ToList();

        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => i * 2), results);
    }

    [Fact]
    public void A_consumer_that_stops_early_releases_the_reader()
    {
        var read = 0;
        IEnumerable<int> Endless()
        {
            for (var i = 0; ; i++)
            {
                Interlocked.Increment(ref read);
                yield return i;
            }
        }

        var first = OrderedParallel.Map(Endless(), i => i, parallelism: 2, batchSize: 16).Take(5).ToList();

        Assert.Equal([0, 1, 2, 3, 4], first);
        Assert.True(Volatile.Read(ref read) < 16 * 8, "the reader stays a few batches ahead, no more");
    }

    [Fact]
    public void A_failure_reading_the_source_surfaces_after_the_results_before_it()
    {
        IEnumerable<int> Failing()
        {
            yield return 1;
            throw new InvalidDataException("broken input");
        }

        var seen = new List<int>();
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var i in OrderedParallel.Map(Failing(), i => i, parallelism: 2, batchSize: 1))
            {
                seen.Add(i);
            }
        });

        Assert.Equal("broken input", error.Message);
        Assert.Equal([1], seen);
    }
}
