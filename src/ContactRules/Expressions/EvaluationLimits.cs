namespace ContactRules.Expressions;

/// <summary>
/// The cost budget of one evaluation. Every node evaluated and every element a macro visits or builds
/// costs a step; a result over budget is the error value "evaluation budget exceeded".
/// </summary>
public sealed record EvaluationLimits(long MaxSteps = 1_000_000, int MaxCollectionSize = 100_000)
{
    public static readonly EvaluationLimits Default = new();
}
