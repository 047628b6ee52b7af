namespace ContactRules.Text;

// Messages about input files: YAML structure, project settings and case exports.
internal static partial class Messages
{
    public static string YamlSyntaxError(string detail) => "invalid YAML: " + detail;

    public static string YamlUnknownAlias(string alias) => "the alias *" + alias + " refers to no anchor";
}
