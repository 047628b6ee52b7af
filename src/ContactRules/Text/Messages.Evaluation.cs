namespace ContactRules.Text;

/// <summary>Messages of contact verdicts and of compiling rule files.</summary>
internal static partial class Messages
{
    public const string RuleErrorCode = "RULE_ERROR";
    public const string MissingPropertyCode = "MISSING_PROPERTY";

    public static string BatchLineNeedsExpr(int line) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {line}: expected a JSON object with a string \"expr\"");

    public static string BatchLineMalformed(int line, string detail) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {line}: {detail}");

    public static string BatchLineBlank(int line) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {line}: the line is blank; expected a JSON object with a string \"expr\"");

    public const string BatchBindingsNotAnObject = "\"bindings\" must be a JSON object of variable names to values";

    public const string BatchCheckNotABoolean = "\"check\" must be true or false";

    public const string JsonLoneSurrogate = "a string holds a lone surrogate (\\ud800-\\udfff without its pair), which is not Unicode text";

    /// <summary>A property check's message after the property and its value: <c>contact_phone_number "+91 98" must contain digits only</c>.</summary>
    public static string PropertyMessage(string property, string raw, string message) =>
        $"{property} {QuoteValue(raw)} {message}";

    public static string PropertyMissing(string property) => $"the case has no {property}";

    public static string RuleCouldNotBeEvaluated(string message, string error) =>
        $"{message} (the rule could not be evaluated: {error})";

    public static string MessageCouldNotBeComputed(string fallback, string error) =>
        $"{fallback} (its messageExpression could not be computed: {error})";

    public static string NormalizeFailed(string property, string raw, string result) =>
        $"{property} {QuoteValue(raw)} could not be normalized: normalize gave {result}, not a string";

    public static string ExpressionHasWrongType(string key, string expected, string actual) =>
        $"`{key}` must be a {expected} expression, but this one gives {actual}";

    /// <summary>
    /// A case value as messages show it: in double quotes, with quotes and control characters escaped, cut
    /// to <see cref="MaxQuotedLength"/> characters with <c>…</c>.
    /// </summary>
    public static string QuoteValue(string value)
    {
        value = Cut(value);
        var builder = new System.Text.StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                _ when char.IsControl(c) => builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }
        return builder.Append('"').ToString();
    }

    /// <summary>The line under a reason that offers its repair: <c>suggested: 919812345678 (certain)</c>.</summary>
    public static string Suggested(Evaluation.Suggestion suggestion) =>
        "suggested: " + Cut(suggestion.Value) + (suggestion.Confidence == Evaluation.SuggestionConfidence.Certain ? " (certain)" : " (likely)")
        + (suggestion.DisplacedOwner is { } owner ? "; it would take the number's two-way SMS from case " + Cut(owner) : "");

    // Verdicts as text (check and explain).

    /// <summary>How a sender reaches a contact: <c>at +919812345678</c> (a number or an address).</summary>
    public static string SenderAt(string destination) => "at " + destination;

    /// <summary>The gateway a message goes through and how it was chosen: <c>via gw (prefix 91)</c>.</summary>
    public static string SenderVia(string gateway, string route) => $"via {gateway} ({route})";

    public static string SettingTimeZone(string zone, bool fromCase) => $"time zone {zone} ({(fromCase ? "case" : "project")})";

    public static string SettingLanguage(string language, bool fromCase) => $"language {language} ({(fromCase ? "case" : "project")})";

    /// <summary>The first line of <c>explain</c>: the case, its name, and whether it is a contact a channel reaches.</summary>
    [Sentences]
    public static string ExplainCase(string caseId, string? name, bool contact, bool reached) =>
        "Case " + caseId + (string.IsNullOrEmpty(name) ? "" : " (" + name + ")")
        + (!contact ? " is not a messaging contact."
            : reached ? " is a messaging contact."
            : " is an active case, but no channel can reach it.");

    public static string ExplainReached(string channel, string sender) => $"{channel}: can be reached {sender}";

    public static string ExplainNotReached(string channel) => $"{channel}: cannot be reached";

    public static string ExplainTimeZone(string zone, bool fromCase) => "Time zone: " + zone + SettingSource(fromCase, "time_zone");

    public static string ExplainLanguage(string language, bool fromCase) => "Language: " + language + SettingSource(fromCase, "language_code");

    public const string ExplainWarningsHeading = "Warnings:";

    public static string ExplainFix(string fix) => "Fix: " + fix;

    public const string ExplainRuleHeading = "The rule, with the value of each part:";

    public const string ExplainRuleDrawnAbove = "(the rule is drawn above)";

    private static string SettingSource(bool fromCase, string property) => fromCase
        ? $" (from the case's {property})"
        : $" (the project's, since the case's {property} is missing or not usable)";
}
