using Xunit;

namespace ContactRules.Tests.Expressions.Parsing;

/// <summary>One line of a case file: <c>input ⇶ expected</c>, named by its file and line so a failure points at it.</summary>
public sealed record Case(string Location, string Input, string Expected)
{
    public override string ToString() => Location;
}

/// <summary>
/// Reads data-driven case files under <c>Cases/</c>: one case per line, <c>input ⇶ expected</c>; blank lines and
/// lines starting with <c>#</c> are comments.
/// </summary>
public static class CaseFile
{
    public const string Arrow = " ⇶ ";

    public static IEnumerable<Case> Read(string pattern)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Cases");
        var directory = Path.Combine(root, Path.GetDirectoryName(pattern) ?? "");
        foreach (var file in Directory.GetFiles(directory, Path.GetFileName(pattern)).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(root, file).Replace('\\', '/');
            var lines = File.ReadAllLines(file);
            for (var n = 0; n < lines.Length; n++)
            {
                var line = lines[n];
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }
                var arrow = line.IndexOf(Arrow, StringComparison.Ordinal);
                if (arrow < 0)
                {
                    throw new FormatException($"{name}:{n + 1}: no `{Arrow.Trim()}` in case line");
                }
                yield return new Case($"{name}:{n + 1}", line[..arrow], line[(arrow + Arrow.Length)..]);
            }
        }
    }

    /// <summary>The cases as xunit theory data; the location comes first so test names show it.</summary>
    public static TheoryData<string, string, string> Theory(string pattern)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var c in Read(pattern))
        {
            data.Add(c.Location, c.Input, c.Expected);
        }
        return data;
    }
}
