using System.Text;
using ContactRules.Contacts;

namespace ContactRules.Tests.Contacts;

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
internal sealed class TrickleStream(byte[] data, int chunk) : ReadOnlyStream
{
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(Math.Min(buffer.Length, chunk), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}
