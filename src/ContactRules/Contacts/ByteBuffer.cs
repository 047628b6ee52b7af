namespace ContactRules.Contacts;

/// <summary>The refill of a byte buffer that readers walk with a start and an end: unread bytes move to the front.</summary>
internal static class ByteBuffer
{
    /// <summary>
    /// Moves the unread bytes to the front, doubles the buffer when they fill it, and reads more: until the
    /// buffer is full when <paramref name="fill"/>, else once. True when the stream has ended.
    /// </summary>
    public static bool Refill(Stream stream, ref byte[] buffer, ref int start, ref int end, bool fill)
    {
        var unread = end - start;
        if (unread == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        else if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, unread);
        }
        start = 0;
        end = unread;
        do
        {
            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                return true;
            }
            end += read;
        }
        while (fill && end < buffer.Length);
        return false;
    }
}
