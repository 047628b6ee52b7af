namespace ContactRules.Diagnostics;

/// <summary>The codes of input problems; stable, so scripts and tests can rely on them.</summary>
public static class DiagnosticCodes
{
    /// <summary>The file could not be read at all (missing, unreadable).</summary>
    public const string FileUnreadable = "FILE_UNREADABLE";

    /// <summary>The text is not valid YAML.</summary>
    public const string YamlSyntax = "YAML_SYNTAX";

    /// <summary>A mapping key the format does not define.</summary>
    public const string UnknownKey = "UNKNOWN_KEY";

    /// <summary>A key the format requires is absent.</summary>
    public const string MissingKey = "MISSING_KEY";

    /// <summary>The same key twice in one mapping.</summary>
    public const string DuplicateKey = "DUPLICATE_KEY";

    /// <summary>A node of the wrong kind (a sequence where a mapping belongs, ...).</summary>
    public const string WrongKind = "WRONG_KIND";

    /// <summary>A value of the right kind that is not acceptable (an unknown time zone, a bad prefix...).</summary>
    public const string InvalidValue = "INVALID_VALUE";

    /// <summary>A name given twice where names must be unique (gateways...).</summary>
    public const string DuplicateName = "DUPLICATE_NAME";

    /// <summary>The text is not valid JSON (or CSV) at some point; reading that file stops there.</summary>
    public const string MalformedInput = "MALFORMED_INPUT";

    /// <summary>One record of a case file cannot be used; it is skipped and the rest goes on.</summary>
    public const string MalformedRecord = "MALFORMED_RECORD";

    /// <summary>A name that refers to nothing: an unknown channel, a code missing from the catalogue.</summary>
    public const string UnknownName = "UNKNOWN_NAME";

    /// <summary>Channels that include each other in a cycle.</summary>
    public const string IncludesCycle = "INCLUDES_CYCLE";

    /// <summary>An expression that does not parse.</summary>
    public const string ExpressionSyntax = "EXPRESSION_SYNTAX";

    /// <summary>An expression that parses but does not check (unknown name, wrong types, ...).</summary>
    public const string ExpressionCheck = "EXPRESSION_CHECK";

    /// <summary>An expression of the wrong type for its place (a rule must be bool, a message a string).</summary>
    public const string ExpressionType = "EXPRESSION_TYPE";

    /// <summary>The input passes one of the stated limits (nesting depth, file size; see docs/security.md).</summary>
    public const string LimitExceeded = "LIMIT_EXCEEDED";
}
