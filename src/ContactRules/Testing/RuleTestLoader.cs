using System.Collections.Immutable;
using System.Globalization;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Projects;
using ContactRules.Registry;
using ContactRules.RuleFiles;
using ContactRules.Text;
using ContactRules.Yaml;

namespace ContactRules.Testing;

/// <summary>
/// Reads a test file (<c>*.tests.yaml</c>) with the diagnostics rule files get: every problem in one pass,
/// each at its line and column, with "did you mean" for keys, channels, codes and properties. The rule file
/// it names (a path relative to the test file, or a built-in name) and its project (inline or a path) are
/// loaded and compiled with it, so their problems are reported in the same pass.
/// <code>
/// rule_tests: 1
/// rules: commcare-case-contact.yaml
/// project: { time_zone: Asia/Kolkata, languages: [en, hin] }
/// registry: { opt_outs: ["919800000000"] }
/// defaults: { contact_phone_number: "919812345678" }
/// tests:
///   - name: a clean number reaches one-way SMS
///     case: {}
///     expect: { sms: { eligible: true, destination: "+919812345678" } }
/// </code>
/// </summary>
internal static class RuleTestLoader
{
    /// <summary>How test files end; <c>contactrules test DIR</c> runs every one below DIR.</summary>
    public const string Suffix = ".tests.yaml";


    private static readonly string[] TopKeys = ["rule_tests", "rules", "project", "registry", "defaults", "tests"];
    private static readonly string[] RegistryKeys = ["owners", "claims", "opt_outs"];
    private static readonly string[] ClaimKeys = ["number", "case", "claimed"];
    private static readonly string[] TestKeys = ["name", "source", "case", "cases", "expect", "registry", "property", "values"];
    private static readonly string[] CasesItemKeys = ["case", "expect"];
    private static readonly string[] ExpectFixedKeys = ["contact", "warnings", "time_zone", "language", "suggested"];
    private static readonly string[] ChannelKeys = ["eligible", "reasons", "destination", "gateway", "email"];
    private static readonly string[] CodesKeys = ["codes", "only"];
    private static readonly string[] SettingKeys = ["value", "source"];
    private static readonly string[] SuggestionKeys = ["value", "confidence"];

    public static RuleTestFile? LoadFile(string path, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errorsBefore = diagnostics.ErrorCount;
        var root = YamlDocumentLoader.LoadFile(path, diagnostics);
        return Finish(path, root, diagnostics, errorsBefore);
    }

    public static RuleTestFile? Load(string path, string text, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errorsBefore = diagnostics.ErrorCount;
        var root = YamlDocumentLoader.Load(path, text, diagnostics);
        return Finish(path, root, diagnostics, errorsBefore);
    }

