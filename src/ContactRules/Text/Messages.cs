namespace ContactRules.Text;

/// <summary>
/// Every message ContactRules shows a person is written here (one partial file per stage), so wording
/// stays consistent and can be reviewed in one place. Messages never depend on the current culture.
/// A message (a diagnostic, a reason, an error, a note, a heading) ends without a full stop, as a
/// compiler's do, since it is often followed by more (<c>; did you mean …</c>, a location, a value);
/// prose written as sentences (help, documentation pages, the report's notes, summaries of more than one
/// sentence) is marked <see cref="SentencesAttribute"/> and ends with one. A test holds both.
/// </summary>
internal static partial class Messages
{
    /// <summary>
    /// The most characters of one value a message quotes; the rest is cut and shown as <c>…</c>, so a 100 MB
    /// phone number makes a short message, not a 100 MB one in every output.
    /// </summary>
    public const int MaxQuotedLength = 200;

    /// <summary>Quotes a piece of source or a name the way all messages do: <c>`x`</c>.</summary>
    public static string Quote(string text) => "`" + Cut(text) + "`";

    /// <summary><paramref name="text"/> cut to <see cref="MaxQuotedLength"/> characters (never inside a surrogate pair), with <c>…</c> when cut.</summary>
    public static string Cut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxQuotedLength)
        {
            return text;
        }
        var length = char.IsHighSurrogate(text[MaxQuotedLength - 1]) ? MaxQuotedLength - 1 : MaxQuotedLength;
        return string.Concat(text.AsSpan(0, length), "…");
    }
}

/// <summary>
/// Marks a message member written as sentences (help, documentation prose, a summary of more than one
/// sentence): it ends with a full stop, where every other message ends without one.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Method | AttributeTargets.Property, AllowMultiple = false)]
internal sealed class SentencesAttribute : Attribute;
