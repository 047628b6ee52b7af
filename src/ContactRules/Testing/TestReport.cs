using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using ContactRules.Text;

namespace ContactRules.Testing;

/// <summary>
/// The outcome of <c>contactrules test</c> as text (a line per test, and for a failure what was expected
/// against what the rules gave, with the deciding rules drawn), as one JSON object, or as JUnit XML for CI
/// systems; and coverage reports as text and JSON.
/// </summary>
internal static class TestReport
{
    public const char Pass = '✔';
    public const char Fail = '✘';

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static string Text(IReadOnlyList<TestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        foreach (var file in results.GroupBy(r => r.File))
        {
            text.Append(file.Key).Append('\n');
            foreach (var result in file)
            {
                text.Append("  ").Append(result.Passed ? Pass : Fail).Append(' ').Append(result.Name).Append('\n');
                if (result.Passed)
                {
                    continue;
                }
                text.Append("      ").Append(Messages.TestAt(result.Location.ToString(), result.Source)).Append('\n');
                foreach (var mismatch in result.Mismatches)
                {
                    text.Append("      ").Append(Messages.TestMismatch(mismatch.What, mismatch.Expected, mismatch.Actual))
                        .Append("  (").Append(mismatch.Location).Append(")\n");
                    foreach (var drawing in mismatch.Drawings)
                    {
                        foreach (var line in drawing.Split('\n'))
                        {
                            text.Append("        ").Append(line).Append('\n');
                        }
                    }
                }
            }
        }
        text.Append(Totals(results)).Append('\n');
        return text.ToString();
    }

    public static string Totals(IReadOnlyList<TestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var failed = results.Count(r => !r.Passed);
        return Messages.TestTotals(results.Count, results.Count - failed, failed);
    }

