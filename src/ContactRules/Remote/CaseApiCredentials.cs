using ContactRules.Text;

namespace ContactRules.Remote;

/// <summary>
/// A CommCare user name and API key, sent only as <c>Authorization: ApiKey USER:KEY</c>. They come from the
/// environment or from an owner-only file, never from the command line; <see cref="ToString"/> never shows
/// the key, so neither a log line nor an exception message can.
/// </summary>
internal sealed class CaseApiCredentials
{
    public const string DefaultKeyVariable = "COMMCARE_API_KEY";

    public const string UserVariable = "COMMCARE_USERNAME";

    private readonly string _key;

    private CaseApiCredentials(string username, string key)
    {
        Username = username;
        _key = key;
    }

    public string Username { get; }

    /// <summary>The <c>Authorization</c> header's value (scheme and parameter).</summary>
    internal (string Scheme, string Parameter) Header => ("ApiKey", Username + ":" + _key);

    /// <summary>The key, for tests that check it appears nowhere.</summary>
    internal string Key => _key;

    public override string ToString() => Username + ":***";

    /// <summary>
    /// The key from <paramref name="keyVariable"/> and the user from <see cref="UserVariable"/>; a key
    /// variable holding <c>USER:KEY</c> needs no user variable.
    /// </summary>
    public static CaseApiCredentials? FromEnvironment(string keyVariable, Func<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        error = null;
        var key = environment(keyVariable);
        var user = environment(UserVariable);
        if (!string.IsNullOrWhiteSpace(key))
        {
            key = key.Trim();
            if (!string.IsNullOrWhiteSpace(user))
            {
                return new CaseApiCredentials(user.Trim(), key);
            }
            if (Split(key) is { } pair)
            {
                return pair;
            }
        }
        error = Messages.CaseApiKeyMissing(keyVariable, UserVariable);
        return null;
    }

    /// <summary>
    /// The one line <c>USER:KEY</c> of <paramref name="path"/>, refused when group or others may read it
    /// (on systems with Unix permissions), as ssh refuses an open private key.
    /// </summary>
    public static CaseApiCredentials? FromFile(string path, out string? error)
    {
        error = null;
        try
        {
            if (!OperatingSystem.IsWindows()
                && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                error = Messages.CaseApiCredentialsOpen(path);
                return null;
            }
            var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToList();
            if (lines.Count == 1 && Split(lines[0].Trim()) is { } pair)
            {
                return pair;
            }
            error = Messages.CaseApiCredentialsShape(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = Messages.CaseApiCredentialsUnreadable(path, e.Message);
            return null;
        }
    }

    private static CaseApiCredentials? Split(string userAndKey)
    {
        // A user name is an e-mail address or web user; the key has no colon, so the last colon splits them.
        var colon = userAndKey.LastIndexOf(':');
        return colon > 0 && colon < userAndKey.Length - 1 ? new CaseApiCredentials(userAndKey[..colon], userAndKey[(colon + 1)..]) : null;
    }
}
