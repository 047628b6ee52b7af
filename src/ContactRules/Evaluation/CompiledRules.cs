using System.Collections.Immutable;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation.Library;
using ContactRules.Expressions;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Compilation;
using ContactRules.Expressions.Runtime;
using ContactRules.Projects;
using ContactRules.RuleFiles;
using ContactRules.Text;

namespace ContactRules.Evaluation;

/// <summary>
/// A rule file compiled for one project: every expression parsed, checked and compiled once, ready to
/// judge any number of cases, from any number of threads. Built by <see cref="Compile"/>, which reports
/// every problem of every expression at its position in the rule file. Immutable: what a run varies (the
/// registry, routing, tracing) comes with each evaluation as a <see cref="RunContext"/>, so any number of
/// runs may share one compiled rule set at once, each getting the verdicts it would get alone.
/// </summary>
public sealed class CompiledRules
{
    private readonly RuleFile _rules;
    private readonly ProjectSettings _project;
    private readonly CelEnvironment _environment;
    private readonly GatewayTable _gateways;
    private readonly CelMap _projectValue;
    private readonly CelMap _unroutedProjectValue;
    private readonly ImmutableArray<CompiledCheck> _contactChecks;
    private readonly ImmutableArray<CompiledProperty> _properties;
    private readonly ImmutableArray<CompiledChannel> _channels;
    private readonly CompiledChannel? _twoWayChannel;
    private readonly int[] _evaluationOrder;
    private readonly int _valueSlot;
    private readonly int _rawSlot;
    private readonly int _caseSlot;
    private readonly int _projectSlot;
    private readonly int _destinationSlot;
    private readonly bool _anySuggestions;

    private CompiledRules(
        RuleFile rules,
        ProjectSettings project,
        CelEnvironment environment,
        GatewayTable gateways,
        ImmutableArray<CompiledCheck> contactChecks,
        ImmutableArray<CompiledProperty> properties)
    {
        _rules = rules;
        _project = project;
        _environment = environment;
        _gateways = gateways;
        _contactChecks = contactChecks;
        _properties = properties;
        _projectValue = ProjectValue(project);
        _unroutedProjectValue = ProjectValue(project with { Gateways = [], GlobalGateways = [] });
        _valueSlot = environment.SlotOf(RuleEnvironment.Value);
        _rawSlot = environment.SlotOf(RuleEnvironment.Raw);
        _caseSlot = environment.SlotOf(RuleEnvironment.Case);
        _projectSlot = environment.SlotOf(RuleEnvironment.Project);
        _destinationSlot = environment.SlotOf(RuleEnvironment.Destination);
        _channels = [.. rules.Channels.Select(c => CompiledChannel.Create(c, ChannelClosure(rules, c.Id), properties))];
        _twoWayChannel = _channels.FirstOrDefault(c => c.Definition.Id == TwoWayChannel);
        // The property that provides the destination is judged first, so every other one sees `destination`.
        _evaluationOrder = [.. Enumerable.Range(0, properties.Length).OrderBy(i => properties[i].Rule.Provides == SenderField.Destination ? 0 : 1)];
        _anySuggestions = properties.Any(p => p.Checks.Any(c => c.Suggest is not null));
        AsksForOwners = contactChecks.Concat(properties.SelectMany(p => p.Checks)).Any(c => c.Rule.Calls(ContextFunctions.TwoWayOwnerOverload) || c.MessageExpression?.Calls(ContextFunctions.TwoWayOwnerOverload) == true)
            || properties.Any(p => p.Normalize?.Calls(ContextFunctions.TwoWayOwnerOverload) == true || p.Fallback?.Calls(ContextFunctions.TwoWayOwnerOverload) == true);
    }

    /// <summary>The channel whose claims decide who owns a number.</summary>
    public const string TwoWayChannel = "two_way_sms";

    public RuleFile Rules => _rules;

    public ProjectSettings Project => _project;

    /// <summary>
    /// Whether some expression asks who owns a number (<c>registry.twoWayOwner</c>, as the checker resolved
    /// the calls): only then can ownership change a verdict, and only then does a run need an ownership pass.
    /// </summary>
    public bool AsksForOwners { get; }

