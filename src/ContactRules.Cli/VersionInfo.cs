using System.Reflection;

namespace ContactRules.Cli;

internal static class VersionInfo
{
    /// <summary>The tool's version and the tzdb release its time zones come from.</summary>
    public static string Describe()
    {
        var version = typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return $"{version.Split('+')[0]}; time zones {NodaTime.DateTimeZoneProviders.Tzdb.VersionId}";
    }
}
