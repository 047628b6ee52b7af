using System.Text.RegularExpressions;
using ContactRules.Tests.Cli;
using Xunit;

namespace ContactRules.Tests.Auditing;

/// <summary>
/// With <c>--redact</c>, no personal value of a hostile corpus reaches any output of any command: numbers
/// touching letters or split by <c>/</c>, malformed addresses, names, case ids that are numbers, and rules
/// that draw a number as a list of digits.
/// </summary>
public sealed partial class RedactionLeakTests : IDisposable
{
    /// <summary>Each hostile case: id, name, phone, email.</summary>
    private static readonly (string Id, string Name, string Phone, string Email)[] Cases =
    [
        ("c-letter-after", "Meera Iyer", "917306613433x", "meera.iyer at example.org"),
        ("c-letter-before", "Ravi Kumar", "x917356264333", "ravi.kumar@localhost"),
        ("c-slashes", "Sunita Rao", "91/73062/64277", "sunita.rao@@example.org"),
        ("917388543210", "Asha Devi", "917345012678", "asha.devi@example.org"),
        ("c-colons", "Kiran Shah", "91:73062:45677", "Kiran Shah <kiran.shah@example.org>"),
        ("c-spaced", "Lakshmi Nair", "  +91 73261 45676 ", " lakshmi.nair@example.org "),
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "contactrules-redaction-" + Guid.NewGuid().ToString("N"));

    public RedactionLeakTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Rules => ["", "rules/commcare-hq-compatible.yaml", "digits"];

    [Theory]
    [MemberData(nameof(Rules))]
    public void No_personal_value_reaches_any_output_of_any_command(string rules)
    {
        var cases = Write("cases.jsonl", string.Join('\n', Cases.Select(c =>
            $$$"""{"case_id":"{{{c.Id}}}","name":"{{{c.Name}}}","properties":{"contact_phone_number":"{{{c.Phone}}}","contact_phone_number_is_verified":"1","commcare_email_address":"{{{c.Email}}}"}}""")));
        var ruleArguments = rules switch
        {
            "" => [],
            "digits" => ["--rules", DigitRules()],
            _ => new[] { "--rules", CliRunner.InRepository(rules) },
        };

        var outputs = new List<(string What, string Text)>();
        void Run(string what, params string[] arguments)
        {
            var result = CliRunner.RunInProcess([.. arguments, .. ruleArguments, "--redact"]);
            Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
            outputs.Add((what + " (out)", result.Out));
            outputs.Add((what + " (error)", result.Error));
        }

        Run("check", "check", cases);
        Run("check json", "check", cases, "--format", "json");
        foreach (var id in Cases.Select(c => c.Id))
        {
            Run("explain " + id, "explain", id, cases);
            Run("explain json " + id, "explain", id, cases, "--format", "json");
        }
        var csv = Path.Combine(_directory, "results.csv");
        var jsonl = Path.Combine(_directory, "results.jsonl");
        var report = Path.Combine(_directory, "report.html");
        Run("audit", "audit", cases, "--out", csv, "--report", report);
        Run("audit json", "audit", cases, "--format", "json", "--out", jsonl);
        outputs.Add(("audit --out csv", File.ReadAllText(csv)));
        outputs.Add(("audit --out jsonl", File.ReadAllText(jsonl)));
        outputs.Add(("audit --report", File.ReadAllText(report)));

        var leaks = (from output in outputs
                     from secret in Secrets()
                     where output.Text.Contains(secret, StringComparison.Ordinal)
                     select $"{output.What}: {secret}").ToList();
        Assert.Empty(leaks);
        // The masked forms are there, so the outputs were not simply empty.
        Assert.Contains(outputs, o => o.Text.Contains("*********678", StringComparison.Ordinal));
    }

    /// <summary>What must never be seen: each name and address local part, and each number's digits but the last three, in any run of at least four.</summary>
    private static IEnumerable<string> Secrets()
    {
        foreach (var (id, name, phone, email) in Cases)
        {
            yield return name;
            yield return email.Trim();
            var at = email.IndexOf('@', StringComparison.Ordinal);
            yield return at > 0 ? email[..at].Trim().Split(' ', '<')[^1] : email.Trim().Split(' ')[0];
            foreach (var number in new[] { phone, id })
            {
                var digits = NonDigits().Replace(number, "");
                if (digits.Length >= 6)
                {
                    // Any four digits in a row from the masked part would give part of the number away.
                    var hidden = digits[..^3];
                    for (var i = 0; i + 4 <= hidden.Length; i++)
                    {
                        yield return hidden.Substring(i, 4);
                    }
                }
            }
        }
    }

    /// <summary>A rule file whose failing rule draws the number as a list of its digits.</summary>
    private string DigitRules()
    {
        var text = File.ReadAllText(CliRunner.InRepository("rules/commcare-case-contact.yaml"));
        var check = """
                  - rule: "value.split('').filter(d, d != '').size() < 5"
                    code: PHONE_NUMBER_FORMAT
                    message: has too many digits
            """;
        text = text.Replace("    checks:\n      - rule: \"value.matches('^[0-9]+$')\"", "    checks:\n" + check + "\n      - rule: \"value.matches('^[0-9]+$')\"", StringComparison.Ordinal);
        Assert.Contains("split('')", text, StringComparison.Ordinal);
        return Write("digits.yaml", text);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [GeneratedRegex(@"\D")]
    private static partial Regex NonDigits();
}
