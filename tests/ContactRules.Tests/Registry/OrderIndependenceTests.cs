using ContactRules.Registry;
using CsCheck;
using Xunit;

namespace ContactRules.Tests.Registry;

/// <summary>Ownership is derived, so the same updates in any order, in any batches, give the same owners.</summary>
public sealed class OrderIndependenceTests
{
    private static readonly string[] Numbers = ["254712345678", "919812345678", "15551234567"];

    /// <summary>Updates of a few cases over a few numbers and times: many collide on a case and a time.</summary>
    private static readonly Gen<RegistryUpdate> Update =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 8], Gen.Int[-1, Numbers.Length - 1], Gen.Int[0, 3])
            .Select((c, modified, number, opened) => new RegistryUpdate(
                "c" + c, 1_000 + modified, number < 0 ? "" : Numbers[number], opened == 3 ? RegistryUpdate.UnknownOpened : opened * 10 + c % 2));

    /// <summary>A set of updates and two orders of it.</summary>
    private static readonly Gen<(RegistryUpdate[] Updates, RegistryUpdate[] Shuffled, int Batch)> Permutations =
        Update.Array[1, 40].SelectMany(updates => Gen.Shuffle((RegistryUpdate[])updates.Clone()).Select(Gen.Int[1, 7], (shuffled, batch) => (updates, shuffled, batch)));

    [Fact]
    public void The_derivation_gives_the_same_owners_for_every_permutation_of_the_updates()
    {
        Permutations.Sample(p =>
            Assert.Equal(RegistryModel.Of(p.Updates).Owners(), RegistryModel.Of(p.Shuffled).Owners()), iter: 20_000);
    }

    [Theory]
    [Store(RegistryTargets.Sqlite)]
    [Store(RegistryTargets.Postgres)]
    public void A_store_gives_the_same_owners_for_every_permutation_and_batching_of_the_updates(string kind)
    {
        Permutations.Sample(p =>
        {
            using var target = RegistryTargets.Create(kind);
            using var registry = target.Open();
            registry.Register(p.Shuffled, batchSize: p.Batch);
            Assert.Equal(RegistryModel.Of(p.Updates).Owners(), RegistryModel.Describe(registry.Owners()));
            Assert.Equal(RegistryModel.Sorted(RegistryModel.Of(p.Updates).Claims()), RegistryModel.Sorted(registry.Claims()));
        }, iter: 60, threads: 1);
    }
}
