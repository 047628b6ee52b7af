using System.Collections.Immutable;
using ContactRules.Diagnostics;
using ContactRules.RuleFiles;
using ContactRules.Text;

namespace ContactRules.Documentation;

/// <summary>A check of a property (or of the contact), in words: its code, severity and what it asks.</summary>
internal sealed record CheckDoc(string Code, Severity Severity, string Words, string? Rule);

/// <summary>A row of the Case Properties table, and the property's checks.</summary>
internal sealed record PropertyDoc(string Name, string Requirement, string Description, ImmutableArray<CheckDoc> Checks);

/// <summary>A repair the rules suggest for a code: on which property, the <c>suggest</c> expression and how sure it is.</summary>
internal sealed record RepairDoc(string Property, string Expression, Evaluation.SuggestionConfidence Confidence);

/// <summary>An entry of the error-description page.</summary>
internal sealed record ErrorDoc(string Code, string Title, Severity Severity, ImmutableArray<string> Blocks, string Description, string Fix, ImmutableArray<RepairDoc> Repairs);

/// <summary>
/// What the documentation pages say about a rule file, independent of their format: the Case Properties
/// table (requirement in the seed's words: "Required for one-way SMS", ..., "Optional") with each
/// property's checks, and every error code with its severity and the channels it blocks.
/// </summary>
internal sealed record RuleDocumentation(
    string Name,
    string Description,
    ImmutableArray<CheckDoc> ContactChecks,
    ImmutableArray<PropertyDoc> Properties,
    ImmutableArray<ErrorDoc> Errors)
{
    public static RuleDocumentation From(RuleFile rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var properties = rules.Properties.Select(p => new PropertyDoc(
            p.Name,
            RequirementWords(rules, p),
            p.Description,
            [.. MissingDoc(p), .. p.Checks.Select(c => CheckDoc(rules, c))])).ToImmutableArray();
        var contactChecks = rules.ContactChecks.Select(c => CheckDoc(rules, c)).ToImmutableArray();
        return new RuleDocumentation(rules.Name, rules.Description, contactChecks, properties, ErrorDocs(rules));
    }

    /// <summary>"Required for one-way SMS" (one channel title per required channel, in the file's order), or "Optional".</summary>
    public static string RequirementWords(RuleFile rules, PropertyRule property)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(property);
        var required = rules.Channels
            .Where(c => property.Channels.TryGetValue(c.Id, out var r) && r == Requirement.Required)
            .Select(c => LowerFirst(c.Title))
            .ToList();
        return required.Count == 0 ? Messages.DocsOptional : Messages.DocsRequiredFor(required);
    }

    private static IEnumerable<CheckDoc> MissingDoc(PropertyRule property) =>
        property.Missing is { } missing && property.Channels.ContainsValue(Requirement.Required)
            ? [new CheckDoc(missing.Code, Severity.Error, Messages.DocsWhenMissing(missing.Message, property.Presence == Presence.NonEmpty), null)]
            : [];

    private static CheckDoc CheckDoc(RuleFile rules, RuleCheck check)
    {
        var words = check.Message ?? rules.Errors.GetValueOrDefault(check.Code)?.Title ?? check.Code;
        return new CheckDoc(check.Code, check.Severity, words, check.Rule.Source);
    }

    private static ImmutableArray<ErrorDoc> ErrorDocs(RuleFile rules)
    {
        var severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
        var blocks = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        var order = rules.Channels.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        var appearance = new List<string>();
        var repairs = new Dictionary<string, List<RepairDoc>>(StringComparer.Ordinal);

        void Note(string code, Severity severity, IEnumerable<string> channels)
        {
            if (!severities.ContainsKey(code))
            {
                appearance.Add(code);
            }
            severities[code] = severities.TryGetValue(code, out var known) && known == Severity.Error ? Severity.Error : severity;
            var set = blocks.TryGetValue(code, out var existing) ? existing : blocks[code] = [];
            if (severity == Severity.Error)
            {
                set.UnionWith(channels.Where(order.ContainsKey).Select(c => order[c]));
            }
        }

        foreach (var check in rules.ContactChecks)
        {
            Note(check.Code, check.Severity, check.Channels.IsDefaultOrEmpty ? order.Keys : Reaching(rules, check.Channels));
        }
        foreach (var property in rules.Properties)
        {
            if (property.Missing is { } missing)
            {
                Note(missing.Code, Severity.Error, Reaching(rules, property.Channels.Where(c => c.Value == Requirement.Required).Select(c => c.Key)));
            }
            var concerned = Reaching(rules, property.Channels.Keys);
            foreach (var check in property.Checks)
            {
                Note(check.Code, check.Severity, check.Channels.IsDefaultOrEmpty ? concerned : concerned.Intersect(Reaching(rules, check.Channels)));
                if (check.Suggest is { } suggest)
                {
                    (repairs.TryGetValue(check.Code, out var list) ? list : repairs[check.Code] = []).Add(new RepairDoc(property.Name, suggest.Source, check.Confidence));
                }
            }
        }

        // Codes in the order the rules use them (as a reader meets them), then any the catalogue alone has.
        var codes = appearance.Concat(rules.Errors.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
        return [.. codes.Select(code =>
        {
            var entry = rules.Errors.GetValueOrDefault(code);
            return new ErrorDoc(
                code,
                entry?.Title ?? code,
                severities.GetValueOrDefault(code, Severity.Error),
                blocks.TryGetValue(code, out var set) ? [.. set.Select(i => rules.Channels[i].Id)] : [],
                entry?.Description ?? "",
                entry?.Fix ?? "",
                repairs.TryGetValue(code, out var repairList) ? [.. repairList] : []);
        })];
    }

    /// <summary>The given channels and every channel that includes one of them (two-way SMS needs what SMS needs).</summary>
    private static HashSet<string> Reaching(RuleFile rules, IEnumerable<string> channels)
    {
        var result = new HashSet<string>(channels, StringComparer.Ordinal);
        bool grew;
        do
        {
            grew = false;
            foreach (var channel in rules.Channels)
            {
                if (!result.Contains(channel.Id) && channel.Includes.Any(result.Contains))
                {
                    grew |= result.Add(channel.Id);
                }
            }
        }
        while (grew);
        return result;
    }

    private static string LowerFirst(string title) =>
        title.Length == 0 ? title : char.ToLowerInvariant(title[0]) + title[1..];
}
