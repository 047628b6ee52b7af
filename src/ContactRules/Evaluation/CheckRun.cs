using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Registry;

namespace ContactRules.Evaluation;

/// <summary>What a check run produced for one input item: a verdict, or a diagnostic for a record or the input.</summary>
public sealed record CheckItem(CaseRecord? Record, ContactVerdict? Verdict, Diagnostic? Diagnostic);

/// <summary>
/// Judges every case of an input. Without a registry, two-way ownership is settled among the input's own
/// cases, which takes two passes: the first finds who claims which number (cases that would be eligible
/// for two-way SMS if nobody else held their number), the second judges with those owners.
/// </summary>
public sealed class CheckRun
{
    /// <summary>The channel whose claims decide ownership.</summary>
    public const string TwoWayChannel = "two_way_sms";

    private readonly CompiledRules _rules;
    private readonly IContactRegistry? _registry;
    private readonly IContactRegistry _optOuts;

    /// <param name="rules">The compiled rules.</param>
    /// <param name="registry">A registry that knows owners and opt-outs; null to settle ownership within the input.</param>
    /// <param name="optOuts">
    /// When ownership is settled within the input (no <paramref name="registry"/>), where opt-outs come from
    /// (only its <see cref="IContactRegistry.IsOptedOut"/> is asked); none by default.
    /// </param>
    public CheckRun(CompiledRules rules, IContactRegistry? registry = null, IContactRegistry? optOuts = null)
    {
        _rules = rules;
        _registry = registry;
        _optOuts = optOuts ?? EmptyContactRegistry.Instance;
    }

    /// <summary>Totals of the last <see cref="Run"/>: every record read is accepted or rejected.</summary>
    public CaseReadSummary Summary { get; private set; }

    /// <summary>
    /// Streams verdicts in input order. <paramref name="open"/> opens the input; it is called twice when
    /// ownership is settled within the input (so it must give the same records each time).
    /// </summary>
    public IEnumerable<CheckItem> Run(Func<IEnumerable<CaseReadResult>> open, bool trace = true)
    {
        if (_registry is not null)
        {
            _rules.Registry = _registry;
        }
        else
        {
            var ownership = new InRunOwnership(_optOuts);
            // The first pass sees the opt-outs but no owners (a claim must not hide a later, earlier-opened
            // claimant) and no gateways (routing decides how to send, not who owns a number).
            var claims = _rules.WithoutRouting();
            claims.Registry = new InRunOwnership(_optOuts);
            foreach (var item in open())
            {
                if (item.Record is { } record && claims.TwoWayClaim(record) is { } number)
                {
                    ownership.Claim(number, record);
                }
            }
            _rules.Registry = ownership;
        }
        return Judge(open(), trace);
    }

    private IEnumerable<CheckItem> Judge(IEnumerable<CaseReadResult> input, bool trace)
    {
        Summary = default;
        foreach (var item in input)
        {
            Summary = Summary.Add(item);
            yield return item.Record is { } record
                ? new CheckItem(record, _rules.Evaluate(record, trace), null)
                : new CheckItem(null, null, item.Diagnostic);
        }
    }
}
