namespace ContactRules.Contacts;

/// <summary>
/// A read-only stream that gives back bytes already read (to sniff the format) before the rest of the
/// underlying stream, so standard input can be inspected without being read twice or buffered whole.
/// </summary>
internal sealed class ReplayStream(byte[] prefix, Stream rest, bool leaveRestOpen) : ReadOnlyStream
{
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        if (_position < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
        return rest.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveRestOpen)
        {
            rest.Dispose();
        }
        base.Dispose(disposing);
    }
}
