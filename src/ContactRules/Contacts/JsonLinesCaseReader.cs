using System.Text;
using ContactRules.Diagnostics;
using ContactRules.Text;

namespace ContactRules.Contacts;

/// <summary>
/// Reads JSON lines (<c>.jsonl</c>, <c>.ndjson</c>): one case object per line. A bad line is rejected
/// with its line number and reading goes on; blank lines are not records.
/// </summary>
internal static class JsonLinesCaseReader
{
    public static IEnumerable<CaseReadResult> Read(Stream stream, string path, CaseReadOptions options)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var lineNumber = 0;
        var index = 0;
        while (true)
        {
            var (line, error) = ReadLine(text);
            if (error is not null)
            {
                yield return CaseReadResult.Problem(
                    Diagnostic.Error(DiagnosticCodes.FileUnreadable, SourceLocation.Record(path, lineNumber + 1), Messages.FileUnreadable(error)));
                yield break;
            }
            if (line is null)
            {
                yield break;
            }
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            yield return CaseJson.Parse(Encoding.UTF8.GetBytes(line), path, lineNumber, index++, options.Limits.MaxValueChars);
        }
    }

    private static (string? Line, string? Error) ReadLine(StreamReader text)
    {
        try
        {
            return (text.ReadLine(), null);
        }
        catch (IOException e)
        {
            return (null, e.Message);
        }
    }
}
