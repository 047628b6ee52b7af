namespace ContactRules.Text;

/// <summary>Messages added with the verdict corpus and lint tests.</summary>
internal static partial class Messages
{
    public const string YamlScannerGaveUp =
        "the text cannot be read as YAML from here on (is a flow mapping `{` or sequence `[` left open, or a line indented wrongly?)";
}
