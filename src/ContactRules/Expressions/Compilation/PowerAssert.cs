using System.Text;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Expressions.Compilation;

/// <summary>
/// Prints a traced evaluation the way Groovy's and Spock's power asserts do: the expression on one line,
/// then under each sub-expression (at its operator, function or field name) a bar and its value:
/// <code>
/// value.matches('^[0-9]+$') &amp;&amp; size(value) > 3
/// |     |                   |  |    |      |
/// |     true                |  12   |      true
/// "919812345678"            true    "919812345678"
/// </code>
/// Values are CEL literals; literals of the expression itself are not repeated.
/// </summary>
internal static class PowerAssert
{
    /// <summary>Values longer than this are cut with an ellipsis: a whole case map under every <c>case.…</c> would drown the rule.</summary>
    public const int MaxValueWidth = 60;

    public static string Render(CelTrace trace) => Draw(trace.Source, Marks(trace, static _ => false).Select(m => (m.Column, m.Text)));

    /// <summary>
    /// What <see cref="Render"/> draws, as data: each evaluated part with the column its value is drawn at,
    /// its value as a CEL literal (cut to <see cref="MaxValueWidth"/>), and whether <paramref name="personal"/>
    /// says it holds personal data. One mark per column: the outermost part wins, as its value tells more.
    /// </summary>
    public static IReadOnlyList<PowerAssertMark> Marks(CelTrace trace, Func<Expr, bool> personal)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(personal);
        var line = OneLine(trace.Source);
        var values = trace.LastValues();
        var marks = new List<PowerAssertMark>();
        var columns = new HashSet<int>();
        foreach (var node in Nodes(trace.Expression))
        {
            // Literals are already on the line, and a map reached by name (case, case.properties) is only
            // the way to the value that matters, which is shown where it is selected.
            if (node is not ConstantExpr && values.TryGetValue(node, out var value) && !(node is IdentExpr or SelectExpr && value is CelMap))
            {
                var column = Math.Clamp(Anchor(line, node), 0, Math.Max(0, line.Length - 1));
                if (columns.Add(column))
                {
                    marks.Add(new PowerAssertMark(node.Span, column, Shorten(CelLiteral.Format(value)), personal(node)));
                }
            }
        }
        return marks;
    }

    /// <summary>Draws <paramref name="source"/> with each mark's text under a bar at its column.</summary>
    public static string Draw(string source, IEnumerable<(int Column, string Text)> marks)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(marks);
        var line = OneLine(source);
        var ordered = marks.OrderByDescending(m => m.Column).ToList();

        var rows = new List<StringBuilder>();
        var leftmost = new List<int>();
        foreach (var (column, text) in ordered)
        {
            var row = 1;
            while (row < rows.Count && column + text.Length >= leftmost[row])
            {
                row++;
            }
            while (rows.Count <= row)
            {
                rows.Add(new StringBuilder());
                leftmost.Add(int.MaxValue);
            }
            for (var r = 0; r < row; r++)
            {
                Put(rows[r], column, "|");
                leftmost[r] = Math.Min(leftmost[r], column);
            }
            Put(rows[row], column, text);
            leftmost[row] = column;
        }
        var sb = new StringBuilder(line.TrimEnd());
        foreach (var row in rows)
        {
            sb.Append('\n').Append(row.ToString().TrimEnd());
        }
        return sb.ToString();
    }

    /// <summary>Tabs and line breaks would misalign the columns; one space each keeps the offsets.</summary>
    private static string OneLine(string source) => new([.. source.Select(c => char.IsWhiteSpace(c) ? ' ' : c)]);

    private static void Put(StringBuilder row, int column, string text)
    {
        if (row.Length < column)
        {
            row.Append(' ', column - row.Length);
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (column + i < row.Length)
            {
                row[column + i] = text[i];
            }
            else
            {
                row.Append(text[i]);
            }
        }
    }

    /// <summary>Where a node's value is printed: at its operator, function name or field, else where it starts.</summary>
    private static int Anchor(string source, Expr node) => node switch
    {
        CallExpr { Target: { } target } call => Find(source, call.Function, target.Span.End, node.Span.Start),
        CallExpr { IsOperator: true, Args.Length: 2 } call =>
            Find(source, Operators.Symbol(call.Function)[..1], call.Args[0].Span.End, node.Span.Start),
        CallExpr { Function: Operators.Conditional } call => Find(source, "?", call.Args[0].Span.End, node.Span.Start),
        SelectExpr select when !select.IsTest => Find(source, select.Field, select.Operand.Span.End, node.Span.Start),
        MacroExpr macro => Find(source, ".", macro.Range.Span.End, node.Span.Start) + 1,
        _ => node.Span.Start,
    };

    private static int Find(string source, string text, int from, int fallback)
    {
        if (from < 0 || from > source.Length)
        {
            return fallback;
        }
        var at = source.IndexOf(text, from, StringComparison.Ordinal);
        return at < 0 ? fallback : at;
    }

    /// <summary>The nodes of an expression, outermost first.</summary>
    internal static IEnumerable<Expr> Nodes(Expr root)
    {
        var stack = new Stack<Expr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            IEnumerable<Expr> children = node switch
            {
                SelectExpr s => [s.Operand],
                CallExpr c => c.Target is null ? c.Args : [c.Target, .. c.Args],
                ListExpr l => l.Elements,
                MapExpr m => m.Entries.SelectMany(e => new[] { e.Key, e.Value }),
                MacroExpr m => new[] { m.Range, m.Filter, m.Step }.OfType<Expr>(),
                _ => [],
            };
            foreach (var child in children.Reverse())
            {
                stack.Push(child);
            }
        }
    }

    private static string Shorten(string text) =>
        text.Length <= MaxValueWidth ? text : string.Concat(text.AsSpan(0, MaxValueWidth - 1), "…");
}

/// <summary>One drawn value of a power-assert drawing: the part's span, the column it is drawn at, its value as a CEL literal, and whether it holds personal data.</summary>
internal readonly record struct PowerAssertMark(TextSpan Span, int Column, string Text, bool Personal);
