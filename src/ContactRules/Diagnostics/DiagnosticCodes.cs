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

    /// <summary>A name given twice where names must be unique (gateways...), or a column or JSON key given twice in a case record (both places named; the later value is used).</summary>
    public const string DuplicateName = "DUPLICATE_NAME";

    /// <summary>The text is not valid JSON (or CSV) at some point; reading that file stops there.</summary>
    public const string MalformedInput = "MALFORMED_INPUT";

    /// <summary>CommCare HQ's Case API could not be read (refused, unreachable, a looping or foreign <c>next</c>); fetching stops there.</summary>
    public const string CaseApiFailed = "CASE_API_FAILED";

    /// <summary>One record of a case file cannot be used; it is skipped and the rest goes on.</summary>
    public const string MalformedRecord = "MALFORMED_RECORD";

    /// <summary>A version of a case that a later version of the same case, elsewhere in the input, replaces.</summary>
    public const string SupersededCase = "SUPERSEDED_CASE";

    /// <summary>A name that refers to nothing: an unknown channel, a code missing from the catalogue.</summary>
    public const string UnknownName = "UNKNOWN_NAME";

    /// <summary>Channels that include each other in a cycle.</summary>
    public const string IncludesCycle = "INCLUDES_CYCLE";

    /// <summary>An expression that does not parse.</summary>
    public const string ExpressionSyntax = "EXPRESSION_SYNTAX";

    /// <summary>An expression that parses but does not check, for a reason none of the codes below names.</summary>
    public const string ExpressionCheck = "EXPRESSION_CHECK";

    /// <summary>An expression names a variable the rules do not declare.</summary>
    public const string UnknownVariable = "UNKNOWN_VARIABLE";

    /// <summary>An expression selects a field its operand does not have (or has no fields at all).</summary>
    public const string UnknownField = "UNKNOWN_FIELD";

    /// <summary>An expression calls a function or operator that does not exist.</summary>
    public const string UnknownFunction = "UNKNOWN_FUNCTION";

    /// <summary>A call has more or fewer arguments than any form of the function takes.</summary>
    public const string WrongArgumentCount = "WRONG_ARGUMENT_COUNT";

    /// <summary>A global function called as a method, or a method called as a global function.</summary>
    public const string WrongCallStyle = "WRONG_CALL_STYLE";

    /// <summary>Operands or arguments of types no overload takes, a non-bool condition, branches of different types.</summary>
    public const string TypeMismatch = "TYPE_MISMATCH";

    /// <summary>A regular expression literal that does not compile.</summary>
    public const string InvalidRegex = "INVALID_REGEX";

    /// <summary>A call with constant arguments that fails whatever the case (a bad format string).</summary>
    public const string CallAlwaysFails = "CALL_ALWAYS_FAILS";

    /// <summary>An expression nested more deeply than the checker follows.</summary>
    public const string ExpressionTooDeep = "EXPRESSION_TOO_DEEP";

    /// <summary>An expression of the wrong type for its place (a rule must be bool, a message a string).</summary>
    public const string ExpressionType = "EXPRESSION_TYPE";

    /// <summary>A code of the <c>errors</c> catalogue that no check and no <c>missing</c> gives (lint warning).</summary>
    public const string UnusedCode = "UNUSED_CODE";

    /// <summary>A check after an error check that can never pass, so never reached (lint warning).</summary>
    public const string UnreachableCheck = "UNREACHABLE_CHECK";

    /// <summary>A <c>fallback</c> on a property some channel requires, where a missing value closes the channel instead (lint warning).</summary>
    public const string RequiredFallback = "REQUIRED_FALLBACK";

    /// <summary>A <c>normalize</c> whose result no check, no sender and no ownership reads (lint warning).</summary>
    public const string UnusedNormalize = "UNUSED_NORMALIZE";

    /// <summary>The input passes one of the stated limits (nesting depth, file size; see docs/security.md).</summary>
    public const string LimitExceeded = "LIMIT_EXCEEDED";
}