    /// <summary>
    /// The test files <paramref name="paths"/> name: a file as given, a directory as every <c>*.tests.yaml</c>
    /// below it (in ordinal order, without bin and obj folders); null with the first path that is neither.
    /// </summary>
    public static (IReadOnlyList<string> Files, string? Missing) Find(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*" + Suffix, SearchOption.AllDirectories)
                    .Where(f => !Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj"))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                return (files, path);
            }
        }
        return ([.. files.Distinct(StringComparer.Ordinal)], null);
    }

    /// <summary>Where a path named in a test file is: beside the test file, unless it is absolute.</summary>
    public static string Beside(string testFile, string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(Path.GetDirectoryName(testFile) ?? "", path);

    private static RuleTestFile? Finish(string path, YamlNode? root, DiagnosticBag diagnostics, int errorsBefore)
    {
        if (root is null)
        {
            if (diagnostics.ErrorCount == errorsBefore)
            {
                diagnostics.Error(DiagnosticCodes.MissingKey, SourceLocation.File(path), Messages.TestFileEmpty);
            }
            return null;
        }
        var file = new Reader(new YamlReader(diagnostics), path).Read(root);
        return diagnostics.ErrorCount > errorsBefore ? null : file;
    }

    private sealed class Reader(YamlReader yaml, string path)
    {
        private RuleFile? _rules;
        private string[] _channels = [];
        private string[] _codes = [];
        private string[] _properties = [];

        public RuleTestFile? Read(YamlNode root)
        {
            if (yaml.Mapping(root, Messages.SubjectTestFile) is not { } mapping)
            {
                return null;
            }
            var fields = yaml.Fields(mapping, Messages.SubjectTestFile, TopKeys);
            if (fields.Required("rule_tests") is { } versionNode && yaml.Integer(versionNode, "rule_tests") is { } version && version != 1)
            {
                yaml.Error(versionNode, DiagnosticCodes.InvalidValue, Messages.TestFileVersion(version));
            }
            var project = fields.Optional("project") is { } projectNode ? ReadProject(projectNode) : ProjectSettings.Default;
            if (fields.Required("rules") is { } rulesNode)
            {
                ReadRules(rulesNode);
            }
            var compiled = _rules is null || project is null ? null : CompiledRules.Compile(_rules, project, yaml.Diagnostics);
            var registry = fields.Optional("registry") is { } registryNode ? ReadRegistry(registryNode) : RegistryFixture.Empty;
            var defaults = fields.Optional("defaults") is { } defaultsNode ? ReadFixture(defaultsNode, "defaults", null) : [];
            var tests = fields.Required("tests") is { } testsNode ? ReadTests(testsNode, defaults) : [];
            return compiled is null ? null : new RuleTestFile(path, compiled, registry, tests);
        }

        private void ReadRules(YamlNode node)
        {
            if (yaml.String(node, "rules") is not { } name)
            {
                return;
            }
            var file = Beside(path, name);
            if (File.Exists(file))
            {
                _rules = RuleFileLoader.LoadFile(file, yaml.Diagnostics);
            }
            else if (RuleFileLoader.BuiltInNames.Contains(name))
            {
                _rules = RuleFileLoader.LoadBuiltIn(name);
            }
            else
            {
                yaml.Error(node, DiagnosticCodes.FileUnreadable, Messages.TestNoRules(name));
            }
            if (_rules is { } rules)
            {
                _channels = [.. rules.Channels.Select(c => c.Id)];
                _properties = [.. rules.Properties.Select(p => p.Name)];
                _codes = [.. rules.Errors.Keys
                    .Concat(rules.ContactChecks.Concat(rules.Properties.SelectMany(p => p.Checks)).Select(c => c.Code))
                    .Concat(rules.Properties.Select(p => p.Missing?.Code ?? Messages.MissingPropertyCode))
                    .Append(Messages.RuleErrorCode)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)];
            }
        }

        /// <summary>A path (beside the test file), or the settings inline, read by the project loader at their own lines and columns.</summary>
        private ProjectSettings? ReadProject(YamlNode node)
        {
            if (node is YamlScalarNode && yaml.String(node, "project") is { } projectPath)
            {
                return ProjectLoader.LoadFile(Beside(path, projectPath), yaml.Diagnostics);
            }
            if (yaml.Mapping(node, "project") is not { } mapping)
            {
                return null;
            }
            // Everything but the mapping is blanked out (line breaks kept), so the project loader, reading
            // the text as a file of its own, reports each problem at its place in the test file.
            var text = node.Source.Text.ToCharArray();
            for (var i = 0; i < text.Length; i++)
            {
                if ((i < mapping.StartOffset || i >= mapping.EndOffset) && text[i] is not ('\n' or '\r'))
                {
                    text[i] = ' ';
                }
            }
            return ProjectLoader.Load(path, new string(text), yaml.Diagnostics);
        }

        private RegistryFixture ReadRegistry(YamlNode node)
        {
            if (yaml.Mapping(node, "registry") is not { } mapping)
            {
                return RegistryFixture.Empty;
            }
            var fields = yaml.Fields(mapping, "registry", RegistryKeys);
            var claims = ImmutableArray.CreateBuilder<CaseClaim>();
            // An owner stated outright is first in line, before every claim with a time.
            if (fields.Optional("owners") is { } ownersNode && yaml.Mapping(ownersNode, "owners") is { } owners)
            {
                foreach (var entry in yaml.Fields(owners, "owners").Entries)
                {
                    if (yaml.String(entry.Value, Messages.SubjectOwnerOf(entry.Name!)) is { } owner)
                    {
                        claims.Add(new CaseClaim(owner, entry.Name!, long.MinValue));
                    }
                }
            }
            if (fields.Optional("claims") is { } claimsNode && yaml.Sequence(claimsNode, "claims") is { } claimList)
            {
                foreach (var item in claimList.Items)
                {
                    if (ReadClaim(item) is { } claim)
                    {
                        claims.Add(claim);
                    }
                }
            }
            var optOuts = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            if (fields.Optional("opt_outs") is { } optOutsNode && yaml.Sequence(optOutsNode, "opt_outs") is { } optOutList)
            {
                foreach (var item in optOutList.Items)
                {
                    if (yaml.String(item, Messages.SubjectOptedOutNumber) is { } number)
                    {
                        optOuts.Add(number);
                    }
                }
            }
            return new RegistryFixture(claims.ToImmutable(), optOuts.ToImmutable());
        }

        private CaseClaim? ReadClaim(YamlNode node)
        {
            const string What = Messages.SubjectClaim;
            if (yaml.Mapping(node, What) is not { } mapping)
            {
                return null;
            }
            var fields = yaml.Fields(mapping, What, ClaimKeys);
            var number = fields.Required("number") is { } numberNode ? yaml.String(numberNode, "number") : null;
            var id = fields.Required("case") is { } caseNode ? yaml.String(caseNode, "case") : null;
            long claimed = 0;
            if (fields.Optional("claimed") is { } claimedNode && yaml.String(claimedNode, "claimed") is { } text)
            {
                if (CaseTimestamps.TryParse(text) is { } instant)
                {
                    claimed = instant.ToUnixTimeTicks();
                }
                else
                {
                    yaml.Error(claimedNode, DiagnosticCodes.InvalidValue, Messages.TestBadTime("claimed", text));
                }
            }
            return number is null || id is null ? null : new CaseClaim(id, number, claimed);
        }

        /// <summary>Case fields and properties as written: a null value means "not set" (it removes a default).</summary>
        private ImmutableArray<(string Name, string? Value, YamlNode Node)> ReadFixture(YamlNode node, string what, ImmutableArray<(string Name, string? Value, YamlNode Node)>? defaults)
        {
            if (yaml.Mapping(node, what) is not { } mapping)
            {
                return defaults ?? [];
            }
            var result = new List<(string Name, string? Value, YamlNode Node)>(defaults ?? []);
            foreach (var entry in yaml.Fields(mapping, what).Entries)
            {
                var name = entry.Name!;
                if (yaml.Scalar(entry.Value, Messages.Quote(name)) is not { } scalar)
                {
                    continue;
                }
                if (!CaseRecordBuilder.IsField(name) && _rules is not null && !_properties.Contains(name, StringComparer.Ordinal))
                {
                    yaml.Warning(entry.Key, DiagnosticCodes.UnknownName, Messages.TestUnknownProperty(name, Suggestions.Best(name, _properties)));
                }
                result.RemoveAll(f => f.Name == name);
                result.Add((name, scalar.IsNull ? null : scalar.Value, entry.Value));
            }
            return [.. result];
        }

        private ImmutableArray<RuleTest> ReadTests(YamlNode node, ImmutableArray<(string Name, string? Value, YamlNode Node)> defaults)
        {
            if (yaml.Sequence(node, "tests") is not { } sequence)
            {
                return [];
            }
            if (sequence.Items.Count == 0)
            {
                yaml.Error(node, DiagnosticCodes.InvalidValue, Messages.TestFileNoTests);
            }
            var result = ImmutableArray.CreateBuilder<RuleTest>();
            var names = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                var what = Messages.SubjectTest(i + 1);
                if (yaml.Mapping(sequence.Items[i], what) is { } mapping && ReadTest(mapping, what, defaults, names) is { } test)
                {
                    result.Add(test);
                }
            }
            return result.ToImmutable();
        }

        private RuleTest? ReadTest(YamlMappingNode mapping, string what, ImmutableArray<(string Name, string? Value, YamlNode Node)> defaults, Dictionary<string, int> names)
        {
            var fields = yaml.Fields(mapping, what, TestKeys);
            var nameNode = fields.Required("name");
            var name = nameNode is null ? null : yaml.String(nameNode, "name");
            if (name is not null && !names.TryAdd(name, nameNode!.Location.Line))
            {
                yaml.Error(nameNode, DiagnosticCodes.DuplicateName, Messages.TestDuplicateName(name, names[name]));
            }
            var source = fields.Optional("source") is { } sourceNode ? yaml.String(sourceNode, "source") : null;
            var registry = fields.Optional("registry") is { } registryNode ? ReadRegistry(registryNode) : null;

            var single = fields.Optional("case");
            var several = fields.Optional("cases");
            var expect = fields.Optional("expect");
            var cases = new List<TestCase>();
            if (single is not null && several is not null)
            {
                yaml.Error(several, DiagnosticCodes.InvalidValue, Messages.TestCaseAndCases);
            }
            else if (single is not null)
            {
                if (BuildCase(single, "case", defaults, expect, 0) is { } one)
                {
                    cases.Add(one);
                }
            }
            else if (several is not null && yaml.Sequence(several, "cases") is { } items)
            {
                if (expect is not null)
                {
                    yaml.Error(expect, DiagnosticCodes.InvalidValue, Messages.TestCaseAndCases);
                }
                for (var i = 0; i < items.Items.Count; i++)
                {
                    var itemWhat = Messages.SubjectCaseOf(i + 1, what);
                    if (yaml.Mapping(items.Items[i], itemWhat) is not { } item)
                    {
                        continue;
                    }
                    var itemFields = yaml.Fields(item, itemWhat, CasesItemKeys);
                    if (itemFields.Required("case") is { } caseNode && BuildCase(caseNode, itemWhat, defaults, itemFields.Optional("expect"), i) is { } built)
                    {
                        cases.Add(built);
                    }
                }
            }
            else
            {
                yaml.Error(mapping, DiagnosticCodes.MissingKey, Messages.TestNoCase);
            }
            foreach (var duplicate in cases.GroupBy(c => c.Record.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                yaml.Diagnostics.Error(DiagnosticCodes.DuplicateName, duplicate.Skip(1).First().Location, Messages.TestDuplicateCaseId(duplicate.Key));
            }
            if (cases.Count > 0 && cases.TrueForAll(c => c.Expect is null))
            {
                yaml.Error(mapping, DiagnosticCodes.MissingKey, Messages.TestNoExpectation);
            }

            var (property, rows) = ReadTable(fields, several is not null);
            return name is null ? null : new RuleTest(name, source, mapping.Location, [.. cases], registry, property, rows);
        }

        private (string? Property, ImmutableArray<TableRow> Rows) ReadTable(YamlFields fields, bool several)
        {
            var propertyNode = fields.Optional("property");
            var valuesNode = fields.Optional("values");
            if (propertyNode is null && valuesNode is null)
            {
                return (null, []);
            }
            if (propertyNode is null || valuesNode is null)
            {
                yaml.Error(propertyNode ?? valuesNode!, DiagnosticCodes.MissingKey, propertyNode is null ? Messages.TestValuesNeedProperty : Messages.TestPropertyNeedsValues);
                return (null, []);
            }
            if (several)
            {
                yaml.Error(valuesNode, DiagnosticCodes.InvalidValue, Messages.TestValuesOneCase);
            }
            var property = yaml.String(propertyNode, "property");
            if (property is not null && CaseRecordBuilder.IsField(property))
            {
                yaml.Error(propertyNode, DiagnosticCodes.InvalidValue, Messages.TestValuesOnField(property));
                property = null;
            }
            if (property is not null && _rules is not null && !_properties.Contains(property, StringComparer.Ordinal))
            {
                yaml.Warning(propertyNode, DiagnosticCodes.UnknownName, Messages.TestUnknownProperty(property, Suggestions.Best(property, _properties)));
            }
            if (yaml.Sequence(valuesNode, "values") is not { } values)
            {
                return (null, []);
            }
            if (values.Items.Count == 0)
            {
                yaml.Error(valuesNode, DiagnosticCodes.InvalidValue, Messages.TestValuesEmpty);
            }
            var rows = ImmutableArray.CreateBuilder<TableRow>();
            foreach (var item in values.Items)
            {
                if (yaml.Scalar(item, Messages.SubjectValue) is { } scalar)
                {
                    rows.Add(new TableRow(scalar.IsNull ? null : scalar.Value, scalar.Location));
                }
            }
            return (property, rows.ToImmutable());
        }

        private TestCase? BuildCase(YamlNode node, string what, ImmutableArray<(string Name, string? Value, YamlNode Node)> defaults, YamlNode? expectNode, int index)
        {
            if (node is not YamlMappingNode)
            {
                yaml.Error(node, DiagnosticCodes.WrongKind, Messages.TestNotAFixture(what));
                return null;
            }
            var values = ReadFixture(node, what, defaults);
            var builder = new CaseRecordBuilder(path, node.Location.Line, index);
            builder.TrySetField("case_id", string.Create(CultureInfo.InvariantCulture, $"case-{index + 1}"));
            foreach (var (name, value, _) in values)
            {
                if (!builder.TrySetField(name, value))
                {
                    builder.SetProperty(name, value);
                }
            }
            var built = builder.Build();
            // Read even when the case is rejected, so its problems are reported with the case's.
            var expect = expectNode is null ? null : ReadExpectation(expectNode);
            if (built.Record is not { } record)
            {
                yaml.Diagnostics.Add(built.Diagnostic! with { Location = node.Location });
                return null;
            }
            return new TestCase(record, expect, node.Location);
        }

        private CaseExpectation? ReadExpectation(YamlNode node)
        {
            const string What = "expect";
            if (yaml.Mapping(node, What) is not { } mapping)
            {
                return null;
            }
            var fields = yaml.Fields(mapping, What, [.. ExpectFixedKeys, .. _channels]);
            var contact = fields.Optional("contact") is { } contactNode ? yaml.Boolean(contactNode, "contact") : null;
            var channels = ImmutableArray.CreateBuilder<ChannelExpectation>();
            foreach (var entry in fields.Entries.Where(e => _channels.Contains(e.Name!, StringComparer.Ordinal)))
            {
                if (ReadChannel(entry.Name!, entry.Value) is { } channel)
                {
                    channels.Add(channel);
                }
            }
            var warnings = fields.Optional("warnings") is { } warningsNode ? ReadCodes(warningsNode, "warnings") : null;
            var timeZone = fields.Optional("time_zone") is { } zoneNode ? ReadSetting(zoneNode, "time_zone") : null;
            var language = fields.Optional("language") is { } languageNode ? ReadSetting(languageNode, "language") : null;
            var suggested = fields.Optional("suggested") is { } suggestedNode ? ReadSuggestions(suggestedNode) : [];
            return new CaseExpectation(contact, channels.ToImmutable(), warnings, timeZone, language, suggested, mapping.Location);
        }

        /// <summary><c>sms: true</c> is short for <c>sms: { eligible: true }</c>.</summary>
        private ChannelExpectation? ReadChannel(string channel, YamlNode node)
        {
            if (node is YamlScalarNode)
            {
                return yaml.Boolean(node, channel) is { } eligible ? new ChannelExpectation(channel, eligible, null, null, null, null, node.Location) : null;
            }
            if (yaml.Mapping(node, channel) is not { } mapping)
            {
                return null;
            }
            var fields = yaml.Fields(mapping, channel, ChannelKeys);
            var eligibleValue = fields.Optional("eligible") is { } eligibleNode ? yaml.Boolean(eligibleNode, "eligible") : null;
            var reasons = fields.Optional("reasons") is { } reasonsNode ? ReadCodes(reasonsNode, "reasons") : null;
            return new ChannelExpectation(channel, eligibleValue, reasons,
                Text(fields.Optional("destination")), Text(fields.Optional("gateway")), Text(fields.Optional("email")), mapping.Location);
        }

        private ExpectedText? Text(YamlNode? node) =>
            node is null ? null : yaml.Scalar(node, Messages.SubjectExpectedValue) is { } scalar ? new ExpectedText(scalar.IsNull ? null : scalar.Value, scalar.Location) : null;

        /// <summary>A code, a list of codes, or <c>{ codes: [...], only: true }</c>.</summary>
        private ExpectedCodes? ReadCodes(YamlNode node, string what)
        {
            var only = false;
            var list = node;
            if (node is YamlMappingNode mapping)
            {
                var fields = yaml.Fields(mapping, what, CodesKeys);
                only = fields.Optional("only") is { } onlyNode && yaml.Boolean(onlyNode, "only") == true;
                if (fields.Required("codes") is not { } codesNode)
                {
                    return null;
                }
                list = codesNode;
            }
            IEnumerable<YamlNode> items = list is YamlScalarNode { IsNull: false } ? [list] : yaml.Sequence(list, what)?.Items ?? [];
            var codes = ImmutableArray.CreateBuilder<string>();
            foreach (var item in items)
            {
                if (yaml.String(item, Messages.SubjectCode) is not { } code)
                {
                    continue;
                }
                if (_rules is not null && !_codes.Contains(code, StringComparer.Ordinal))
                {
                    yaml.Error(item, DiagnosticCodes.UnknownName, Messages.TestUnknownCode(code, Suggestions.Best(code, _codes)));
                }
                codes.Add(code);
            }
            return new ExpectedCodes(codes.ToImmutable(), only, node.Location);
        }

        /// <summary>
        /// Per property: the repaired value, <c>~</c> for no suggestion, or <c>{ value: ..., confidence: certain|likely }</c>.
        /// </summary>
        private ImmutableArray<ExpectedSuggestion> ReadSuggestions(YamlNode node)
        {
            const string What = "suggested";
            if (yaml.Mapping(node, What) is not { } mapping)
            {
                return [];
            }
            var suggestions = ImmutableArray.CreateBuilder<ExpectedSuggestion>();
            foreach (var (keyNode, valueNode) in mapping.Entries)
            {
                if (yaml.String(keyNode, Messages.SubjectPropertyKey) is not { } property)
                {
                    continue;
                }
                if (_rules is not null && !_properties.Contains(property, StringComparer.Ordinal))
                {
                    yaml.Error(keyNode, DiagnosticCodes.UnknownName, Messages.TestUnknownRepairedProperty(property, Suggestions.Best(property, _properties)));
                }
                if (valueNode is YamlScalarNode scalar)
                {
                    suggestions.Add(new ExpectedSuggestion(property, scalar.IsNull ? null : scalar.Value, null, valueNode.Location));
                    continue;
                }
                if (yaml.Mapping(valueNode, property) is not { } valueMapping)
                {
                    continue;
                }
                var fields = yaml.Fields(valueMapping, property, SuggestionKeys);
                if (fields.Required("value") is not { } expectedNode || yaml.Scalar(expectedNode, "value") is not { } expected)
                {
                    continue;
                }
                SuggestionConfidence? confidence = null;
                if (fields.Optional("confidence") is { } confidenceNode && yaml.String(confidenceNode, "confidence") is { } confidenceText)
                {
                    confidence = SuggestionConfidenceNames.Parse(confidenceText);
                    if (confidence is null)
                    {
                        yaml.Error(confidenceNode, DiagnosticCodes.InvalidValue, Messages.TestConfidenceNotOneOf(confidenceText));
                    }
                }
                suggestions.Add(new ExpectedSuggestion(property, expected.IsNull ? null : expected.Value, confidence, valueMapping.Location));
            }
            return suggestions.ToImmutable();
        }

        /// <summary>A value, <c>~</c> for none, or <c>{ value: ..., source: case|project }</c>.</summary>
        private ExpectedSetting? ReadSetting(YamlNode node, string what)
        {
            if (node is YamlScalarNode scalar)
            {
                return new ExpectedSetting(scalar.IsNull ? null : scalar.Value, null, node.Location);
            }
            if (yaml.Mapping(node, what) is not { } mapping)
            {
                return null;
            }
            var fields = yaml.Fields(mapping, what, SettingKeys);
            var value = fields.Required("value") is { } valueNode ? yaml.Scalar(valueNode, "value") : null;
            ValueSource? source = null;
            if (fields.Optional("source") is { } sourceNode && yaml.String(sourceNode, "source") is { } sourceText)
            {
                source = sourceText switch
                {
                    "case" => ValueSource.Case,
                    "project" => ValueSource.Project,
                    _ => null,
                };
                if (source is null)
                {
                    yaml.Error(sourceNode, DiagnosticCodes.InvalidValue, Messages.TestSourceNotOneOf(sourceText));
                }
            }
            return value is null ? null : new ExpectedSetting(value.IsNull ? null : value.Value, source, mapping.Location);
        }
    }
}
