using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ContactRules.Diagnostics;
using ContactRules.RuleFiles;

namespace ContactRules.Evaluation;

/// <summary>
/// Verdicts as JSON, one object per case (the stable output contract of `check --format json`): <c>case_id</c>, <c>contact</c>, per
/// channel <c>eligible</c>, what a sender needs and <c>reasons</c>, then <c>time_zone</c>, <c>language</c>
/// and <c>warnings</c>.
/// </summary>
public static class VerdictJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Case values are shown as they are (e.g. "+", "<", non-Latin names); JSON escaping still applies.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // One buffer and writer per thread, reused line after line: a large check writes hundreds of thousands.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The verdict as one line of JSON.</summary>
    public static string ToJsonLine(ContactVerdict verdict, bool includeTraces = false)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        // Reset also forgets where a failed write stopped.
        writer.Reset(buffer);
        Write(writer, verdict, includeTraces);
        writer.Flush();
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, ContactVerdict verdict, bool includeTraces = false)
    {
        writer.WriteStartObject();
        writer.WriteString("case_id", verdict.CaseId);
        writer.WriteBoolean("contact", verdict.Contact);
        writer.WriteStartObject("channels");
        foreach (var channel in verdict.Channels)
        {
            writer.WriteStartObject(channel.Channel);
            writer.WriteBoolean("eligible", channel.Eligible);
            if (channel.Destination is not null)
            {
                writer.WriteString("destination", channel.Destination);
            }
            if (channel.Gateway is { } route)
            {
                if (route.Gateway is null)
                {
                    writer.WriteNull("gateway");
                }
                else
                {
                    writer.WriteString("gateway", route.Gateway);
                }
                writer.WriteString("gateway_choice", Describe(route));
            }
            if (channel.Email is not null)
            {
                writer.WriteString("email", channel.Email);
            }
            WriteReasons(writer, "reasons", channel.Reasons, includeTraces);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        WriteSetting(writer, "time_zone", "id", verdict.TimeZone);
        WriteSetting(writer, "language", "code", verdict.Language);
        WriteReasons(writer, "warnings", verdict.Warnings, includeTraces);
        writer.WriteEndObject();
    }

    /// <summary>How the gateway was chosen, in words: <c>override</c>, <c>prefix 254</c>, <c>catch-all</c>, ...</summary>
    public static string Describe(GatewayRoute route) => route.Choice switch
    {
        GatewayChoice.Override => "override",
        GatewayChoice.Prefix => "prefix " + route.Prefix,
        GatewayChoice.CatchAll => "catch-all",
        GatewayChoice.NotConfigured => "not configured",
        GatewayChoice.GlobalPrefix => "global prefix " + route.Prefix,
        GatewayChoice.GlobalCatchAll => "global catch-all",
        _ => "none",
    };

    private static void WriteSetting(Utf8JsonWriter writer, string name, string key, ResolvedSetting? setting)
    {
        if (setting is null)
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteStartObject(name);
        writer.WriteString(key, setting.Value);
        writer.WriteString("source", setting.Source == ValueSource.Case ? "case" : "project");
        writer.WriteEndObject();
    }

    private static void WriteReasons(Utf8JsonWriter writer, string name, IEnumerable<Reason> reasons, bool includeTraces)
    {
        writer.WriteStartArray(name);
        foreach (var reason in reasons)
        {
            writer.WriteStartObject();
            writer.WriteString("code", reason.Code);
            if (reason.Property is null)
            {
                writer.WriteNull("property");
            }
            else
            {
                writer.WriteString("property", reason.Property);
            }
            writer.WriteString("severity", reason.Severity == Severity.Error ? "error" : "warning");
            writer.WriteString("message", reason.Message);
            if (reason.Suggestion is { } suggestion)
            {
                writer.WriteStartObject("suggestion");
                writer.WriteString("value", suggestion.Value);
                writer.WriteString("confidence", suggestion.Confidence.Name());
                if (suggestion.DisplacedOwner is { } owner)
                {
                    writer.WriteString("displaced_owner", owner);
                }
                writer.WriteEndObject();
            }
            if (includeTraces && reason.Explanation is { } explanation)
            {
                writer.WriteString("trace", explanation.Draw());
                WriteExplanation(writer, explanation);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>The failed rule as data: its text, and each evaluated part with its span and value.</summary>
    private static void WriteExplanation(Utf8JsonWriter writer, Explanation explanation)
    {
        writer.WriteStartObject("explanation");
        writer.WriteString("rule", explanation.Rule);
        writer.WriteStartArray("parts");
        foreach (var part in explanation.Parts)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", part.Start);
            writer.WriteNumber("length", part.Length);
            writer.WriteString("text", explanation.Rule.AsSpan(Math.Min(part.Start, explanation.Rule.Length), Math.Clamp(part.Length, 0, Math.Max(0, explanation.Rule.Length - part.Start))));
            writer.WriteString("value", part.Value);
            writer.WriteBoolean("personal", part.Personal);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
