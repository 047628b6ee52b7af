using System.Globalization;

namespace ContactRules.Text;

/// <summary>Messages of the contact registry and of send times.</summary>
internal static partial class Messages
{
    public static string RegistryUnavailable(string registry, string detail) =>
        $"cannot open the registry {registry}: {detail}";

    public static string RegistryTooNew(int found, int supported) =>
        string.Create(CultureInfo.InvariantCulture, $"the registry has schema version {found}, but this version of contactrules knows only up to {supported}; use a newer contactrules");

    public static string RegistryUriInvalid(string uri) => $"{Quote(uri)} is not a PostgreSQL URI (postgresql://user@host:port/database)";

    public static string RegistryUriParameter(string key, string detail) => $"PostgreSQL URI parameter {Quote(key)}: {detail}";
}
