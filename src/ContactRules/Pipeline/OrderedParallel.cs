using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ContactRules.Pipeline;

/// <summary>
/// Maps a stream on several threads and gives the results in the stream's order, in bounded memory:
/// one thread reads the source into batches, each batch is mapped on the thread pool, and the caller
/// takes the batches in order. At most a few batches per thread are in flight, so a slow consumer holds
/// the reader back rather than letting results pile up. A stream that ends within its first batch (one
/// case to explain or check) is mapped on the caller's thread: starting threads would cost it more.
/// </summary>
internal static class OrderedParallel
{
    public const int DefaultBatchSize = 64;

    public static IEnumerable<TOut> Map<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, int parallelism, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        return parallelism <= 1 ? source.Select(map) : MapUnlessShort(source, map, parallelism, batchSize);
    }

    private static IEnumerable<TOut> MapUnlessShort<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, int parallelism, int batchSize)
    {
        using var items = source.GetEnumerator();
        var first = new List<TIn>(batchSize);
        ExceptionDispatchInfo? failure = null;
        try
        {
            while (first.Count < batchSize && items.MoveNext())
            {
                first.Add(items.Current);
            }
        }
#pragma warning disable CA1031 // As in parallel: what was read before a failure comes out first, then the failure.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        if (failure is not null || first.Count < batchSize)
        {
            foreach (var item in first)
            {
                yield return map(item);
            }
            failure?.Throw();
            yield break;
        }
        foreach (var result in MapInParallel(Resumed(first, items), map, parallelism, batchSize))
        {
            yield return result;
        }
    }

    /// <summary>The items already taken, then the rest of <paramref name="items"/>.</summary>
    private static IEnumerable<TIn> Resumed<TIn>(List<TIn> first, IEnumerator<TIn> items)
    {
        foreach (var item in first)
        {
            yield return item;
        }
        while (items.MoveNext())
        {
            yield return items.Current;
        }
    }

    private static IEnumerable<TOut> MapInParallel<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, int parallelism, int batchSize)
    {
        using var stop = new CancellationTokenSource();
        using var inFlight = new BlockingCollection<Task<TOut[]>>(boundedCapacity: parallelism * 2);
        var reader = Task.Factory.StartNew(
            () => Read(source, map, batchSize, inFlight, stop.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            foreach (var batch in inFlight.GetConsumingEnumerable())
            {
                foreach (var result in batch.GetAwaiter().GetResult())
                {
                    yield return result;
                }
            }
        }
        finally
        {
            // The caller may stop early: release the reader, and let it finish before the source is gone.
            stop.Cancel();
            reader.GetAwaiter().GetResult();
        }
    }

    private static void Read<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, int batchSize, BlockingCollection<Task<TOut[]>> inFlight, CancellationToken stop)
    {
        try
        {
            var batch = new TIn[batchSize];
            var count = 0;
            foreach (var item in source)
            {
                batch[count++] = item;
                if (count == batchSize)
                {
                    inFlight.Add(Start(batch, count, map), stop);
                    batch = new TIn[batchSize];
                    count = 0;
                }
            }
            if (count > 0)
            {
                inFlight.Add(Start(batch, count, map), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The consumer stopped; nothing more is wanted.
        }
#pragma warning disable CA1031 // A failure while reading surfaces, in order, where the consumer takes results.
        catch (Exception e)
#pragma warning restore CA1031
        {
            try
            {
                inFlight.Add(Task.FromException<TOut[]>(e), stop);
            }
            catch (OperationCanceledException)
            {
                // The consumer stopped; nobody is left to tell.
            }
        }
        finally
        {
            inFlight.CompleteAdding();
        }
    }

    private static Task<TOut[]> Start<TIn, TOut>(TIn[] batch, int count, Func<TIn, TOut> map) => Task.Run(() =>
    {
        var results = new TOut[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = map(batch[i]);
        }
        return results;
    });
}
