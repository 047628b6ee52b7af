using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ContactRules.Contacts;

/// <summary>
/// Reads a stream ahead on a thread of its own, a few chunks at most, so that unpacking a sheet part overlaps
/// with scanning it (on a quiet 2-core machine unpacking is a fifth of an xlsx read). The bytes come out in
/// order; a failure of the inner stream comes out of <see cref="Read(Span{byte})"/> after the bytes read before
/// it, as the same exception. Disposing waits for the thread, so the archive is never read by two threads;
/// while it reads, whatever else reads the same archive takes the same gate (a zip's entries share its stream
/// and its position).
/// </summary>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    private const int ChunkSize = 1 << 16;

    private readonly Stream _inner;
    private readonly Lock _gate;
    private readonly BlockingCollection<Chunk> _chunks = new(boundedCapacity: 4);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private Chunk _current;
    private int _offset;
    private ExceptionDispatchInfo? _failure;
    private bool _ended;
    private bool _disposed;

    /// <param name="inner">The stream read ahead.</param>
    /// <param name="gate">Held around each read of <paramref name="inner"/>.</param>
    public ReadAheadStream(Stream inner, Lock gate)
    {
        _inner = inner;
        _gate = gate;
        _reader = new Thread(ReadAhead) { IsBackground = true, Name = "xlsx read-ahead" };
        _reader.Start();
    }

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (_current.Bytes is { } bytes)
            {
                if (_offset < _current.Length)
                {
                    var count = Math.Min(buffer.Length, _current.Length - _offset);
                    bytes.AsSpan(_offset, count).CopyTo(buffer);
                    _offset += count;
                    return count;
                }
                ArrayPool<byte>.Shared.Return(bytes);
                _current = default;
            }
            if (_ended)
            {
                _failure?.Throw();
                return 0;
            }
            var next = _chunks.Take();
            if (next.Bytes is null)
            {
                _ended = true;
                _failure = next.Failure;
                continue;
            }
            _current = next;
            _offset = 0;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _stop.Cancel();
            _reader.Join();
            while (_chunks.TryTake(out var left))
            {
                if (left.Bytes is { } bytes)
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }
            if (_current.Bytes is { } current)
            {
                ArrayPool<byte>.Shared.Return(current);
                _current = default;
            }
            _inner.Dispose();
            _chunks.Dispose();
            _stop.Dispose();
        }
        base.Dispose(disposing);
    }

    private void ReadAhead()
    {
        try
        {
            while (true)
            {
                var bytes = ArrayPool<byte>.Shared.Rent(ChunkSize);
                Chunk chunk;
                try
                {
                    int read;
                    lock (_gate)
                    {
                        read = _inner.Read(bytes, 0, ChunkSize);
                    }
                    chunk = read > 0 ? new Chunk(bytes, read, null) : default;
                }
                catch (Exception e)
                {
                    chunk = new Chunk(null, 0, ExceptionDispatchInfo.Capture(e));
                }
                if (chunk.Bytes is null)
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }
                _chunks.Add(chunk, _stop.Token);
                if (chunk.Bytes is null)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed before the end: nothing more is wanted.
        }
    }

    /// <summary>Bytes read, or (no bytes) the end of the stream or how reading it failed.</summary>
    private readonly record struct Chunk(byte[]? Bytes, int Length, ExceptionDispatchInfo? Failure);
}
