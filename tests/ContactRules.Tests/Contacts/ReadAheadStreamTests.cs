using ContactRules.Contacts;
using Xunit;

namespace ContactRules.Tests.Contacts;

/// <summary>The xlsx scan's read-ahead: the bytes in order, then the inner stream's failure, and no thread left behind.</summary>
public sealed class ReadAheadStreamTests
{
    [Fact]
    public void Bytes_come_out_in_order_whatever_the_reads()
    {
        var bytes = new byte[1_000_003];
        new Random(5).NextBytes(bytes);
        using var stream = new ReadAheadStream(new MemoryStream(bytes), new Lock());
        var read = new MemoryStream();
        var buffer = new byte[7_919];
        var random = new Random(7);
        int n;
        while ((n = stream.Read(buffer, 0, 1 + random.Next(buffer.Length))) > 0)
        {
            read.Write(buffer, 0, n);
        }
        Assert.Equal(bytes, read.ToArray());
        Assert.Equal(0, stream.Read(buffer));
    }

    [Fact]
    public void A_failure_comes_after_the_bytes_read_before_it_as_the_same_exception()
    {
        using var stream = new ReadAheadStream(new FailingStream(200_000), new Lock());
        var buffer = new byte[4_096];
        long total = 0;
        var failure = Assert.Throws<InvalidDataException>(() =>
        {
            int n;
            while ((n = stream.Read(buffer)) > 0)
            {
                total += n;
            }
        });
        Assert.Equal("damaged at 200000", failure.Message);
        Assert.Equal(200_000, total);
        Assert.Throws<InvalidDataException>(() => stream.Read(buffer));
    }

    [Fact]
    public void Disposing_before_the_end_stops_the_thread_and_closes_the_inner_stream()
    {
        var inner = new FailingStream(long.MaxValue);
        var stream = new ReadAheadStream(inner, new Lock());
        Assert.True(stream.Read(new byte[10]) > 0);
        stream.Dispose();
        Assert.True(inner.Disposed);
    }

    /// <summary>Gives zeros in reads of at most 10,000 bytes, then fails at <paramref name="failAt"/>.</summary>
    private sealed class FailingStream(long failAt) : ReadOnlyStream
    {
        private long _position;

        public bool Disposed { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            ObjectDisposedException.ThrowIf(Disposed, this);
            if (_position >= failAt)
            {
                throw new InvalidDataException("damaged at " + _position);
            }
            var n = (int)Math.Min(Math.Min(buffer.Length, 10_000), failAt - _position);
            buffer[..n].Clear();
            _position += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
