using System.Collections.Immutable;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Text;
using ContactRules.Yaml;

namespace ContactRules.RuleFiles;

/// <summary>
/// Reads a rule file (YAML) into a <see cref="RuleFile"/>, reporting every problem in one pass, each at its
/// line and column: YAML syntax, unknown keys (with "did you mean"), missing keys, duplicate properties,
/// unknown channels, cycles in <c>includes</c>, codes missing from the catalogue. Expressions are only
/// located here; <see cref="Evaluation.CompiledRules"/> parses and checks them, pointing into the file.
/// </summary>
internal static class RuleFileLoader
{
    /// <summary>The rule file used when none is given: the documented behaviour.</summary>
    public const string DefaultName = "commcare-case-contact.yaml";

    /// <summary>The rule files built into the tool.</summary>
    public static ImmutableArray<string> BuiltInNames { get; } = ["commcare-case-contact.yaml", "commcare-hq-compatible.yaml"];

    private static readonly string[] TopKeys = ["rule_file", "name", "description", "channels", "contact_checks", "properties", "errors"];
    private static readonly string[] ChannelKeys = ["title", "includes"];
    private static readonly string[] PropertyKeys = ["description", "channels", "provides", "present", "missing", "normalize", "fallback", "checks", "personal"];

    private static readonly Dictionary<string, Presence> Presences = new(StringComparer.Ordinal)
    {
        ["non_blank"] = Presence.NonBlank,
        ["non_empty"] = Presence.NonEmpty,
    };
    private static readonly string[] CheckKeys = ["rule", "code", "severity", "message", "messageExpression", "channels", "suggest", "confidence"];
    private static readonly string[] MissingKeys = ["code", "message"];
    private static readonly string[] ErrorKeys = ["title", "description", "fix"];
    private static readonly string[] Requirements = ["required", "optional"];
    private static readonly string[] Severities = ["error", "warning"];

    private static readonly Dictionary<string, SenderField> SenderFields = new(StringComparer.Ordinal)
    {
        ["destination"] = SenderField.Destination,
        ["gateway"] = SenderField.Gateway,
        ["email"] = SenderField.Email,
        ["time_zone"] = SenderField.TimeZone,
        ["language"] = SenderField.Language,
    };

    /// <summary>Reads a rule file from disk; null when it has errors. An unreadable file is a diagnostic, not an exception.</summary>
    public static RuleFile? LoadFile(string path, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount;
        var rules = ReadFile(path, diagnostics);
        return diagnostics.ErrorCount > errorsBefore ? null : rules;
    }

    /// <summary>Like <see cref="Read"/>, from disk.</summary>
    public static RuleFile? ReadFile(string path, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount;
        return FromRoot(path, YamlDocumentLoader.LoadFile(path, diagnostics), diagnostics, errorsBefore);
    }

    /// <summary>A rule file built into the tool, by name (see <see cref="BuiltInNames"/>).</summary>
    public static RuleFile LoadBuiltIn(string name = DefaultName)
    {
        var diagnostics = new DiagnosticBag();
        var rules = Load("rules/" + name, BuiltInText(name), diagnostics);
        return rules ?? throw new InvalidOperationException(Messages.BuiltInRulesBroken(name, diagnostics.Items));
    }

