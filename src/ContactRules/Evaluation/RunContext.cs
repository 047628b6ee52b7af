namespace ContactRules.Evaluation;

/// <summary>
/// What one run of the rules varies, handed to every evaluation it makes and never stored on the
/// compiled rules: the registry that <c>registry.*</c> answers from, and whether gateways are consulted.
/// Immutable, so one compiled rule set serves any number of runs at once, each with its own context.
/// </summary>
public sealed class RunContext
{
    /// <summary>No owners, no opt-outs, routing on: what a single verdict outside any run sees.</summary>
    public static RunContext Default { get; } = new(EmptyContactRegistry.Instance);

    /// <param name="registry">Who owns which number for two-way SMS, and which numbers opted out.</param>
    /// <param name="routing">
    /// Whether the project's gateways are consulted. Off, the rules judge as for a project without gateways:
    /// that is how a case's claim on a number is found, since routing decides how to send, not who owns a number.
    /// </param>
    public RunContext(IContactRegistry registry, bool routing = true)
        : this(registry, routing, null)
    {
    }

    /// <param name="registry">Who owns which number, and who opted out.</param>
    /// <param name="routing">Whether the project's gateways are consulted.</param>
    /// <param name="observer">Told of every check's outcome (coverage, drawing a test's failures).</param>
    internal RunContext(IContactRegistry registry, bool routing, CheckRecorder? observer)
    {
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        Routing = routing;
        Observer = observer;
    }

    public IContactRegistry Registry { get; }

    public bool Routing { get; }

    internal CheckRecorder? Observer { get; }

    /// <summary>
    /// The context in which a case's two-way claim is judged: the opt-outs of <paramref name="optOuts"/>,
    /// but no owners (a claim must not be hidden by another claimant) and no routing.
    /// </summary>
    public static RunContext ForClaims(IContactRegistry optOuts) => new(new OptOutsOnly(optOuts), routing: false);

    /// <summary>This context with no owners (opt-outs and routing kept, nothing observed): how a suggested repair is judged on its own merits.</summary>
    internal RunContext WithoutOwners() => new(new OptOutsOnly(Registry), Routing, null);

    /// <summary>The context an evaluation was given; the default one when it was given none (as in <c>eval</c>).</summary>
    internal static RunContext Of(object? context) => context as RunContext ?? Default;

    private sealed class OptOutsOnly(IContactRegistry registry) : IContactRegistry
    {
        public string? TwoWayOwner(string number) => null;

        public bool IsOptedOut(string number) => registry.IsOptedOut(number);
    }
}
