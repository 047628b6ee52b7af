using System.Text;
using ContactRules.Contacts;
using Xunit;

namespace ContactRules.Tests.Contacts;

/// <summary>
/// Issue 10, point 4 for CSV: a row larger than the record limit is rejected with its line and a message
/// stating the limit, and the rows after it are read; before, Sylvan's buffer overflowed and ended the file.
/// </summary>
[Collection(MeasuresMemory.Name)]
public sealed class CsvRowLimitTests
{
    private static List<CaseReadResult> Read(string text, CaseReadOptions? options = null, int chunk = 4096) =>
        [.. CaseSource.Read(new TrickleStream(Encoding.UTF8.GetBytes(text), chunk), "in", options ?? CaseReadOptions.Default, CaseFormat.Csv)];

    private static CaseReadOptions Limit(int bytes) => new() { Limits = new InputLimits { MaxRecordBytes = bytes } };

    [Fact]
    public void A_row_with_a_5_MB_field_is_rejected_with_its_line_and_the_other_rows_are_read()
    {
        var huge = "\"" + new string('9', 5 << 20) + "\n" + new string('8', 10) + "\"";
        var csv = "caseid,contact_phone_number\r\na,1\r\nb,2\r\nc," + huge + "\r\nd,4\r\ne,5\r\nf,6\r\n";
        var results = Read(csv, chunk: 1 << 20);
        Assert.Equal(["a", "b", "d", "e", "f"], results.Accepted().Select(c => c.Id));
        Assert.Equal([2, 3, 6, 7, 8], results.Accepted().Select(c => c.SourceLine));
        var rejected = Assert.Single(results, r => r.Kind == CaseReadKind.Rejected);
        Assert.Equal(
            "in:4: error MALFORMED_RECORD: the record has " + (huge.Length + 2) + " bytes, more than the limit of 1048576; it is skipped",
            rejected.Diagnostic!.ToString());
        Assert.Equal(new CaseReadSummary(6, 5, 1, 0), results.Summary());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Rows_are_split_as_the_parser_splits_them_whatever_the_chunks(int chunk)
    {
        // Quotes inside an unquoted field are text; "" inside a quoted field is a quote; a quoted field may hold
        // line breaks and commas. None of this may make the guard misjudge where a row ends.
        var csv = "caseid,name,note\n"
            + "a,5'11\" tall,x\n"
            + "b,\"Rao, \"\"Ravi\"\"\",\"two\nlines\"\n"
            + "c,\"" + new string('z', 150) + "\",y\n"
            + "d,\"q\",z\r\n"
            + "e,\"\"\"\",w\n"
            + "f," + new string('w', 101) + ",v";
        var results = Read(csv, Limit(100), chunk);
        Assert.Equal(["a", "b", "d", "e"], results.Accepted().Select(c => c.Id));
        Assert.Equal("5'11\" tall", results.Accepted()[0].Name);
        Assert.Equal("Rao, \"Ravi\"", results.Accepted()[1].Name);
        Assert.Equal([2, 3, 6, 7], results.Accepted().Select(c => c.SourceLine));
        Assert.Equal(
            [
                "in:5: error MALFORMED_RECORD: the record has 156 bytes, more than the limit of 100; it is skipped",
                "in:8: error MALFORMED_RECORD: the record has 105 bytes, more than the limit of 100; it is skipped",
            ],
            results.Diagnostics());
        Assert.Equal(new CaseReadSummary(6, 4, 2, 0), results.Summary());
    }

    [Fact]
    public void Line_breaks_inside_a_skipped_row_still_count_for_the_lines_after_it()
    {
        var csv = "caseid,note\na,\"" + string.Concat(Enumerable.Repeat("line\n", 40)) + "\"\nb,ok\n";
        var results = Read(csv, Limit(100), 3);
        var b = Assert.Single(results.Accepted());
        Assert.Equal(43, b.SourceLine);
        Assert.Equal(["in:2: error MALFORMED_RECORD: the record has 204 bytes, more than the limit of 100; it is skipped"], results.Diagnostics());
    }

    [Fact]
    public void A_forged_marker_is_an_ordinary_value()
    {
        // The marker is a lone surrogate, which no UTF-8 decodes to; the nearest a file can come is U+FFFD.
        var results = Read("caseid\n\uDC00123:4\na\n");
        Assert.Equal(["\uFFFD123:4", "a"], results.Accepted().Select(c => c.Id));
    }

    [Fact]
    public void A_header_row_over_the_limit_is_one_problem()
    {
        var results = Read("caseid," + new string('h', 200) + "\na,b\n", Limit(100));
        Assert.Equal(["in:1: error MALFORMED_INPUT: the header row has 207 bytes, more than the limit of 100 for a row, so no column can be read; reading this file stopped here"], results.Diagnostics());
        Assert.Empty(results.Accepted());
    }

    [Fact]
    public void A_100_MB_row_is_skipped_without_being_held()
    {
        using var stream = new HugeRowStream(100 << 20);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var results = CaseSource.Read(stream, "in", CaseReadOptions.Default, CaseFormat.Csv).ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(["a", "c"], results.Accepted().Select(c => c.Id));
        Assert.Equal(["in:3: error MALFORMED_RECORD: the record has " + ((100 << 20) + 4) + " bytes, more than the limit of 1048576; it is skipped"], results.Diagnostics());
        // The row is 100 MB (200 MB as text); what is allocated is the buffers, each within the record limit.
        Assert.True(allocated < 40_000_000, $"reading allocated {allocated} bytes");
    }

    /// <summary>A CSV whose second row has a quoted field of the given size, generated as it is read.</summary>
    private sealed class HugeRowStream(long fieldBytes) : ReadOnlyStream
    {
        private readonly byte[] _head = "caseid,note\na,1\nb,\""u8.ToArray();
        private readonly byte[] _tail = "\"\nc,3\n"u8.ToArray();
        private long _position;

        public override int Read(Span<byte> buffer)
        {
            var n = 0;
            while (n < buffer.Length)
            {
                var tailStart = _head.Length + fieldBytes;
                if (_position < _head.Length)
                {
                    buffer[n++] = _head[_position];
                }
                else if (_position < tailStart)
                {
                    var run = (int)Math.Min(buffer.Length - n, tailStart - _position);
                    buffer.Slice(n, run).Fill((byte)'x');
                    n += run;
                    _position += run;
                    continue;
                }
                else if (_position < tailStart + _tail.Length)
                {
                    buffer[n++] = _tail[_position - tailStart];
                }
                else
                {
                    break;
                }
                _position++;
            }
            return n;
        }
    }
}