    /// <summary>The text of a built-in rule file.</summary>
    public static string BuiltInText(string name)
    {
        using var stream = typeof(RuleFileLoader).Assembly.GetManifestResourceStream("ContactRules.Rules." + name)
            ?? throw new ArgumentException(Messages.NoSuchBuiltInRules(name, BuiltInNames), nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads rule-file text; null when it has errors (all of them are in <paramref name="diagnostics"/>).</summary>
    public static RuleFile? Load(string path, string text, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount;
        var rules = Read(path, text, diagnostics);
        return diagnostics.ErrorCount > errorsBefore ? null : rules;
    }

    /// <summary>
    /// Reads as much of rule-file text as it can, errors or not (they are in <paramref name="diagnostics"/>),
    /// so that the expressions of a broken file can still be checked and every problem reported in one
    /// pass. Null only when the text is not YAML or not a mapping. Use a result only when no error was added.
    /// </summary>
    public static RuleFile? Read(string path, string text, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount;
        return FromRoot(path, YamlDocumentLoader.Load(path, text, diagnostics), diagnostics, errorsBefore);
    }

    private static RuleFile? FromRoot(string path, YamlNode? root, DiagnosticBag diagnostics, int errorsBefore)
    {
        if (root is null)
        {
            if (diagnostics.ErrorCount == errorsBefore)
            {
                diagnostics.Error(DiagnosticCodes.MissingKey, SourceLocation.File(path), Messages.RuleFileEmpty);
            }
            return null;
        }
        return new Reader(new YamlReader(diagnostics), path).Read(root);
    }

    private sealed class Reader(YamlReader yaml, string path)
    {
        private readonly List<(string Code, YamlNode Node)> _codesUsed = [];
        private readonly List<(string Channel, YamlNode Node)> _channelsUsed = [];

        public RuleFile? Read(YamlNode root)
        {
            if (yaml.Mapping(root, Messages.SubjectRuleFile) is not { } mapping)
            {
                return null;
            }
            var fields = yaml.Fields(mapping, Messages.SubjectRuleFile, TopKeys);
            if (fields.Required("rule_file") is { } versionNode && yaml.Integer(versionNode, "rule_file") is { } version && version != 1)
            {
                yaml.Error(versionNode, DiagnosticCodes.InvalidValue, Messages.RuleFileVersion(version));
            }
            var name = fields.Required("name") is { } nameNode ? yaml.String(nameNode, "name") : null;
            var description = fields.Optional("description") is { } descriptionNode ? yaml.String(descriptionNode, "description") : null;
            var channels = fields.Required("channels") is { } channelsNode ? ReadChannels(channelsNode) : [];
            var contactChecks = fields.Optional("contact_checks") is { } checksNode ? ReadChecks(checksNode, "contact_checks") : [];
            var properties = fields.Required("properties") is { } propertiesNode ? ReadProperties(propertiesNode) : [];
            var errors = fields.Optional("errors") is { } errorsNode ? ReadErrors(errorsNode) : ImmutableDictionary<string, ErrorDescription>.Empty;

            var channelIds = channels.Select(c => c.Id).ToArray();
            foreach (var (channel, node) in _channelsUsed)
            {
                if (!channelIds.Contains(channel, StringComparer.Ordinal))
                {
                    yaml.Error(node, DiagnosticCodes.UnknownName, Messages.UnknownChannel(channel, Suggestions.Best(channel, channelIds)));
                }
            }
            ReportIncludeCycles(channels);
            foreach (var (code, node) in _codesUsed)
            {
                if (!errors.ContainsKey(code))
                {
                    yaml.Error(node, DiagnosticCodes.UnknownName, Messages.CodeNotInCatalogue(code, Suggestions.Best(code, errors.Keys.ToArray())));
                }
            }
            var providers = properties.Where(p => p.Provides != SenderField.None).GroupBy(p => p.Provides);
            foreach (var group in providers.Where(g => g.Count() > 1))
            {
                var second = group.Skip(1).First();
                yaml.Diagnostics.Error(DiagnosticCodes.DuplicateName, second.Location, Messages.SenderFieldTwice(group.Key.ToString(), group.First().Name));
            }

            return new RuleFile(path, name ?? "", description ?? "", channels, contactChecks, properties, errors);
        }

        private ImmutableArray<ChannelDefinition> ReadChannels(YamlNode node)
        {
            if (yaml.Mapping(node, "channels") is not { } mapping)
            {
                return [];
            }
            var result = ImmutableArray.CreateBuilder<ChannelDefinition>();
            foreach (var entry in yaml.Fields(mapping, "channels").Entries)
            {
                var id = entry.Name!;
                var what = Messages.SubjectChannel(id);
                if (yaml.Mapping(entry.Value, what) is not { } channel)
                {
                    continue;
                }
                var fields = yaml.Fields(channel, what, ChannelKeys);
                var title = fields.Required("title") is { } titleNode ? yaml.String(titleNode, "title") : null;
                var includes = fields.Optional("includes") is { } includesNode ? ReadChannelList(includesNode, "includes") : [];
                result.Add(new ChannelDefinition(id, title ?? id, includes));
            }
            return result.ToImmutable();
        }

        private ImmutableArray<string> ReadChannelList(YamlNode node, string what)
        {
            if (yaml.Sequence(node, what) is not { } sequence)
            {
                return [];
            }
            var result = ImmutableArray.CreateBuilder<string>();
            foreach (var item in sequence.Items)
            {
                if (yaml.String(item, what) is { } channel)
                {
                    _channelsUsed.Add((channel, item));
                    result.Add(channel);
                }
            }
            return result.ToImmutable();
        }

        private ImmutableArray<RuleCheck> ReadChecks(YamlNode node, string what)
        {
            if (yaml.Sequence(node, what) is not { } sequence)
            {
                return [];
            }
            var result = ImmutableArray.CreateBuilder<RuleCheck>();
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                var checkWhat = Messages.SubjectCheck(i + 1, what);
                if (yaml.Mapping(sequence.Items[i], checkWhat) is { } mapping && ReadCheck(mapping, checkWhat) is { } check)
                {
                    result.Add(check);
                }
            }
            return result.ToImmutable();
        }

        private RuleCheck? ReadCheck(YamlMappingNode mapping, string what)
        {
            var fields = yaml.Fields(mapping, what, CheckKeys);
            var rule = fields.Required("rule") is { } ruleNode ? Expression(ruleNode, "rule") : null;
            var code = fields.Required("code") is { } codeNode ? Code(codeNode) : null;
            var severity = Severity.Error;
            if (fields.Optional("severity") is { } severityNode && OneOf(severityNode, "severity", Severities) is { } severityText)
            {
                severity = severityText == "warning" ? Severity.Warning : Severity.Error;
            }
            var message = fields.Optional("message") is { } messageNode ? yaml.String(messageNode, "message") : null;
            var messageExpression = fields.Optional("messageExpression") is { } messageExpressionNode ? Expression(messageExpressionNode, "messageExpression") : null;
            if (message is not null && messageExpression is not null)
            {
                yaml.Error(fields.Optional("messageExpression")!, DiagnosticCodes.InvalidValue, Messages.MessageAndMessageExpression);
            }
            var channels = fields.Optional("channels") is { } channelsNode ? ReadChannelList(channelsNode, "channels") : [];
            var suggest = fields.Optional("suggest") is { } suggestNode ? Expression(suggestNode, "suggest") : null;
            var confidence = SuggestionConfidence.Certain;
            if (fields.Optional("confidence") is { } confidenceNode && OneOf(confidenceNode, "confidence", SuggestionConfidenceNames.All) is { } confidenceText)
            {
                confidence = SuggestionConfidenceNames.Parse(confidenceText) ?? SuggestionConfidence.Certain;
                if (suggest is null)
                {
                    yaml.Error(confidenceNode, DiagnosticCodes.InvalidValue, Messages.ConfidenceWithoutSuggest);
                }
            }
            return rule is null || code is null ? null : new RuleCheck(rule, code, severity, message, messageExpression, channels)
            {
                Suggest = suggest,
                Confidence = confidence,
            };
        }

        private ImmutableArray<PropertyRule> ReadProperties(YamlNode node)
        {
            if (yaml.Mapping(node, "properties") is not { } mapping)
            {
                return [];
            }
            var result = ImmutableArray.CreateBuilder<PropertyRule>();
            foreach (var entry in yaml.Fields(mapping, "properties").Entries)
            {
                var name = entry.Name!;
                var what = Messages.SubjectProperty(name);
                if (yaml.Mapping(entry.Value, what) is not { } property)
                {
                    continue;
                }
                var fields = yaml.Fields(property, what, PropertyKeys);
                var description = fields.Optional("description") is { } descriptionNode ? yaml.String(descriptionNode, "description") : null;
                var channels = fields.Required("channels") is { } channelsNode ? ReadRequirements(channelsNode, what) : ImmutableDictionary<string, Requirement>.Empty;
                var provides = SenderField.None;
                if (fields.Optional("provides") is { } providesNode && OneOf(providesNode, "provides", [.. SenderFields.Keys]) is { } providesText)
                {
                    provides = SenderFields[providesText];
                }
                MissingRule? missing = null;
                var missingWhat = Messages.SubjectMissing(what);
                if (fields.Optional("missing") is { } missingNode && yaml.Mapping(missingNode, missingWhat) is { } missingMapping)
                {
                    var missingFields = yaml.Fields(missingMapping, missingWhat, MissingKeys);
                    var code = missingFields.Required("code") is { } codeNode ? Code(codeNode) : null;
                    var message = missingFields.Required("message") is { } messageNode ? yaml.String(messageNode, "message") : null;
                    missing = code is null || message is null ? null : new MissingRule(code, message);
                }
                var normalize = fields.Optional("normalize") is { } normalizeNode ? Expression(normalizeNode, "normalize") : null;
                var fallback = fields.Optional("fallback") is { } fallbackNode ? Expression(fallbackNode, "fallback") : null;
                var checks = fields.Optional("checks") is { } checksNode ? ReadChecks(checksNode, what) : [];
                // The number and the address messages go to are personal unless the file says otherwise.
                var personal = (fields.Optional("personal") is { } personalNode ? yaml.Boolean(personalNode, "personal") : null)
                    ?? provides is SenderField.Destination or SenderField.Email;
                var presence = Presence.NonBlank;
                if (fields.Optional("present") is { } presentNode && OneOf(presentNode, "present", [.. Presences.Keys]) is { } presentText)
                {
                    presence = Presences[presentText];
                }
                result.Add(new PropertyRule(name, description ?? "", channels, provides, missing, normalize, fallback, checks, entry.Key.Location, personal) { Presence = presence });
            }
            return result.ToImmutable();
        }

        private ImmutableDictionary<string, Requirement> ReadRequirements(YamlNode node, string what)
        {
            if (yaml.Mapping(node, Messages.SubjectChannelsOf(what)) is not { } mapping)
            {
                return ImmutableDictionary<string, Requirement>.Empty;
            }
            var result = ImmutableDictionary.CreateBuilder<string, Requirement>(StringComparer.Ordinal);
            foreach (var entry in yaml.Fields(mapping, Messages.SubjectChannelsOf(what)).Entries)
            {
                _channelsUsed.Add((entry.Name!, entry.Key));
                if (OneOf(entry.Value, "requirement", Requirements) is { } requirement)
                {
                    result[entry.Name!] = requirement == "required" ? Requirement.Required : Requirement.Optional;
                }
            }
            return result.ToImmutable();
        }

        private ImmutableDictionary<string, ErrorDescription> ReadErrors(YamlNode node)
        {
            if (yaml.Mapping(node, "errors") is not { } mapping)
            {
                return ImmutableDictionary<string, ErrorDescription>.Empty;
            }
            var result = ImmutableDictionary.CreateBuilder<string, ErrorDescription>(StringComparer.Ordinal);
            foreach (var entry in yaml.Fields(mapping, "errors").Entries)
            {
                var code = entry.Name!;
                var what = Messages.SubjectError(code);
                if (yaml.Mapping(entry.Value, what) is not { } error)
                {
                    continue;
                }
                var fields = yaml.Fields(error, what, ErrorKeys);
                var title = fields.Required("title") is { } titleNode ? yaml.String(titleNode, "title") : null;
                var description = fields.Optional("description") is { } descriptionNode ? yaml.String(descriptionNode, "description") : null;
                var fix = fields.Optional("fix") is { } fixNode ? yaml.String(fixNode, "fix") : null;
                result[code] = new ErrorDescription(code, title ?? code, description ?? "", fix ?? "");
            }
            return result.ToImmutable();
        }

        private RuleExpression? Expression(YamlNode node, string what)
        {
            if (yaml.String(node, what) is null || node is not YamlScalarNode scalar)
            {
                return null;
            }
            return new RuleExpression(scalar.Value, scalar.Location, scalar.LocationOf);
        }

        private string? Code(YamlNode node)
        {
            var code = yaml.String(node, "code");
            if (code is null)
            {
                return null;
            }
            if (!IsCode(code))
            {
                yaml.Error(node, DiagnosticCodes.InvalidValue, Messages.InvalidCode(code));
                return null;
            }
            _codesUsed.Add((code, node));
            return code;
        }

        private string? OneOf(YamlNode node, string what, string[] allowed)
        {
            var text = yaml.String(node, what);
            if (text is null || allowed.Contains(text, StringComparer.Ordinal))
            {
                return text;
            }
            yaml.Error(node, DiagnosticCodes.InvalidValue, Messages.NotOneOf(what, text, allowed, Suggestions.Best(text, allowed)));
            return null;
        }

        private void ReportIncludeCycles(ImmutableArray<ChannelDefinition> channels)
        {
            var byId = channels.ToDictionary(c => c.Id, StringComparer.Ordinal);
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var start in channels)
            {
                // Depth-first from each channel; a path that returns to its start is a cycle.
                var cycle = new List<string> { start.Id };
                if (FindCycle(start.Id, start.Id, byId, cycle, []) && reported.Add(string.Join('>', cycle.Distinct().Order(StringComparer.Ordinal))))
                {
                    var node = _channelsUsed.FirstOrDefault(u => u.Channel == cycle[1]).Node;
                    var location = node?.Location ?? SourceLocation.File(path);
                    yaml.Diagnostics.Error(DiagnosticCodes.IncludesCycle, location, Messages.IncludesCycle(cycle));
                }
            }
        }

        private static bool FindCycle(string start, string current, Dictionary<string, ChannelDefinition> byId, List<string> path, HashSet<string> seen)
        {
            if (!byId.TryGetValue(current, out var channel) || !seen.Add(current))
            {
                return false;
            }
            foreach (var next in channel.Includes)
            {
                path.Add(next);
                if (next == start || FindCycle(start, next, byId, path, seen))
                {
                    return true;
                }
                path.RemoveAt(path.Count - 1);
            }
            return false;
        }

        private static bool IsCode(string code) =>
            code.Length > 0 && char.IsAsciiLetterUpper(code[0]) && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');
    }
}
