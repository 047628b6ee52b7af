using ContactRules.Contacts;
using Xunit;

namespace ContactRules.Tests.Contacts;

/// <summary>
/// Issue 10, point 10: a key given twice in a JSON case is a warning naming both places, the later value
/// wins; one case id key twice with different values rejects the record, and reading goes on.
/// </summary>
public sealed class DuplicateKeyTests
{
    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(3)]
    public void A_property_twice_in_json_lines_is_a_warning_naming_both_places_and_the_later_value_wins(int chunk)
    {
        var results = CaseInput.Read(
            "{\"case_id\": \"a\", \"properties\": {\"x\": \"1\", \"x\": \"2\"}}\n{\"case_id\": \"b\", \"case_name\": \"B\", \"case_name\": \"C\"}\n",
            CaseFormat.JsonLines,
            chunk);
        Assert.Equal(
            [
                "in:1:43: warning DUPLICATE_NAME: the property `x` is given twice in this case's `properties`, at 1:33 and 1:43; the later value is used",
                "in:2:36: warning DUPLICATE_NAME: the key `case_name` is given twice in this case, at 2:18 and 2:36; the later value is used",
            ],
            results.Diagnostics());
        Assert.Equal([CaseReadKind.Notice, CaseReadKind.Accepted, CaseReadKind.Notice, CaseReadKind.Accepted], results.Select(r => r.Kind));
        var cases = results.Accepted();
        Assert.Equal("2", cases[0].Property("x"));
        Assert.Equal("C", cases[1].Name);
        Assert.Equal(new CaseReadSummary(2, 2, 0, 0), results.Summary());
    }

    [Fact]
    public void The_case_id_twice_with_different_values_rejects_the_record_and_reading_goes_on()
    {
        var results = CaseInput.Read(
            "{\"case_id\": \"a\"}\n{\"case_id\": \"b\", \"x\": 1, \"case_id\": \"c\"}\n{\"case_id\": \"d\", \"case_id\": \"d\"}\n{\"case_id\": \"e\"}\n",
            CaseFormat.JsonLines);
        Assert.Equal(["a", "d", "e"], results.Accepted().Select(c => c.Id));
        Assert.Equal(
            [
                "in:2:26: error MALFORMED_RECORD: the case id key `case_id` is given twice with different values, at 2:2 and 2:26, so it is not known which case this is; the record is skipped",
                "in:3:18: warning DUPLICATE_NAME: the key `case_id` is given twice in this case, at 3:2 and 3:18; the later value is used",
            ],
            results.Diagnostics());
        Assert.Equal(new CaseReadSummary(4, 3, 1, 0), results.Summary());
    }

    [Fact]
    public void Id_and_case_id_in_one_record_are_not_duplicates()
    {
        var results = CaseInput.Read(
            "{\"id\": \"a\", \"case_id\": \"a\", \"properties\": {\"case_id\": \"a\"}}\n",
            CaseFormat.JsonLines);
        Assert.Equal(["a"], results.Accepted().Select(c => c.Id));
        Assert.Empty(results.Diagnostics());
        var list = CaseInput.Read("{\"objects\": [{\"id\": \"b\", \"case_id\": \"b\", \"resource_uri\": \"\"}]}", CaseFormat.Json);
        Assert.Equal(["b"], list.Accepted().Select(c => c.Id));
        Assert.Empty(list.Diagnostics());
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(5)]
    public void In_a_json_case_list_each_duplicate_is_named_at_its_line_and_column_before_its_case(int chunk)
    {
        const string json = """
            {"cases": [
              {"case_id": "a",
               "properties": {"x": 1,
                              "x": 2}},
              {"case_id": "b", "case_id": "c"},
              {"case_id": "d", "id": "d"}, {"case_id": "é", "owner_id": "o", "owner_id": "p"}
            ]}
            """;
        var results = CaseInput.Read(json, CaseFormat.Json, chunk);
        Assert.Equal(
            [
                "in:4:19: warning DUPLICATE_NAME: the property `x` is given twice in this case's `properties`, at 3:19 and 4:19; the later value is used",
                "in:5:20: error MALFORMED_RECORD: the case id key `case_id` is given twice with different values, at 5:4 and 5:20, so it is not known which case this is; the record is skipped",
                "in:6:66: warning DUPLICATE_NAME: the key `owner_id` is given twice in this case, at 6:49 and 6:66; the later value is used",
            ],
            results.Diagnostics());
        Assert.Equal(
            [CaseReadKind.Notice, CaseReadKind.Accepted, CaseReadKind.Rejected, CaseReadKind.Accepted, CaseReadKind.Notice, CaseReadKind.Accepted],
            results.Select(r => r.Kind));
        var cases = results.Accepted();
        Assert.Equal(["a", "d", "é"], cases.Select(c => c.Id));
        Assert.Equal("2", cases[0].Property("x"));
        Assert.Equal("p", cases[2].OwnerId);
        Assert.Equal(new CaseReadSummary(4, 3, 1, 0), results.Summary());
    }

    [Fact]
    public void After_a_missing_comma_duplicates_are_still_named_in_order()
    {
        var results = CaseInput.Read("[{\"case_id\": \"a\"} {\"case_id\": \"b\", \"properties\": {\"x\": 1, \"x\": null}}, {\"case_id\": \"c\"}]", CaseFormat.Json);
        Assert.Equal(
            [
                "in:1: error MALFORMED_INPUT: a comma is missing before this case; reading goes on with it",
                "in:1:59: warning DUPLICATE_NAME: the property `x` is given twice in this case's `properties`, at 1:51 and 1:59; the later value is used",
            ],
            results.Diagnostics());
        Assert.Equal(
            [CaseReadKind.Accepted, CaseReadKind.Problem, CaseReadKind.Notice, CaseReadKind.Accepted, CaseReadKind.Accepted],
            results.Select(r => r.Kind));
        Assert.Null(results.Accepted()[1].Property("x"));
        Assert.Equal(new CaseReadSummary(3, 3, 0, 1), results.Summary());
    }

    [Fact]
    public void A_second_properties_object_replaces_the_first()
    {
        var results = CaseInput.Read(
            "{\"case_id\": \"a\", \"properties\": {\"x\": \"1\", \"y\": \"1\"}, \"properties\": {\"x\": \"2\"}}\n",
            CaseFormat.JsonLines);
        Assert.Equal(
            ["in:1:54: warning DUPLICATE_NAME: the key `properties` is given twice in this case, at 1:18 and 1:54; the later value is used"],
            results.Diagnostics());
        var c = Assert.Single(results.Accepted());
        Assert.Equal("2", c.Property("x"));
        Assert.Null(c.Property("y"));
    }
}