    public static string Json(IReadOnlyList<TestResult> results, IReadOnlyList<CoverageReport>? coverage)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("tests", results.Count);
            json.WriteNumber("passed", results.Count(r => r.Passed));
            json.WriteNumber("failed", results.Count(r => !r.Passed));
            json.WriteStartArray("results");
            foreach (var result in results)
            {
                json.WriteStartObject();
                json.WriteString("file", result.File);
                json.WriteString("name", result.Name);
                json.WriteString("location", result.Location.ToString());
                if (result.Source is not null)
                {
                    json.WriteString("source", result.Source);
                }
                json.WriteBoolean("passed", result.Passed);
                json.WriteStartArray("mismatches");
                foreach (var mismatch in result.Mismatches)
                {
                    json.WriteStartObject();
                    json.WriteString("what", mismatch.What);
                    json.WriteString("expected", mismatch.Expected);
                    json.WriteString("actual", mismatch.Actual);
                    json.WriteString("location", mismatch.Location.ToString());
                    json.WriteStartArray("drawings");
                    foreach (var drawing in mismatch.Drawings)
                    {
                        json.WriteStringValue(drawing);
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (coverage is not null)
            {
                json.WritePropertyName("coverage");
                WriteCoverage(json, coverage);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>JUnit XML: a suite per test file, a case per test, a failure with the text report's lines.</summary>
    public static string JUnit(IReadOnlyList<TestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, NewLineChars = "\n" }))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "contactrules test");
            xml.WriteAttributeString("tests", Number(results.Count));
            xml.WriteAttributeString("failures", Number(results.Count(r => !r.Passed)));
            xml.WriteAttributeString("time", Seconds(results.Aggregate(TimeSpan.Zero, (t, r) => t + r.Elapsed)));
            foreach (var file in results.GroupBy(r => r.File))
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", file.Key);
                xml.WriteAttributeString("tests", Number(file.Count()));
                xml.WriteAttributeString("failures", Number(file.Count(r => !r.Passed)));
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("time", Seconds(file.Aggregate(TimeSpan.Zero, (t, r) => t + r.Elapsed)));
                foreach (var result in file)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("classname", file.Key);
                    xml.WriteAttributeString("name", Clean(result.Name));
                    xml.WriteAttributeString("time", Seconds(result.Elapsed));
                    if (!result.Passed)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", Clean(string.Join("; ", result.Mismatches.Select(m => Messages.TestMismatch(m.What, m.Expected, m.Actual)))));
                        xml.WriteString(Clean(Text([result]).TrimEnd('\n')));
                        xml.WriteEndElement();
                    }
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return text.ToString();
    }

    public static string CoverageText(IReadOnlyList<CoverageReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var text = new StringBuilder();
        foreach (var report in reports)
        {
            text.Append(Messages.CoverageHeading(report.RulesPath)).Append('\n');
            text.Append(Line(Messages.CoverageChecks, report.CheckPercent));
            foreach (var check in report.Checks)
            {
                var mark = check.Passed > 0 && check.Failed > 0 ? Pass : Fail;
                text.Append(CultureInfo.InvariantCulture, $"    {mark} {Messages.CoverageCheck(check.Describe(), check.Reached, check.Passed, check.Failed)}  {check.Location}\n");
            }
            text.Append(Line(Messages.CoverageCodes, report.CodePercent));
            foreach (var code in report.Codes)
            {
                text.Append(CultureInfo.InvariantCulture, $"    {(code.Produced > 0 ? Pass : Fail)} {Messages.CoverageCode(code.Code, code.Produced)}\n");
            }
            text.Append(Line(Messages.CoverageProperties, report.PropertyPercent));
            foreach (var property in report.Properties)
            {
                var mark = property.Present > 0 && property.Missing > 0 ? Pass : Fail;
                text.Append(CultureInfo.InvariantCulture, $"    {mark} {Messages.CoverageProperty(property.Name, property.Present, property.Missing)}\n");
            }
        }
        return text.ToString();
    }

    /// <summary>The reports as a JSON array; on one line unless <paramref name="indented"/>.</summary>
    public static string CoverageJson(IReadOnlyList<CoverageReport> reports, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions with { Indented = indented }))
        {
            WriteCoverage(json, reports);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteCoverage(Utf8JsonWriter json, IReadOnlyList<CoverageReport> reports)
    {
        json.WriteStartArray();
        foreach (var report in reports)
        {
            json.WriteStartObject();
            json.WriteString("rules", report.RulesPath);
            json.WriteNumber("checks_percent", Math.Round(report.CheckPercent, 1));
            json.WriteNumber("codes_percent", Math.Round(report.CodePercent, 1));
            json.WriteNumber("properties_percent", Math.Round(report.PropertyPercent, 1));
            json.WriteStartArray("checks");
            foreach (var check in report.Checks)
            {
                json.WriteStartObject();
                json.WriteString("property", check.Property);
                json.WriteNumber("position", check.Position);
                json.WriteString("code", check.Code);
                json.WriteString("location", check.Location.ToString());
                json.WriteNumber("passed", check.Passed);
                json.WriteNumber("failed", check.Failed);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("codes");
            foreach (var code in report.Codes)
            {
                json.WriteNumber(code.Code, code.Produced);
            }
            json.WriteEndObject();
            json.WriteStartObject("properties");
            foreach (var property in report.Properties)
            {
                json.WriteStartObject(property.Name);
                json.WriteNumber("present", property.Present);
                json.WriteNumber("missing", property.Missing);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Merges the reports of one rule file tested by several test files.</summary>
    public static ImmutableArray<CoverageReport> Merge(IEnumerable<CoverageReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var merged = new List<CoverageReport>();
        foreach (var report in reports)
        {
            var i = merged.FindIndex(m => m.SameShape(report));
            if (i < 0)
            {
                merged.Add(report);
            }
            else
            {
                merged[i] = merged[i].Add(report);
            }
        }
        return [.. merged];
    }

    private static string Line(string what, double percent) =>
        string.Create(CultureInfo.InvariantCulture, $"  {what}: {percent:0.0}%\n");

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    // XML 1.0 cannot hold most control characters, even escaped.
    private static string Clean(string text) => new([.. text.Select(c => XmlConvert.IsXmlChar(c) ? c : '?')]);
}
