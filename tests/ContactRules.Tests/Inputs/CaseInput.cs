using System.Text;
using ContactRules.Contacts;

namespace ContactRules.Tests.Inputs;

/// <summary>Helpers to read case input from text in tests, through streams that hand out a few bytes at a time.</summary>
internal static class CaseInput
{
    public static List<CaseReadResult> Read(string text, CaseFormat? format, int chunk = int.MaxValue) =>
        [.. CaseSource.Read(new TrickleStream(Encoding.UTF8.GetBytes(text), chunk), "in", format)];

    public static List<CaseRecord> Accepted(this IEnumerable<CaseReadResult> results) =>
        [.. results.Where(r => r.Kind == CaseReadKind.Accepted).Select(r => r.Record!)];

    public static List<string> Diagnostics(this IEnumerable<CaseReadResult> results) =>
        [.. results.Where(r => r.Diagnostic is not null).Select(r => r.Diagnostic!.ToString())];

    public static CaseReadSummary Summary(this IEnumerable<CaseReadResult> results) =>
        results.Aggregate(default(CaseReadSummary), (s, r) => s.Add(r));
}

/// <summary>A non-seekable stream returning at most <c>chunk</c> bytes per read, to exercise buffer refills.</summary>
internal sealed class TrickleStream(byte[] data, int chunk) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
