using ContactRules.Diagnostics;
using ContactRules.Evaluation.Library;
using ContactRules.Text;
using ContactRules.Yaml;
using NodaTime;

namespace ContactRules.Projects;

/// <summary>
/// Loads project settings from YAML:
/// <code>
/// name: Kenya pilot
/// time_zone: Africa/Nairobi
/// default_language: en      # when absent: the first of `languages`
/// languages: [en, swa]      # when absent: just the default language
/// gateways:                # the project's own map: longest prefix, then its catch-all
///   - { name: SAFARICOM, prefixes: ["254"] }
///   - { name: TWILIO, prefixes: ["*"] }
///   - { name: SHARED-SMS, prefixes: [] }   # reached only by name (contact_backend_id)
/// global_gateways:         # the server-wide map, consulted only when the project's gives nothing
///   - { name: GLOBAL-KE, prefixes: ["254"] }
/// </code>
/// A <c>default_language</c> that is not one of <c>languages</c> is an error: messages in the default
/// language must exist for the project. Every problem is reported in one pass; the result is null when
/// any of them is an error.
/// </summary>
internal static class ProjectLoader
{

    private static readonly string[] ProjectKeys = ["name", "country", "time_zone", "default_language", "languages", "gateways", "global_gateways", "columns"];
    private static readonly string[] GatewayKeys = ["name", "prefixes"];

    /// <summary>
    /// Whether <paramref name="path"/> holds project settings rather than a rule file, told by its content: a
    /// mapping with no <c>rule_file</c> key and some key of project settings (so <c>lint</c> can check either).
    /// </summary>
    public static bool IsProjectFile(string path) =>
        YamlDocumentLoader.LoadFile(path, new DiagnosticBag()) is YamlMappingNode mapping
        && !mapping.Entries.Any(e => e.Name == "rule_file")
        && mapping.Entries.Any(e => ProjectKeys.Contains(e.Name, StringComparer.Ordinal));

    public static ProjectSettings? LoadFile(string path, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errorsBefore = diagnostics.ErrorCount;
        var root = YamlDocumentLoader.LoadFile(path, diagnostics);
        return Finish(path, root, diagnostics, errorsBefore);
    }

    public static ProjectSettings? Load(string path, string text, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errorsBefore = diagnostics.ErrorCount;
        var root = YamlDocumentLoader.Load(path, text, diagnostics);
        return Finish(path, root, diagnostics, errorsBefore);
    }

    private static ProjectSettings? Finish(string path, YamlNode? root, DiagnosticBag diagnostics, int errorsBefore)
    {
        if (root is null)
        {
            if (diagnostics.ErrorCount == errorsBefore)
            {
                diagnostics.Error(DiagnosticCodes.MissingKey, SourceLocation.File(path), Messages.ProjectFileEmpty);
            }
            return null;
        }
        var settings = Read(root, new YamlReader(diagnostics));
        return diagnostics.ErrorCount > errorsBefore ? null : settings;
    }

    private static ProjectSettings? Read(YamlNode root, YamlReader reader)
    {
        var mapping = reader.Mapping(root, Messages.SubjectProject);
        if (mapping is null)
        {
            return null;
        }
        var fields = reader.Fields(mapping, Messages.SubjectProject, ProjectKeys);
        var name = fields.Optional("name") is { } nameNode ? reader.String(nameNode, Messages.Key("name")) : null;
        var timeZone = fields.Optional("time_zone") is { } zoneNode ? TimeZone(reader, zoneNode) : null;
        var languages = fields.Optional("languages") is { } languagesNode ? Languages(reader, languagesNode) : null;
        var defaultNode = fields.Optional("default_language");
        var defaultLanguage = defaultNode is null ? null : LanguageCode(reader, defaultNode, Messages.Key("default_language"));
        if (defaultNode is not null && defaultLanguage is not null && languages is not null
            && !languages.Contains(defaultLanguage, StringComparer.Ordinal))
        {
            reader.Error(defaultNode, DiagnosticCodes.InvalidValue, Messages.ProjectDefaultLanguageNotListed(defaultLanguage, languages));
        }
        defaultLanguage ??= languages is { Count: > 0 } ? languages[0] : ProjectSettings.DefaultLanguageCode;
        // Each tier is checked on its own: HQ's server-wide map may route a prefix the project routes too, and
        // a global gateway may carry a project gateway's name (the project's is found first).
        var gateways = fields.Optional("gateways") is { } gatewaysNode ? Gateways(reader, gatewaysNode, "gateways") : [];
        var globalGateways = fields.Optional("global_gateways") is { } globalNode ? Gateways(reader, globalNode, "global_gateways") : [];
        return new ProjectSettings(
            name ?? ProjectSettings.DefaultName,
            timeZone ?? ProjectSettings.DefaultTimeZone,
            defaultLanguage,
            languages ?? [defaultLanguage],
            gateways)
        {
            Country = fields.Optional("country") is { } countryNode ? Country(reader, countryNode) ?? "" : "",
            GlobalGateways = globalGateways,
            Columns = fields.Optional("columns") is { } columnsNode ? Columns(reader, columnsNode) : ProjectSettings.Default.Columns,
        };
    }

