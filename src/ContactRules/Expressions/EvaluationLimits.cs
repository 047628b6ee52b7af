namespace ContactRules.Expressions;

/// <summary>
/// The cost budget of one evaluation. Every element a macro visits and every element or character an
/// operation builds costs a step; a result over budget is the error value "evaluation budget exceeded",
/// and no string or list may grow past <see cref="MaxCollectionSize"/>.
/// </summary>
internal sealed record EvaluationLimits(long MaxSteps = 1_000_000, int MaxCollectionSize = 100_000)
{
    public static readonly EvaluationLimits Default = new();
}
