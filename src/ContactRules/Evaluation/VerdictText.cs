using System.Text;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.RuleFiles;
using ContactRules.Text;

namespace ContactRules.Evaluation;

/// <summary>The kind of a line of verdict text, so a terminal colours it from the verdict, never from its text.</summary>
public enum VerdictLineKind
{
    Plain,
    Open,
    Closed,
    Warning,
}

/// <summary>One line of verdict text (without its line break) and what it says.</summary>
public readonly record struct VerdictLine(VerdictLineKind Kind, string Text);

/// <summary>
/// Verdicts as text for people: a compact block per case for <c>check</c>, and the full story for
/// <c>explain</c> (each reason with the catalogue's description and fix, and the failed rule drawn with
/// the values of its parts). Lines that open with ✔, ✘ or ! are a channel open, a channel closed, a warning.
/// </summary>
public static class VerdictText
{
    public const char Open = '✔';
    public const char Closed = '✘';
    public const char Warn = '!';

    /// <summary>A few lines: the case, each channel open or closed with the first reason, settings and warnings.</summary>
    public static string Check(ContactVerdict verdict, CaseRecord record, RuleFile rules) => Join(CheckLines(verdict, record, rules));

    /// <summary>Everything about one case: every reason with its description, fix and drawn rule.</summary>
    public static string Explain(ContactVerdict verdict, CaseRecord record, RuleFile rules) => Join(ExplainLines(verdict, record, rules));

    /// <summary>The lines of <see cref="Check"/>, each with its kind.</summary>
    public static IReadOnlyList<VerdictLine> CheckLines(ContactVerdict verdict, CaseRecord record, RuleFile rules)
    {
        var lines = new List<VerdictLine>();
        lines.Add(new(VerdictLineKind.Plain, string.IsNullOrEmpty(record.Name) ? verdict.CaseId : verdict.CaseId + "  " + record.Name));
        var width = rules.Channels.Max(c => c.Title.Length);
        foreach (var channel in verdict.Channels)
        {
            var title = (rules.Channel(channel.Channel)?.Title ?? channel.Channel).PadRight(width);
            if (channel.Eligible)
            {
                lines.Add(new(VerdictLineKind.Open, $"  {Open} {title}  {Sender(channel)}"));
                continue;
            }
            var first = true;
            foreach (var reason in channel.Reasons)
            {
                lines.Add(first
                    ? new(VerdictLineKind.Closed, $"  {Closed} {title}  {reason.Code}: {reason.Message}")
                    : new(VerdictLineKind.Plain, $"  {new string(' ', width + 2)}  {reason.Code}: {reason.Message}"));
                if (reason.Suggestion is { } suggestion)
                {
                    lines.Add(new(VerdictLineKind.Plain, $"  {new string(' ', width + 2)}    {Messages.Suggested(suggestion)}"));
                }
                first = false;
            }
        }
        if (Settings(verdict) is { Length: > 0 } settings)
        {
            lines.Add(new(VerdictLineKind.Plain, "  " + settings));
        }
        foreach (var warning in verdict.Warnings)
        {
            lines.Add(new(VerdictLineKind.Warning, $"  {Warn} {warning.Code}: {warning.Message}"));
            if (warning.Suggestion is { } suggestion)
            {
                lines.Add(new(VerdictLineKind.Plain, $"      {Messages.Suggested(suggestion)}"));
            }
        }
        return lines;
    }