    /// <summary><c>columns:</c> the export header (value) that holds each case field or property (key).</summary>
    private static Dictionary<string, string> Columns(YamlReader reader, YamlNode node)
    {
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.Mapping(node, Messages.Key("columns")) is not { } mapping)
        {
            return columns;
        }
        foreach (var entry in mapping.Entries)
        {
            if (entry.Name is { Length: > 0 } target && reader.String(entry.Value, Messages.SubjectColumn(target)) is { Length: > 0 } header)
            {
                columns[target] = header;
            }
        }
        return columns;
    }

    private static string? Country(YamlReader reader, YamlNode node)
    {
        if (reader.String(node, Messages.Key("country")) is not { } region)
        {
            return null;
        }
        if (PhoneMetadataTables.IsRegion(region))
        {
            return region;
        }
        reader.Error(node, DiagnosticCodes.InvalidValue, Messages.ProjectUnknownCountry(region, PhoneMetadataTables.IsRegion(region.ToUpperInvariant()) ? region.ToUpperInvariant() : null));
        return null;
    }

    private static string? TimeZone(YamlReader reader, YamlNode node)
    {
        var id = reader.String(node, Messages.Key("time_zone"));
        if (id is null)
        {
            return null;
        }
        var zones = DateTimeZoneProviders.Tzdb;
        if (zones.GetZoneOrNull(id) is not null)
        {
            return id;
        }
        reader.Error(node, DiagnosticCodes.InvalidValue, Messages.ProjectUnknownTimeZone(id, Suggestions.Best(id, zones.Ids)));
        return null;
    }

    private static string? LanguageCode(YamlReader reader, YamlNode node, string what)
    {
        var code = reader.String(node, what);
        if (code is not null && code.Any(char.IsWhiteSpace))
        {
            reader.Error(node, DiagnosticCodes.InvalidValue, Messages.ProjectLanguageCodeHasSpaces(code));
            return null;
        }
        return code;
    }

    private static List<string>? Languages(YamlReader reader, YamlNode node)
    {
        var sequence = reader.Sequence(node, Messages.Key("languages"));
        if (sequence is null)
        {
            return null;
        }
        if (sequence.Items.Count == 0)
        {
            reader.Error(node, DiagnosticCodes.InvalidValue, Messages.ProjectNoLanguages);
            return null;
        }
        var languages = new List<string>();
        foreach (var item in sequence.Items)
        {
            var code = LanguageCode(reader, item, Messages.ProjectLanguageWhat);
            if (code is null)
            {
                continue;
            }
            if (languages.Contains(code, StringComparer.Ordinal))
            {
                reader.Warning(item, DiagnosticCodes.DuplicateName, Messages.ProjectDuplicateLanguage(code));
                continue;
            }
            languages.Add(code);
        }
        return languages;
    }

    private static List<Gateway> Gateways(YamlReader reader, YamlNode node, string key)
    {
        var gateways = new List<Gateway>();
        var sequence = reader.Sequence(node, Messages.Key(key));
        if (sequence is null)
        {
            return gateways;
        }
        // Gateway names are matched ignoring case and surrounding spaces (as CommCare HQ does), so two
        // names equal that way are the same gateway.
        var names = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        var prefixOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in sequence.Items)
        {
            var mapping = reader.Mapping(item, Messages.ProjectGatewayWhat);
            if (mapping is null)
            {
                continue;
            }
            var fields = reader.Fields(mapping, Messages.ProjectGatewayWhat, GatewayKeys);
            var nameNode = fields.Required("name");
            var name = nameNode is null ? null : reader.String(nameNode, Messages.Key("name"))?.Trim();
            if (name is not null && nameNode is not null && !names.TryAdd(name, nameNode))
            {
                reader.Error(nameNode, DiagnosticCodes.DuplicateName, Messages.ProjectDuplicateGateway(name, names[name].Location.Line));
                name = null;
            }
            var prefixesNode = fields.Required("prefixes");
            var prefixes = prefixesNode is null ? null : Prefixes(reader, prefixesNode, name, prefixOwners);
            if (name is not null && prefixes is not null)
            {
                gateways.Add(new Gateway(name, prefixes));
            }
        }
        return gateways;
    }

    private static List<string>? Prefixes(YamlReader reader, YamlNode node, string? gateway, Dictionary<string, string> owners)
    {
        var sequence = reader.Sequence(node, Messages.Key("prefixes"));
        if (sequence is null)
        {
            return null;
        }
        // An empty list is a gateway reached only by name, as a gateway shared with the project is in HQ.
        var prefixes = new List<string>();
        foreach (var item in sequence.Items)
        {
            var prefix = reader.String(item, Messages.ProjectPrefixWhat);
            if (prefix is null)
            {
                continue;
            }
            if (prefix != Gateway.CatchAll && !prefix.All(char.IsAsciiDigit))
            {
                reader.Error(item, DiagnosticCodes.InvalidValue, Messages.ProjectBadPrefix(prefix));
                continue;
            }
            if (owners.TryGetValue(prefix, out var owner))
            {
                reader.Error(item, DiagnosticCodes.DuplicateName, Messages.ProjectPrefixTaken(prefix, owner));
                continue;
            }
            if (gateway is not null)
            {
                owners.Add(prefix, gateway);
            }
            prefixes.Add(prefix);
        }
        return prefixes;
    }
}
