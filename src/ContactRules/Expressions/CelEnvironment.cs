using System.Collections.Immutable;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Compilation;
using ContactRules.Expressions.Parsing;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Expressions;

/// <summary>
/// The declarations an expression is checked and compiled against: variables (each with a slot
/// index, in declaration order) and functions. Immutable; the <c>With…</c> methods return a new one.
/// </summary>
internal sealed class CelEnvironment
{
    private readonly ImmutableDictionary<string, int> _slots;

    private CelEnvironment(
        ImmutableArray<VariableDecl> variables,
        ImmutableDictionary<string, FunctionDecl> functions,
        EvaluationLimits limits)
    {
        Variables = variables;
        Functions = functions;
        Limits = limits;
        _slots = variables.Select((v, i) => KeyValuePair.Create(v.Name, i)).ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>No variables, the standard CEL functions and operators.</summary>
    public static CelEnvironment Standard { get; } = new(
        [],
        StandardLibrary.Functions.ToImmutableDictionary(f => f.Name, StringComparer.Ordinal),
        EvaluationLimits.Default);

    public ImmutableArray<VariableDecl> Variables { get; }

    public ImmutableDictionary<string, FunctionDecl> Functions { get; }

    public EvaluationLimits Limits { get; }

    public CelEnvironment WithVariable(string name, CelType type, string description = "")
    {
        if (_slots.TryGetValue(name, out var slot))
        {
            return new CelEnvironment(Variables.SetItem(slot, new VariableDecl(name, type, description)), Functions, Limits);
        }
        return new CelEnvironment(Variables.Add(new VariableDecl(name, type, description)), Functions, Limits);
    }

    /// <summary>Adds a function, or adds overloads to one of the same name.</summary>
    public CelEnvironment WithFunction(FunctionDecl function)
    {
        var merged = Functions.TryGetValue(function.Name, out var existing)
            ? existing.WithOverloads(function.Overloads)
            : function;
        return new CelEnvironment(Variables, Functions.SetItem(function.Name, merged), Limits);
    }

    public CelEnvironment WithFunctions(IEnumerable<FunctionDecl> functions) =>
        functions.Aggregate(this, (env, f) => env.WithFunction(f));

    public CelEnvironment WithLimits(EvaluationLimits limits) => new(Variables, Functions, limits);

    /// <summary>The slot of a declared variable, or -1.</summary>
    public int SlotOf(string name) => _slots.TryGetValue(name, out var slot) ? slot : -1;

    /// <summary>
    /// Parses, checks (unless <paramref name="check"/> is false) and compiles <paramref name="source"/>.
    /// Every problem is reported, not only the first; <see cref="CompileResult.Program"/> is null when any is an error.
    /// </summary>
    public CompileResult Compile(string source, bool check = true)
    {
        var parsed = ExpressionParser.Parse(source);
        if (parsed.Expression is null || parsed.Diagnostics.Length > 0)
        {
            return new CompileResult(source, parsed.Expression, null, null, parsed.Diagnostics);
        }
        CheckResult? checkResult = null;
        if (check)
        {
            checkResult = Checker.Check(parsed.Expression, this, source);
            if (checkResult.Diagnostics.Length > 0)
            {
                return new CompileResult(source, parsed.Expression, checkResult, null, checkResult.Diagnostics);
            }
        }
        var program = Compiler.Compile(source, parsed.Expression, this, checkResult);
        return new CompileResult(source, parsed.Expression, checkResult, program, []);
    }
}

/// <summary>The outcome of <see cref="CelEnvironment.Compile"/>.</summary>
internal sealed record CompileResult(
    string Source,
    Ast.Expr? Expression,
    CheckResult? Check,
    CelProgram? Program,
    ImmutableArray<ExpressionDiagnostic> Diagnostics)
{
    public bool Success => Program is not null;

    /// <summary>The static result type, when the expression was checked.</summary>
    public CelType ResultType => Check?.ResultType ?? CelType.Dyn;
}
