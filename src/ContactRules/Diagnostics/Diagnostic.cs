using System.Globalization;

namespace ContactRules.Diagnostics;

/// <summary>
/// How serious a problem is, for a diagnostic and for a failed check alike: an error makes an input
/// unusable or blocks a channel, a warning only informs.
/// </summary>
public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// Where a problem is: a file (or <c>-</c> for standard input) and a one-based line and column.
/// A column of 0 means "the whole line" (a record in a case file); a line of 0 means "the whole file".
/// </summary>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    public static SourceLocation File(string path) => new(path, 0, 0);

    public static SourceLocation Record(string path, int line) => new(path, line, 0);

    /// <summary><c>path:line:column</c>, leaving out the parts that are not known.</summary>
    public override string ToString()
    {
        if (Line <= 0)
        {
            return Path;
        }
        return Column <= 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Path}:{Line}")
            : string.Create(CultureInfo.InvariantCulture, $"{Path}:{Line}:{Column}");
    }
}

/// <summary>A problem found in an input file (rule file, project settings, case export).</summary>
public sealed record Diagnostic(Severity Severity, string Code, string Message, SourceLocation Location)
{
    public static Diagnostic Error(string code, SourceLocation location, string message) =>
        new(Severity.Error, code, message, location);

    public static Diagnostic Warning(string code, SourceLocation location, string message) =>
        new(Severity.Warning, code, message, location);

    public bool IsError => Severity == Severity.Error;

    /// <summary>The compiler-style form tools and editors understand: <c>path:line:column: error CODE: message</c>.</summary>
    public override string ToString()
    {
        var severity = Severity == Severity.Error ? "error" : "warning";
        return $"{Location}: {severity} {Code}: {Message}";
    }
}