    /// <summary>The lines of <see cref="Explain"/>, each with its kind.</summary>
    public static IReadOnlyList<VerdictLine> ExplainLines(ContactVerdict verdict, CaseRecord record, RuleFile rules)
    {
        var lines = new List<VerdictLine>();
        lines.Add(new(VerdictLineKind.Plain, Messages.ExplainCase(verdict.CaseId, record.Name, verdict.Contact, verdict.Channels.Any(c => c.Eligible))));
        var drawn = new HashSet<Reason>();
        foreach (var channel in verdict.Channels)
        {
            var title = rules.Channel(channel.Channel)?.Title ?? channel.Channel;
            lines.Add(new(VerdictLineKind.Plain, ""));
            if (channel.Eligible)
            {
                lines.Add(new(VerdictLineKind.Open, $"{Open} {Messages.ExplainReached(title, Sender(channel))}"));
                continue;
            }
            lines.Add(new(VerdictLineKind.Closed, $"{Closed} {Messages.ExplainNotReached(title)}"));
            foreach (var reason in channel.Reasons)
            {
                AddReason(lines, reason, rules, drawn);
            }
        }
        lines.Add(new(VerdictLineKind.Plain, ""));
        if (verdict.TimeZone is { } timeZone)
        {
            lines.Add(new(VerdictLineKind.Plain, Messages.ExplainTimeZone(timeZone.Value, timeZone.Source == ValueSource.Case)));
        }
        if (verdict.Language is { } language)
        {
            lines.Add(new(VerdictLineKind.Plain, Messages.ExplainLanguage(language.Value, language.Source == ValueSource.Case)));
        }
        if (verdict.Warnings.Length > 0)
        {
            lines.Add(new(VerdictLineKind.Plain, ""));
            lines.Add(new(VerdictLineKind.Plain, Messages.ExplainWarningsHeading));
            foreach (var warning in verdict.Warnings)
            {
                AddReason(lines, warning, rules, drawn);
            }
        }
        return lines;
    }

    private static string Join(IReadOnlyList<VerdictLine> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line.Text).Append('\n');
        }
        return text.ToString();
    }

    private static void AddReason(List<VerdictLine> lines, Reason reason, RuleFile rules, HashSet<Reason> drawn)
    {
        var warning = reason.Severity == Severity.Warning;
        lines.Add(new(warning ? VerdictLineKind.Warning : VerdictLineKind.Plain, $"  {(warning ? Warn : '-')} {reason.Message} [{reason.Code}]"));
        if (reason.Suggestion is { } suggestion)
        {
            lines.Add(new(VerdictLineKind.Plain, "    " + Messages.Suggested(suggestion)));
        }
        if (rules.Errors.TryGetValue(reason.Code, out var description))
        {
            lines.Add(new(VerdictLineKind.Plain, $"    {description.Title}. {description.Description}"));
            if (description.Fix.Length > 0)
            {
                lines.Add(new(VerdictLineKind.Plain, "    " + Messages.ExplainFix(description.Fix)));
            }
        }
        if (reason.Trace is { } trace)
        {
            if (drawn.Add(reason))
            {
                lines.Add(new(VerdictLineKind.Plain, "    " + Messages.ExplainRuleHeading));
                foreach (var line in trace.Split('\n'))
                {
                    lines.Add(new(VerdictLineKind.Plain, "      " + line));
                }
            }
            else
            {
                lines.Add(new(VerdictLineKind.Plain, "    " + Messages.ExplainRuleDrawnAbove));
            }
        }
    }

    private static string Sender(ChannelVerdict channel)
    {
        var parts = new List<string>();
        if (channel.Destination is not null)
        {
            parts.Add(Messages.SenderAt(channel.Destination));
        }
        if (channel.Gateway is { Gateway: { } gateway } route)
        {
            parts.Add(Messages.SenderVia(gateway, VerdictJson.Describe(route)));
        }
        if (channel.Email is not null)
        {
            parts.Add(Messages.SenderAt(channel.Email));
        }
        return string.Join(' ', parts);
    }

    private static string Settings(ContactVerdict verdict)
    {
        var parts = new List<string>();
        if (verdict.TimeZone is { } timeZone)
        {
            parts.Add(Messages.SettingTimeZone(timeZone.Value, timeZone.Source == ValueSource.Case));
        }
        if (verdict.Language is { } language)
        {
            parts.Add(Messages.SettingLanguage(language.Value, language.Source == ValueSource.Case));
        }
        return string.Join(", ", parts);
    }
}
