using Xunit;

namespace ContactRules.Tests.Expressions.Checking;

/// <summary>
/// Reads a data-driven case file under Cases/: one case per line, <c>expression ⇶ expected</c>, with blank
/// lines and <c>#</c> comments ignored. Each case carries its file:line so a failure names the line.
/// </summary>
internal static class CaseFile
{
    public const string Arrow = " ⇶ ";

    public static TheoryData<string, string, string> Read(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Cases", relativePath);
        var cases = new TheoryData<string, string, string>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var arrow = line.IndexOf(Arrow, StringComparison.Ordinal);
            if (arrow < 0)
            {
                throw new FormatException($"{relativePath}:{i + 1}: expected `expression{Arrow}expected`");
            }
            cases.Add($"{relativePath}:{i + 1}", line[..arrow], line[(arrow + Arrow.Length)..]);
        }
        return cases;
    }
}
