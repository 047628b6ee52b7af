namespace ContactRules.Text;

/// <summary>
/// Every message ContactRules shows a person is written here (one partial file per stage), so wording
/// stays consistent and can be reviewed in one place. Messages never depend on the current culture.
/// </summary>
internal static partial class Messages
{
    /// <summary>Quotes a piece of source or a name the way all messages do: <c>`x`</c>.</summary>
    public static string Quote(string text) => "`" + text + "`";
}
