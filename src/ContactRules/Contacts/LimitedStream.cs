using System.IO.Compression;
using ContactRules.Text;

namespace ContactRules.Contacts;

/// <summary>Input refused because it passed a stated limit; an <see cref="IOException"/>, so every reader reports it where it happened.</summary>
internal sealed class InputLimitException(string message) : IOException(message);

/// <summary>
/// The decompressed side of an archive member or a gzip stream, counted as it is read: past the stated
/// uncompressed size, or past the stated ratio to the compressed bytes consumed, reading fails with an
/// <see cref="InputLimitException"/> before any more is unpacked. Damaged compressed data
/// (<see cref="InvalidDataException"/>) becomes an <see cref="IOException"/> with a plain message.
/// </summary>
internal sealed class LimitedStream(Stream inner, string name, Func<long> compressedBytes, InputLimits limits) : ReadOnlyStream
{
    private long _read;

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new IOException(Messages.CompressedDataDamaged(name, e.Message), e);
        }
        _read += n;
        if (_read > limits.MaxUncompressedBytes)
        {
            throw new InputLimitException(Messages.DecompressionRefused(name, _read, limits));
        }
        if (_read > limits.RatioGraceBytes && _read > Math.Max(1, compressedBytes()) * limits.MaxCompressionRatio)
        {
            throw new InputLimitException(Messages.DecompressionRefused(name, _read, limits));
        }
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>A gzip stream's decompressed bytes, limited against the compressed bytes read so far.</summary>
    public static Stream Gunzip(Stream compressed, string name, InputLimits limits)
    {
        var counting = new CountingStream(compressed);
        return new LimitedStream(new GZipStream(counting, CompressionMode.Decompress, leaveOpen: true), name, () => counting.Count, limits);
    }
}

/// <summary>Counts the bytes read through it (the compressed side of a gzip stream).</summary>
internal sealed class CountingStream(Stream inner) : ReadOnlyStream
{
    private long _count;

    public long Count => Volatile.Read(ref _count);

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _count += n;
        return n;
    }
}
