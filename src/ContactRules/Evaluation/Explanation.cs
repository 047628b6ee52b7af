using System.Collections.Immutable;
using ContactRules.Expressions.Compilation;

namespace ContactRules.Evaluation;

/// <summary>
/// Why a rule failed, as data: the rule's text and the value each of its evaluated parts had. Text, JSON
/// and HTML are drawn from it; redaction masks its personal parts before any of them sees it.
/// </summary>
/// <param name="Rule">The rule's source text, as written in the rule file.</param>
/// <param name="Parts">The evaluated parts, outermost first, one per drawing column.</param>
public sealed record Explanation(string Rule, ImmutableArray<ExplainedPart> Parts)
{
    /// <summary>The rule drawn with the value of each part under it, power-assert style.</summary>
    public string Draw() => PowerAssert.Draw(Rule, Parts.Select(p => (p.Column, p.Value)));

    internal static Explanation Of(CelTrace trace, Func<Expressions.Ast.Expr, bool> personal) =>
        new(trace.Source, [.. PowerAssert.Marks(trace, personal).Select(m => new ExplainedPart(m.Span.Start, m.Span.Length, m.Column, m.Text, m.Personal))]);
}

/// <summary>One evaluated part of a failed rule.</summary>
/// <param name="Start">Where the part starts in the rule's text (zero-based).</param>
/// <param name="Length">The part's length in the rule's text.</param>
/// <param name="Column">The column its value is drawn at.</param>
/// <param name="Value">Its value as a CEL literal, cut with an ellipsis when long.</param>
/// <param name="Personal">Whether the value comes from personal data (a property the rules mark personal, the case name, the destination); such values are masked by redaction.</param>
public sealed record ExplainedPart(int Start, int Length, int Column, string Value, bool Personal);
