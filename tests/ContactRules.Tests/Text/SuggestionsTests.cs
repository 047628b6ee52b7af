using ContactRules.Text;
using Xunit;

namespace ContactRules.Tests.Text;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("value", "value", 0)]
    [InlineData("vlaue", "value", 1)]
    [InlineData("Value", "value", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("startWith", "startsWith", 1)]
    [InlineData("ca", "abc", 3)]
    public void Distance_counts_edits_with_a_swap_as_one(string a, string b, int expected) =>
        Assert.Equal(expected, Suggestions.Distance(a, b));

    [Fact]
    public void Best_is_the_closest_candidate() =>
        Assert.Equal("value", Suggestions.Best("vaule", ["case", "value", "values", "project"]));

    [Fact]
    public void Nothing_is_suggested_when_every_candidate_is_far() =>
        Assert.Null(Suggestions.Best("foo", ["value", "case", "project"]));

    [Fact]
    public void The_name_itself_is_not_suggested() =>
        Assert.Empty(Suggestions.Closest("value", ["value"]));

    [Fact]
    public void Closest_ranks_by_distance_then_name_and_stops_at_the_maximum() =>
        Assert.Equal(["rule", "rules", "roles"], Suggestions.Closest("rulse", ["roles", "rule", "rules", "ruler"], max: 3));

    [Fact]
    public void A_dotted_candidate_matches_on_its_last_part() =>
        Assert.Equal(["email.isValid", "phone.isValid"], Suggestions.Closest("isValid", ["size", "phone.isValid", "email.isValid"]));

    [Fact]
    public void Short_names_tolerate_only_one_slip()
    {
        Assert.Equal("id", Suggestions.Best("ib", ["id"]));
        Assert.Null(Suggestions.Best("xy", ["id"]));
    }
}
