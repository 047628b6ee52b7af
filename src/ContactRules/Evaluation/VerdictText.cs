using System.Text;
using ContactRules.Contacts;
using ContactRules.RuleFiles;

namespace ContactRules.Evaluation;

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
    public static string Check(ContactVerdict verdict, CaseRecord record, RuleFile rules)
    {
        var text = new StringBuilder();
        text.Append(verdict.CaseId);
        if (!string.IsNullOrEmpty(record.Name))
        {
            text.Append("  ").Append(record.Name);
        }
        text.Append('\n');
        var width = rules.Channels.Max(c => c.Title.Length);
        foreach (var channel in verdict.Channels)
        {
            var title = (rules.Channel(channel.Channel)?.Title ?? channel.Channel).PadRight(width);
            if (channel.Eligible)
            {
                text.Append("  ").Append(Open).Append(' ').Append(title).Append("  ").Append(Sender(channel)).Append('\n');
                continue;
            }
            var first = true;
            foreach (var reason in channel.Reasons)
            {
                text.Append("  ").Append(first ? Closed + " " + title : new string(' ', width + 2)).Append("  ")
                    .Append(reason.Code).Append(": ").Append(reason.Message).Append('\n');
                first = false;
            }
        }
        if (Settings(verdict) is { Length: > 0 } settings)
        {
            text.Append("  ").Append(settings).Append('\n');
        }
        foreach (var warning in verdict.Warnings)
        {
            text.Append("  ").Append(Warn).Append(' ').Append(warning.Code).Append(": ").Append(warning.Message).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Everything about one case: every reason with its description, fix and drawn rule.</summary>
    public static string Explain(ContactVerdict verdict, CaseRecord record, RuleFile rules)
    {
        var text = new StringBuilder();
        text.Append("Case ").Append(verdict.CaseId);
        if (!string.IsNullOrEmpty(record.Name))
        {
            text.Append(" (").Append(record.Name).Append(')');
        }
        text.Append(!verdict.Contact ? " is not a messaging contact.\n"
            : verdict.Channels.Any(c => c.Eligible) ? " is a messaging contact.\n"
            : " is an active case, but no channel can reach it.\n");
        var drawn = new HashSet<Reason>();
        foreach (var channel in verdict.Channels)
        {
            var title = rules.Channel(channel.Channel)?.Title ?? channel.Channel;
            text.Append('\n');
            if (channel.Eligible)
            {
                text.Append(Open).Append(' ').Append(title).Append(": can be reached ").Append(Sender(channel)).Append('\n');
                continue;
            }
            text.Append(Closed).Append(' ').Append(title).Append(": cannot be reached\n");
            foreach (var reason in channel.Reasons)
            {
                AppendReason(text, reason, rules, drawn);
            }
        }
        text.Append('\n');
        if (verdict.TimeZone is { } timeZone)
        {
            text.Append("Time zone: ").Append(timeZone.Value).Append(Source(timeZone, "time_zone")).Append('\n');
        }
        if (verdict.Language is { } language)
        {
            text.Append("Language: ").Append(language.Value).Append(Source(language, "language_code")).Append('\n');
        }
        if (verdict.Warnings.Length > 0)
        {
            text.Append("\nWarnings:\n");
            foreach (var warning in verdict.Warnings)
            {
                AppendReason(text, warning, rules, drawn);
            }
        }
        return text.ToString();
    }

    private static void AppendReason(StringBuilder text, Reason reason, RuleFile rules, HashSet<Reason> drawn)
    {
        var bullet = reason.Severity == Severity.Warning ? Warn : '-';
        text.Append("  ").Append(bullet).Append(' ').Append(reason.Message).Append(" [").Append(reason.Code).Append("]\n");
        if (rules.Errors.TryGetValue(reason.Code, out var description))
        {
            text.Append("    ").Append(description.Title).Append(". ").Append(description.Description).Append('\n');
            if (description.Fix.Length > 0)
            {
                text.Append("    Fix: ").Append(description.Fix).Append('\n');
            }
        }
        if (reason.Trace is { } trace)
        {
            if (drawn.Add(reason))
            {
                text.Append("    The rule, with the value of each part:\n");
                foreach (var line in trace.Split('\n'))
                {
                    text.Append("      ").Append(line).Append('\n');
                }
            }
            else
            {
                text.Append("    (the rule is drawn above)\n");
            }
        }
    }

    private static string Sender(ChannelVerdict channel)
    {
        var parts = new List<string>();
        if (channel.Destination is not null)
        {
            parts.Add("at " + channel.Destination);
        }
        if (channel.Gateway is { Gateway: { } gateway } route)
        {
            parts.Add($"via {gateway} ({VerdictJson.Describe(route)})");
        }
        if (channel.Email is not null)
        {
            parts.Add("at " + channel.Email);
        }
        return string.Join(' ', parts);
    }

    private static string Settings(ContactVerdict verdict)
    {
        var parts = new List<string>();
        if (verdict.TimeZone is { } timeZone)
        {
            parts.Add($"time zone {timeZone.Value} ({(timeZone.Source == ValueSource.Case ? "case" : "project")})");
        }
        if (verdict.Language is { } language)
        {
            parts.Add($"language {language.Value} ({(language.Source == ValueSource.Case ? "case" : "project")})");
        }
        return string.Join(", ", parts);
    }

    private static string Source(ResolvedSetting setting, string property) => setting.Source == ValueSource.Case
        ? $" (from the case's {property})"
        : $" (the project's, since the case's {property} is missing or not usable)";
}
