namespace ContactRules.Diagnostics;

/// <summary>
/// Collects the problems found while loading an input, so a loader reports every problem in one pass
/// instead of stopping at the first.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => ErrorCount > 0;

    /// <summary>How many errors so far; a loader compares it before and after to know whether it added any.</summary>
    public int ErrorCount { get; private set; }

    public int Count => _items.Count;

    public void Add(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        _items.Add(diagnostic);
        if (diagnostic.IsError)
        {
            ErrorCount++;
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            Add(diagnostic);
        }
    }

    public void Error(string code, SourceLocation location, string message) =>
        Add(Diagnostic.Error(code, location, message));

    public void Warning(string code, SourceLocation location, string message) =>
        Add(Diagnostic.Warning(code, location, message));

    /// <summary>The diagnostics in file order (stable for equal positions), as a report lists them.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.Location.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)];
}