    /// <summary>Compiles every expression of <paramref name="rules"/>; null when any has an error (all are in <paramref name="diagnostics"/>).</summary>
    public static CompiledRules? Compile(RuleFile rules, ProjectSettings project, DiagnosticBag diagnostics)
    {
        var gateways = GatewayTable.For(project);
        var environment = RuleEnvironment.Create(gateways);
        var errorsBefore = diagnostics.Items.Count(d => d.IsError);

        var personal = rules.Properties.Where(p => p.Personal).Select(p => p.Name).ToImmutableHashSet(StringComparer.Ordinal);
        var contactChecks = rules.ContactChecks.Select(c => CompileCheck(environment, c, null, personal, diagnostics)).ToImmutableArray();
        var properties = rules.Properties.Select(p => new CompiledProperty(
            p,
            CompileExpression(environment, p.Normalize, CelType.String, "normalize", diagnostics),
            CompileExpression(environment, p.Fallback, CelType.String, "fallback", diagnostics),
            [.. p.Checks.Select(c => CompileCheck(environment, c, p, personal, diagnostics))])).ToImmutableArray();

        if (diagnostics.Items.Count(d => d.IsError) > errorsBefore)
        {
            return null;
        }
        return new CompiledRules(rules, project, environment, gateways, contactChecks, properties);
    }

    /// <summary>Judges one case on its own (no owners, no opt-outs): every channel, with reasons, warnings and what a sender needs.</summary>
    public ContactVerdict Evaluate(CaseRecord record) => Evaluate(record, RunContext.Default, trace: true);

    /// <summary>Judges one case on its own; with <paramref name="trace"/> false, failed rules are not drawn (faster for large audits).</summary>
    public ContactVerdict Evaluate(CaseRecord record, bool trace) => Evaluate(record, RunContext.Default, trace);

    /// <summary>Judges one case in <paramref name="context"/> (the owners and opt-outs of a run, routing on or off).</summary>
    public ContactVerdict Evaluate(CaseRecord record, RunContext context, bool trace = true)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var activation = ActivationFor(record, context);

        // Most cases pass most checks: collections are only made when something fails.
        List<(CompiledCheck Check, Reason Reason)>? contactFailures = null;
        List<Reason>? warnings = null;
        foreach (var check in _contactChecks)
        {
            if (Run(check, activation, null, null, trace) is { } reason)
            {
                (contactFailures ??= []).Add((check, reason));
                if (reason.Severity == Severity.Warning)
                {
                    (warnings ??= []).Add(reason);
                }
            }
        }

        var outcomes = new PropertyOutcome[_properties.Length];
        Sender sender = default;
        foreach (var i in _evaluationOrder)
        {
            var outcome = outcomes[i] = EvaluateProperty(_properties[i], record, activation, ref warnings, trace, suggest: true);
            // A blocked value never reaches a sender: the channels it blocks are not eligible.
            if (outcome.IsPresent)
            {
                sender = sender.With(_properties[i].Rule.Provides, outcome.Value!);
            }
        }
        if (_anySuggestions)
        {
            MarkDisplacingRepairs(record, context, outcomes, warnings);
        }
        var route = sender.Destination is null ? null
            : sender.Gateway is not null ? new GatewayRoute(sender.Gateway, GatewayChoice.Override)
            : (context.Routing ? _gateways : GatewayTable.Empty).Route(sender.Destination);
        var destination = sender.Destination is null ? null : "+" + sender.Destination;

        var channels = ImmutableArray.CreateBuilder<ChannelVerdict>(_channels.Length);
        foreach (var channel in _channels)
        {
            var reasons = Reasons(channel, contactFailures, outcomes);
            var eligible = reasons.IsEmpty;
            channels.Add(eligible
                ? new ChannelVerdict(channel.Definition.Id, true, reasons, channel.Uses(SenderField.Destination) ? destination : null,
                    channel.Uses(SenderField.Destination) ? route : null, channel.Uses(SenderField.Email) ? sender.Email : null)
                : new ChannelVerdict(channel.Definition.Id, false, reasons));
        }

