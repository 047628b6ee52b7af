using Xunit;

namespace ContactRules.Tests;

/// <summary>
/// Tests that read the process's heap size run alone: other tests allocating in parallel would make
/// their figures meaningless.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresMemory
{
    public const string Name = "Measures memory";
}
