using System.Globalization;
using System.Text;
using System.Text.Json;
using ContactRules.Contacts;
using ContactRules.Diagnostics;
using ContactRules.Evaluation;
using ContactRules.Projects;
using ContactRules.Registry;
using ContactRules.RuleFiles;

namespace ContactRules.Tests.Registry;

/// <summary>
/// Streams of case updates that overlap a lot: few cases and numbers, coarse times (so updates of one case
/// often share a time, with different content), openings in ties, and every way to gain or lose a claim.
/// </summary>
internal static class UpdateStreams
{
    public static readonly CompiledRules Rules = CompiledRules.Compile(RuleFileLoader.LoadBuiltIn(), ProjectSettings.Default, new DiagnosticBag())!;

    /// <summary>Writes <paramref name="count"/> updates as JSON lines (what <c>register</c> reads).</summary>
    public static void Write(string path, int seed, int count, int cases = 2000, int numbers = 200, int times = 3000)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var c = random.Next(cases);
            var number = random.NextDouble() < 0.85 ? c % numbers : random.Next(numbers);
            var minute = random.Next(times);
            var line = new Dictionary<string, object>
            {
                ["case_id"] = "c" + c.ToString("D5", CultureInfo.InvariantCulture),
                ["case_type"] = "patient",
                // Three cases share each opening time, so ties are settled by case id.
                ["date_opened"] = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(c / 3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["server_last_modified"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(minute).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["closed"] = random.NextDouble() < 0.1,
                ["properties"] = new Dictionary<string, string>
                {
                    ["contact_phone_number"] = "2547123" + number.ToString("D5", CultureInfo.InvariantCulture),
                    ["contact_phone_number_is_verified"] = random.NextDouble() < 0.8 ? "1" : "0",
                },
            };
            writer.WriteLine(JsonSerializer.Serialize(line));
        }
    }

    /// <summary>The updates a file makes, judged by the default rules as <c>register</c> judges them.</summary>
    public static List<RegistryUpdate> Read(string path) =>
        [.. RegistryUpdates.Of(Rules, CaseSource.Open(path).Select(r => r.Record).OfType<CaseRecord>())];
}
