using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Evaluation.Library;

/// <summary><c>names.*</c>: a name as people mistype it (case, spacing) matched against the names a project defines.</summary>
internal static class NameFunctions
{
    public static IEnumerable<FunctionDecl> Declarations()
    {
        yield return new FunctionDecl("names.find",
            "The one name of the list that the value spells when case and white space are ignored (HIN is hin in [en, hin]; \"airtel in\" is AIRTELIN); the value itself when the list has it exactly; \"\" when no name matches, or several do.",
            FunctionOverload.Global("names_find_string_list", CelType.String, CelType.List(CelType.String), CelType.String,
                (v, names) => Find((string)v, (IReadOnlyList<object>)names)));
    }

    internal static string Find(string value, IReadOnlyList<object> names)
    {
        string? found = null;
        var key = Key(value);
        foreach (var item in names)
        {
            if (item is not string name)
            {
                continue;
            }
            if (string.Equals(name, value, StringComparison.Ordinal))
            {
                return name;
            }
            if (key.Length > 0 && string.Equals(Key(name), key, StringComparison.OrdinalIgnoreCase))
            {
                if (found is not null && !string.Equals(found, name, StringComparison.Ordinal))
                {
                    return "";
                }
                found = name;
            }
        }
        return found ?? "";
    }

    private static string Key(string name) => string.Concat(name.Where(c => !char.IsWhiteSpace(c)));
}
