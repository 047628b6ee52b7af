using System.Text;
using System.Text.Json;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;
using ContactRules.Text;

namespace ContactRules.Expressions;

/// <summary>The outcome of evaluating one expression: a value, or the reasons there is none.</summary>
internal sealed record ExpressionOutcome(object? Value, IReadOnlyList<string> Errors, CompileResult? Compiled, string? Trace = null)
{
    public bool Succeeded => Errors.Count == 0 && Value is not CelError;
}

/// <summary>
/// Evaluates stand-alone expressions with variables bound to values, as <c>contactrules eval</c> does:
/// one at a time, or a stream of JSON lines so that whole test suites run in one process.
/// </summary>
internal static class ExpressionRunner
{
    // Messages quote with ` and ': keep them readable instead of \u0027.
    private static readonly JsonSerializerOptions PlainJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compiles (checking unless <paramref name="check"/> is false) and evaluates; variables are declared dyn.</summary>
    /// <remarks>
    /// With <paramref name="trace"/>, the outcome also draws the expression with the value of each part.
    /// <paramref name="functions"/> gives the functions available (default: the standard library); the
    /// variables are added to it.
    /// </remarks>
    public static ExpressionOutcome Evaluate(
        string expression, IReadOnlyDictionary<string, object> variables, bool check = true, bool trace = false, CelEnvironment? functions = null)
    {
        var environment = variables.Keys.Aggregate(functions ?? CelEnvironment.Standard, (env, name) => env.WithVariable(name, CelType.Dyn));
        var compiled = environment.Compile(expression, check);
        if (compiled.Program is null)
        {
            return new ExpressionOutcome(null, [.. compiled.Diagnostics.Select(d => d.Format(expression))], compiled);
        }
        var activation = new Activation(environment);
        foreach (var (name, value) in variables)
        {
            activation.Set(name, value);
        }
        if (trace)
        {
            var traced = compiled.Program.EvaluateTraced(activation);
            return new ExpressionOutcome(traced.Value, [], compiled, traced.Render());
        }
        return new ExpressionOutcome(compiled.Program.Evaluate(activation), [], compiled);
    }

    /// <summary>
    /// Reads JSON lines <c>{"expr": "...", "bindings": {"x": {"int": "1"}}, "check": false}</c> and writes, for each
    /// line, <c>{"value": v}</c> or <c>{"error": "message"}</c>. A malformed line gets an error line; the rest goes on.
    /// Returns how many lines succeeded and failed.
    /// </summary>
    public static (int Values, int Errors) RunBatch(TextReader input, TextWriter output, CelEnvironment? functions = null)
    {
        int values = 0, errors = 0, lineNumber = 0;
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            // A blank line still gets its answer line, so the n-th output line always answers the n-th input line.
            var result = string.IsNullOrWhiteSpace(line) ? Failed(Messages.BatchLineBlank(lineNumber)) : EvaluateLine(line, lineNumber, functions);
            if (result.Value is { } value and not CelError && result.Errors.Count == 0 && TryJson(() => CelJson.ToTaggedJson(value)) is { } json)
            {
                values++;
                output.WriteLine("{\"value\":" + json + "}");
            }
            else
            {
                errors++;
                var message = result.Value is CelError error ? error.Message : string.Join("\n", result.Errors);
                var quoted = TryJson(() => JsonSerializer.Serialize(message, PlainJson))
                    ?? JsonSerializer.Serialize(Messages.BatchLineMalformed(lineNumber, Messages.JsonLoneSurrogate), PlainJson);
                output.WriteLine("{\"error\":" + quoted + "}");
            }
        }
        output.Flush();
        return (values, errors);
    }

    /// <summary>JSON text, or null when the value holds a lone surrogate, which JSON (UTF-8) cannot carry.</summary>
    private static string? TryJson(Func<string> write)
    {
        try
        {
            return write();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static ExpressionOutcome EvaluateLine(string line, int lineNumber, CelEnvironment? functions)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("expr", out var expr) || expr.ValueKind != JsonValueKind.String)
            {
                return Failed(Messages.BatchLineNeedsExpr(lineNumber));
            }
            var variables = new Dictionary<string, object>(StringComparer.Ordinal);
            if (root.TryGetProperty("bindings", out var bindings))
            {
                if (bindings.ValueKind != JsonValueKind.Object)
                {
                    return Failed(Messages.BatchLineMalformed(lineNumber, Messages.BatchBindingsNotAnObject));
                }
                foreach (var binding in bindings.EnumerateObject())
                {
                    variables[binding.Name] = CelJson.ReadTagged(binding.Value);
                }
            }
            var check = true;
            if (root.TryGetProperty("check", out var checkElement))
            {
                if (checkElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return Failed(Messages.BatchLineMalformed(lineNumber, Messages.BatchCheckNotABoolean));
                }
                check = checkElement.ValueKind == JsonValueKind.True;
            }
            return Evaluate(expr.GetString()!, variables, check, functions: functions);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return Failed(Messages.BatchLineMalformed(lineNumber, e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // A raw lone surrogate in the line cannot be transcoded for parsing (ArgumentException);
            // System.Text.Json parses an escaped lone surrogate ("\ud800") but refuses to make a string of it.
            return Failed(Messages.BatchLineMalformed(lineNumber, Messages.JsonLoneSurrogate));
        }
    }

    private static ExpressionOutcome Failed(string message) => new(null, [message], null);
}