        return new ContactVerdict(
            record.Id,
            contactFailures is null || !contactFailures.Exists(f => f.Reason.Severity == Severity.Error),
            channels.MoveToImmutable(),
            Resolve(SenderField.TimeZone, outcomes),
            Resolve(SenderField.Language, outcomes),
            warnings is null ? [] : [.. warnings]);
    }

    /// <summary>
    /// The number (E.164 digits, as the rules resolve it) the case claims for two-way SMS: its
    /// <c>two_way_sms</c> channel would be eligible if nobody else owned the number, judged with the opt-outs
    /// of <paramref name="optOuts"/> and without routing (<see cref="RunContext.ForClaims"/>); null when it
    /// claims none. Only the contact checks and the properties that channel needs are evaluated, so finding
    /// claims costs a fraction of a verdict.
    /// </summary>
    public string? TwoWayClaim(CaseRecord record, IContactRegistry? optOuts = null) =>
        TwoWayClaim(record, optOuts is null ? ClaimsWithoutOptOuts : RunContext.ForClaims(optOuts));

    /// <summary>Made once: registering judges every record's claim in it.</summary>
    private static readonly RunContext ClaimsWithoutOptOuts = RunContext.ForClaims(EmptyContactRegistry.Instance);

    internal string? TwoWayClaim(CaseRecord record, RunContext claims)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_twoWayChannel is not { } channel)
        {
            return null;
        }
        // A case missing a property two-way SMS requires claims nothing: no need to evaluate anything.
        for (var i = 0; i < _properties.Length; i++)
        {
            if (channel.Requirements[i] == Requirement.Required
                && !_properties[i].Rule.IsPresent(record.Properties.GetValueOrDefault(_properties[i].Rule.Name)))
            {
                return null;
            }
        }
        var activation = ActivationFor(record, claims);
        foreach (var check in _contactChecks)
        {
            if (check.Check.Severity == Severity.Error && Concerns(check.Check.Channels, channel) && check.Rule.Evaluate(activation) is not true)
            {
                return null;
            }
        }
        List<Reason>? warnings = null;
        string? destination = null;
        foreach (var i in _evaluationOrder)
        {
            if (channel.Requirements[i] is not { } requirement)
            {
                continue;
            }
            var outcome = EvaluateProperty(_properties[i], record, activation, ref warnings, trace: false, suggest: false);
            if (outcome.IsPresent ? outcome.Blocking is not null && Concerns(outcome.BlockingChannels, channel) : requirement == Requirement.Required)
            {
                return null;
            }
            if (outcome.IsPresent && _properties[i].Rule.Provides == SenderField.Destination)
            {
                destination = outcome.Value;
            }
        }
        return destination;
    }

    /// <summary>
    /// The personal data of <paramref name="record"/>, as redaction masks it: the case name and, for each
    /// property the rules mark personal, its value as the case has it and after <c>normalize</c>.
    /// </summary>
    public IEnumerable<string> PersonalValues(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        yield return record.Name;
        Activation? activation = null;
        foreach (var property in _properties)
        {
            if (!property.Rule.Personal || record.Property(property.Rule.Name) is not { } raw)
            {
                continue;
            }
            yield return raw;
            if (property.Normalize is not null)
            {
                activation ??= ActivationFor(record, RunContext.Default);
                activation.Set(_rawSlot, raw);
                activation.Set(_valueSlot, raw);
                if (property.Normalize.Evaluate(activation) is string normalized)
                {
                    yield return normalized;
                }
            }
        }
    }

    /// <summary>
    /// The variables of one case's evaluation; <c>value</c> and <c>raw</c> are set per property, <c>destination</c>
    /// once the property providing it is judged.
    /// </summary>
    private Activation ActivationFor(CaseRecord record, RunContext context)
    {
        var activation = new Activation(_environment) { Context = context };
        activation.Set(_caseSlot, CaseValues.For(record));
        activation.Set(_projectSlot, context.Routing ? _projectValue : _unroutedProjectValue);
        activation.Set(_valueSlot, "");
        activation.Set(_rawSlot, "");
        activation.Set(_destinationSlot, "");
        return activation;
    }

    private PropertyOutcome EvaluateProperty(CompiledProperty property, CaseRecord record, Activation activation, ref List<Reason>? warnings, bool trace, bool suggest)
    {
        var rule = property.Rule;
        if (!record.Properties.TryGetValue(rule.Name, out var raw) || !rule.IsPresent(raw))
        {
            return PropertyOutcome.Missing(FallbackValue(property, activation));
        }
        activation.Set(_rawSlot, raw);
        activation.Set(_valueSlot, raw);
        var value = raw;
        if (property.Normalize is not null)
        {
            var normalized = property.Normalize.Evaluate(activation);
            if (normalized is not string s)
            {
                var reason = new Reason(Messages.RuleErrorCode, rule.Name, Severity.Error,
                    Messages.NormalizeFailed(rule.Name, raw, CelLiteral.Format(normalized)));
                return PropertyOutcome.Present(raw, reason, FallbackValue(property, activation), [], false);
            }
            value = s;
            activation.Set(_valueSlot, value);
        }
        if (rule.Provides == SenderField.Destination)
        {
            activation.Set(_destinationSlot, value);
        }

        Reason? blocking = null;
        CompiledCheck? blockingCheck = null;
        var warned = false;
        foreach (var check in property.Checks)
        {
            if (Run(check, activation, rule.Name, raw, trace) is not { } reason)
            {
                continue;
            }
            if (suggest && check.Suggest is not null && Suggest(property, check, record, raw, value, activation) is { } suggestion)
            {
                reason = reason with { Suggestion = suggestion };
            }
            if (reason.Severity == Severity.Warning)
            {
                (warnings ??= []).Add(reason);
                warned = true;
                continue;
            }
            blocking = reason;
            blockingCheck = check;
            break;
        }
        var fallback = warned || blocking is not null ? FallbackValue(property, activation) : null;
        return PropertyOutcome.Present(value, blocking, fallback, blockingCheck?.Check.Channels ?? [], warned);
    }

    /// <summary>
    /// The repair <paramref name="check"/> suggests for the property's value, judged again with every check of
    /// the property (its <c>normalize</c> first) and offered only when they all pass on it. Owners are hidden
    /// while it is judged: a repaired number owned by another case for two-way SMS is still a repair, but it
    /// would move that ownership, so it is never certain and names the owner it would displace.
    /// </summary>
    private Suggestion? Suggest(CompiledProperty property, CompiledCheck check, CaseRecord record, string raw, string value, Activation activation)
    {
        var rule = property.Rule;
        if (check.Suggest!.Evaluate(activation) is not string repaired || repaired == raw || !rule.IsPresent(repaired))
        {
            return null;
        }
        var context = RunContext.Of(activation.Context);
        activation.Context = context.WithoutOwners();
        try
        {
            activation.Set(_rawSlot, repaired);
            activation.Set(_valueSlot, repaired);
            var repairedValue = repaired;
            if (property.Normalize is not null)
            {
                if (property.Normalize.Evaluate(activation) is not string normalized)
                {
                    return null;
                }
                repairedValue = normalized;
                activation.Set(_valueSlot, repairedValue);
            }
            if (rule.Provides == SenderField.Destination)
            {
                activation.Set(_destinationSlot, repairedValue);
            }
            foreach (var other in property.Checks)
            {
                if (other.Rule.Evaluate(activation) is not true)
                {
                    return null;
                }
            }
            return new Suggestion(repaired, check.Check.Confidence);
        }
        finally
        {
            activation.Context = context;
            activation.Set(_rawSlot, raw);
            activation.Set(_valueSlot, value);
            if (rule.Provides == SenderField.Destination)
            {
                activation.Set(_destinationSlot, value);
            }
        }
    }

    /// <summary>
    /// The suggestions of a case, with those that together would make it claim a number another case owns for
    /// two-way SMS made likely and naming that owner: each repair may be harmless alone (a number cleaned, a
    /// verified flag trimmed) and displace the owner once both are imported.
    /// </summary>
    private void MarkDisplacingRepairs(CaseRecord record, RunContext context, PropertyOutcome[] outcomes, List<Reason>? warnings)
    {
        if (_twoWayChannel is not { } channel)
        {
            return;
        }
        Dictionary<string, string>? repaired = null;
        for (var i = 0; i < _properties.Length; i++)
        {
            if (channel.Requirements[i] is not null && outcomes[i].Blocking?.Suggestion is { } suggestion)
            {
                (repaired ??= new(record.Properties, StringComparer.Ordinal))[_properties[i].Rule.Name] = suggestion.Value;
            }
        }
        if (repaired is null)
        {
            return;
        }
        var claim = TwoWayClaim(record with { Properties = repaired }, RunContext.ForClaims(context.Registry));
        if (claim is null || context.Registry.TwoWayOwner(claim) is not { Length: > 0 } owner || owner == record.Id)
        {
            return;
        }
        for (var i = 0; i < _properties.Length; i++)
        {
            if (channel.Requirements[i] is not null && outcomes[i].Blocking is { Suggestion: { } suggestion } blocking)
            {
                outcomes[i] = outcomes[i] with
                {
                    Blocking = blocking with { Suggestion = suggestion with { Confidence = SuggestionConfidence.Likely, DisplacedOwner = owner } },
                };
            }
        }
    }

    private static string? FallbackValue(CompiledProperty property, Activation activation) =>
        property.Fallback?.Evaluate(activation) as string;

    /// <summary>Runs a check; null when it passes, else the reason it gives.</summary>
    private Reason? Run(CompiledCheck check, Activation activation, string? property, string? raw, bool trace)
    {
        var result = check.Rule.Evaluate(activation);
        if (activation.Context is RunContext { Observer: { } observer })
        {
            observer.Record(check.Check, result is true, check.Rule, activation);
        }
        if (result is true)
        {
            return null;
        }
        var computed = check.MessageExpression?.Evaluate(activation);
        var message = computed as string
            ?? check.Check.Message ?? _rules.Errors.GetValueOrDefault(check.Check.Code)?.Title ?? check.Check.Code;
        if (computed is CelError messageError)
        {
            message = Messages.MessageCouldNotBeComputed(message, messageError.Message);
        }
        if (result is CelError error)
        {
            message = Messages.RuleCouldNotBeEvaluated(message, error.Message);
        }
        if (property is not null)
        {
            message = Messages.PropertyMessage(property, raw ?? "", message);
        }
        var drawn = trace ? check.Rule.Explain(activation, check.PersonalParts) : null;
        return new Reason(check.Check.Code, property, check.Check.Severity, message, drawn);
    }

    /// <summary>Why <paramref name="channel"/> cannot reach the contact; empty when it can.</summary>
    private ImmutableArray<Reason> Reasons(CompiledChannel channel, List<(CompiledCheck Check, Reason Reason)>? contactFailures, PropertyOutcome[] outcomes)
    {
        List<Reason>? reasons = null;
        if (contactFailures is not null)
        {
            foreach (var (check, reason) in contactFailures)
            {
                if (reason.Severity == Severity.Error && Concerns(check.Check.Channels, channel))
                {
                    (reasons ??= []).Add(reason);
                }
            }
        }
        for (var i = 0; i < _properties.Length; i++)
        {
            if (channel.Requirements[i] is not { } requirement)
            {
                continue;
            }
            var outcome = outcomes[i];
            if (!outcome.IsPresent)
            {
                if (requirement == Requirement.Required)
                {
                    var property = _properties[i].Rule;
                    var missing = property.Missing ?? new MissingRule(Messages.MissingPropertyCode, Messages.PropertyMissing(property.Name));
                    (reasons ??= []).Add(new Reason(missing.Code, property.Name, Severity.Error, missing.Message));
                }
            }
            else if (outcome.Blocking is { } blocking && Concerns(outcome.BlockingChannels, channel))
            {
                (reasons ??= []).Add(blocking);
            }
        }
        return reasons is null ? [] : [.. reasons];
    }

    /// <summary>What the sender needs, from the properties that provide it and passed their checks.</summary>
    private readonly record struct Sender(string? Destination, string? Gateway, string? Email)
    {
        public Sender With(SenderField field, string value) => field switch
        {
            SenderField.Destination => this with { Destination = value },
            SenderField.Gateway => this with { Gateway = value },
            SenderField.Email => this with { Email = value },
            _ => this,
        };
    }

    private static bool Concerns(ImmutableArray<string> checkChannels, CompiledChannel channel) =>
        checkChannels.IsDefaultOrEmpty || checkChannels.Any(channel.Closure.Contains);

    private ResolvedSetting? Resolve(SenderField field, PropertyOutcome[] outcomes)
    {
        for (var i = 0; i < _properties.Length; i++)
        {
            if (_properties[i].Rule.Provides != field)
            {
                continue;
            }
            var outcome = outcomes[i];
            if (outcome.IsPresent && outcome.Blocking is null && !outcome.Warned)
            {
                return new ResolvedSetting(outcome.Value!, ValueSource.Case);
            }
            return outcome.Fallback is null ? null : new ResolvedSetting(outcome.Fallback, ValueSource.Project);
        }
        return null;
    }

    private static CelMap ProjectValue(ProjectSettings project) => CelMap.FromObjects(
    [
        new("name", project.Name),
        new("country", project.Country),
        new("time_zone", project.TimeZone),
        new("default_language", project.DefaultLanguage),
        new("languages", project.Languages.Cast<object>().ToArray()),
        new("gateways", project.Gateways.Select(g => (object)g.Name).ToArray()),
        new("global_gateways", project.GlobalGateways.Select(g => (object)g.Name).ToArray()),
    ]);

    private static ImmutableHashSet<string> ChannelClosure(RuleFile rules, string channel)
    {
        var closure = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([channel]);
        while (pending.TryPop(out var id))
        {
            if (closure.Add(id) && rules.Channel(id) is { } definition)
            {
                foreach (var included in definition.Includes)
                {
                    pending.Push(included);
                }
            }
        }
        return closure.ToImmutable();
    }

    private static CompiledCheck CompileCheck(CelEnvironment environment, RuleCheck check, PropertyRule? property, IReadOnlySet<string> personal, DiagnosticBag diagnostics)
    {
        var rule = CompileExpression(environment, check.Rule, CelType.Bool, "rule", diagnostics) ?? CompiledExpression.Failed;
        if (check.Suggest is { } suggest && property is null)
        {
            // A contact check concerns no one property, so there is nothing its repair would set.
            diagnostics.Error(DiagnosticCodes.InvalidValue, suggest.Location, Messages.SuggestOnContactCheck);
        }
        return new(check, rule,
            CompileExpression(environment, check.MessageExpression, CelType.String, "messageExpression", diagnostics),
            rule.PersonalParts(property?.Personal ?? false, personal))
        {
            // null is how a suggestion says it cannot tell, so a string or null will do.
            Suggest = CompileExpression(environment, check.Suggest, CelType.String, "suggest", diagnostics, alsoAccepted: CelType.Null),
        };
    }

    private static CompiledExpression? CompileExpression(CelEnvironment environment, RuleExpression? expression, CelType expected, string key, DiagnosticBag diagnostics, CelType? alsoAccepted = null)
    {
        if (expression is null)
        {
            return null;
        }
        var result = environment.Compile(expression.Source);
        foreach (var d in result.Diagnostics)
        {
            diagnostics.Error(d.Code, expression.At(d.Span.Start), d.Message);
        }
        if (result.Program is null)
        {
            return null;
        }
        if (result.ResultType != expected && result.ResultType != CelType.Dyn && result.ResultType != alsoAccepted)
        {
            diagnostics.Error(DiagnosticCodes.ExpressionType, expression.Location, Messages.ExpressionHasWrongType(key, expected.ToString(), result.ResultType.ToString()));
            return null;
        }
        return new CompiledExpression(result);
    }

    private sealed record CompiledCheck(RuleCheck Check, CompiledExpression Rule, CompiledExpression? MessageExpression, IReadOnlySet<Expressions.Ast.Expr> PersonalParts)
    {
        public CompiledExpression? Suggest { get; init; }
    }

    private sealed record CompiledProperty(PropertyRule Rule, CompiledExpression? Normalize, CompiledExpression? Fallback, ImmutableArray<CompiledCheck> Checks);

    private sealed record CompiledChannel(ChannelDefinition Definition, ImmutableHashSet<string> Closure, ImmutableArray<Requirement?> Requirements, ImmutableHashSet<SenderField> Provided)
    {
        public static CompiledChannel Create(ChannelDefinition definition, ImmutableHashSet<string> closure, ImmutableArray<CompiledProperty> properties)
        {
            var requirements = properties.Select(p => Strongest(p.Rule, closure)).ToImmutableArray();
            var provided = properties.Where((p, i) => requirements[i] is not null).Select(p => p.Rule.Provides).ToImmutableHashSet();
            return new CompiledChannel(definition, closure, requirements, provided);
        }

        /// <summary>Whether a property this channel concerns provides <paramref name="field"/> (email does not take a phone number).</summary>
        public bool Uses(SenderField field) => Provided.Contains(field);

        /// <summary>The strongest requirement the property has for this channel or a channel it includes; null when it does not concern it.</summary>
        private static Requirement? Strongest(PropertyRule property, ImmutableHashSet<string> closure)
        {
            Requirement? strongest = null;
            foreach (var (channel, requirement) in property.Channels)
            {
                if (closure.Contains(channel) && (strongest is null || requirement > strongest))
                {
                    strongest = requirement;
                }
            }
            return strongest;
        }
    }

    private readonly record struct PropertyOutcome(bool IsPresent, string? Value, Reason? Blocking, string? Fallback, ImmutableArray<string> BlockingChannels, bool Warned)
    {
        public static PropertyOutcome Missing(string? fallback) => new(false, null, null, fallback, [], false);

        public static PropertyOutcome Present(string value, Reason? blocking, string? fallback, ImmutableArray<string> blockingChannels, bool warned) =>
            new(true, value, blocking, fallback, blockingChannels, warned);
    }
}
