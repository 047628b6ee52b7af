using System.Data.Common;
using Npgsql;

namespace ContactRules.Registry;

/// <summary>
/// What a <c>--registry</c> value names: a PostgreSQL database, given as a URI
/// (<c>postgresql://user:password@host:port/database?sslmode=require</c>) or in keyword form
/// (<c>Host=…;Database=…</c>), or else a SQLite file path.
/// </summary>
internal sealed record RegistryTarget(bool IsPostgres, string Value)
{
    public static RegistryTarget Parse(string registry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registry);
        if (registry.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || registry.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return new RegistryTarget(true, FromUri(registry));
        }
        return LooksLikeKeywords(registry) ? new RegistryTarget(true, registry) : new RegistryTarget(false, registry);
    }

    private static bool LooksLikeKeywords(string registry)
    {
        if (!registry.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = registry };
            return builder.ContainsKey("Host") || builder.ContainsKey("Server");
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The keyword form Npgsql reads, from a libpq-style URI.</summary>
    private static string FromUri(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            throw new RegistryException(Text.Messages.RegistryUriInvalid(uri));
        }
        var builder = new NpgsqlConnectionStringBuilder { Host = parsed.Host };
        if (parsed.Port > 0)
        {
            builder.Port = parsed.Port;
        }
        if (parsed.UserInfo.Length > 0)
        {
            var parts = parsed.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }
        var database = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }
        foreach (var pair in parsed.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            try
            {
                builder[key] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new RegistryException(Text.Messages.RegistryUriParameter(key, e.Message), e);
            }
        }
        return builder.ConnectionString;
    }
}
