using System.Text;
using ContactRules.Contacts;
using Xunit;

namespace ContactRules.Tests.Contacts;

/// <summary>A read that keeps no properties accepts and rejects exactly the records a full read does, with the same fields.</summary>
public sealed class KeptPropertiesTests
{
    private const string Jsonl = """
        {"case_id": "a", "date_opened": "2024-01-01", "properties": {"contact_phone_number": "15551234567", "n": 12, "b": true, "z": null, "o": {"x": 1}}}
        {"case_id": "b", "properties": {"note": "far too long a value for the limit", "case_type": "mother", "owner_id": "w1"}}
        {"case_id": "c", "properties": {"note": "short", "o": ["a long list of words over the limit"]}}
        {"case_id": "d", "closed": "maybe", "properties": {"x": "1"}}
        {"properties": {"x": "1"}}
        {"case_id": "e", "server_last_modified": "2024-02-01T00:00:00.000000Z", "properties": {"esc": "\u0041\u0042\u0043\u0044\u0045\u0046\u0047\u0048"}}
        """;

    private const string Csv = """
        caseid,name,contact_phone_number,note,properties.case_type,number
        a,A,15551234567,short,mother,1
        b,B,15551234567,far too long a value for the limit,mother,2
        c,C,---,"quoted, short",,3
        """;

    private static readonly string[] Fallbacks = ["case_type", "case_name", "owner_id", "date_opened", "external_id"];

    private static readonly CaseReadOptions Full = new() { Limits = new InputLimits { MaxValueChars = 20 } };

    [Theory]
    [InlineData(Jsonl, CaseFormat.JsonLines)]
    [InlineData("[" + "{\"case_id\": \"a\", \"properties\": {\"p\": \"1\", \"case_name\": \"A\"}}, {\"case_id\": \"b\", \"properties\": {\"p\": \"far too long a value for the limit\"}}" + "]", CaseFormat.Json)]
    [InlineData(Csv, CaseFormat.Csv)]
    public void Records_keep_only_what_is_asked_and_are_accepted_as_in_a_full_read(string text, CaseFormat format)
    {
        var full = Read(text, format, Full);
        var none = Read(text, format, Full with { KeptProperties = CaseReadOptions.NoProperties });
        var some = Read(text, format, Full with { KeptProperties = new HashSet<string>(["contact_phone_number"], StringComparer.Ordinal) });

        Assert.Equal(full.Select(r => (r.Kind, r.Diagnostic?.ToString())), none.Select(r => (r.Kind, r.Diagnostic?.ToString())));
        Assert.Equal(full.Select(r => (r.Kind, r.Diagnostic?.ToString())), some.Select(r => (r.Kind, r.Diagnostic?.ToString())));
        Assert.Contains(full, r => r.Kind == CaseReadKind.Rejected);
        foreach (var (all, kept) in full.Zip(none))
        {
            if (all.Record is { } record)
            {
                Assert.Equal(record with { Properties = kept.Record!.Properties }, kept.Record);
                // Properties that stand in for missing fields are always kept; the others are left out.
                Assert.All(kept.Record.Properties.Keys, k => Assert.Contains(k, Fallbacks));
            }
        }
        Assert.All(some.Where(r => r.Record is not null), r => Assert.Equal(
            full.First(f => f.Record?.Id == r.Record!.Id).Record!.Property("contact_phone_number"), r.Record!.Property("contact_phone_number")));
    }

    private static List<CaseReadResult> Read(string text, CaseFormat format, CaseReadOptions options) =>
        [.. CaseSource.Read(new MemoryStream(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"))), "in", options, format)];
}
