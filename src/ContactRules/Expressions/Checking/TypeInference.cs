using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ContactRules.Diagnostics;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Parsing;
using ContactRules.Expressions.Runtime;
using ContactRules.Text;

namespace ContactRules.Expressions.Checking;

/// <summary>
/// One pass of the checker over one expression: infers each node's type bottom-up and collects diagnostics.
/// A node whose type could not be known because of a problem already reported gets <see cref="CelType.Error"/>,
/// which fits anywhere and silences further complaints about it, so one mistake gives one message.
/// </summary>
internal sealed class TypeInference
{
    // The string extension whose literal calls are validated like regular expressions.
    private const string FormatFunction = "format";

    private readonly CelEnvironment _environment;
    private readonly string? _source;
    private readonly ImmutableArray<ExpressionDiagnostic>.Builder _diagnostics = ImmutableArray.CreateBuilder<ExpressionDiagnostic>();
    private readonly Dictionary<Expr, CelType> _types = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<CallExpr, FunctionDecl> _functions = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<CallExpr, FunctionOverload> _overloads = new(ReferenceEqualityComparer.Instance);

    // Macro iteration variables in scope, innermost last (so a nested macro's variable shadows an outer one).
    private readonly List<KeyValuePair<string, CelType>> _scope = [];

    // Type-parameter bindings of the overload being tried; reused to keep checking allocation-light.
    private readonly Dictionary<string, CelType> _bindings = new(StringComparer.Ordinal);

    private bool _reportedTooDeep;

    public TypeInference(CelEnvironment environment, string? source)
    {
        _environment = environment;
        _source = source;
    }

    /// <summary>The problems in source order (they are found children first), so they read top to bottom.</summary>
    public ImmutableArray<ExpressionDiagnostic> Diagnostics =>
        _diagnostics.Count < 2 ? _diagnostics.ToImmutable() : [.. _diagnostics.OrderBy(d => d.Span.Start)];

    public IReadOnlyDictionary<Expr, CelType> Types => _types;

    public IReadOnlyDictionary<CallExpr, FunctionDecl> Functions => _functions;

    public IReadOnlyDictionary<CallExpr, FunctionOverload> Overloads => _overloads;

    public CelType Infer(Expr? expression)
    {
        if (expression is null)
        {
            return CelType.Error;
        }
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            if (!_reportedTooDeep)
            {
                _reportedTooDeep = true;
                Report(DiagnosticCodes.ExpressionTooDeep, expression.Span, Messages.ExpressionTooDeep);
            }
            return CelType.Error;
        }
        var type = expression switch
        {
            ConstantExpr constant => ConstantType(constant.Value),
            IdentExpr ident => InferIdent(ident),
            SelectExpr select => InferSelect(select),
            CallExpr call => InferCall(call),
            ListExpr list => InferList(list),
            MapExpr map => InferMap(map),
            MacroExpr macro => InferMacro(macro),
            _ => CelType.Error,
        };
        _types[expression] = type;
        return type;
    }

    private static CelType ConstantType(object? value) => value switch
    {
        bool => CelType.Bool,
        long => CelType.Int,
        double => CelType.Double,
        string => CelType.String,
        CelNull => CelType.Null,
        _ => CelType.Dyn,
    };

    private CelType InferIdent(IdentExpr ident)
    {
        if (TryLookup(ident.Name, out var type))
        {
            return type;
        }
        var candidates = new List<string>(_scope.Count + _environment.Variables.Length);
        for (var i = _scope.Count - 1; i >= 0; i--)
        {
            candidates.Add(_scope[i].Key);
        }
        foreach (var variable in _environment.Variables)
        {
            candidates.Add(variable.Name);
        }
        var name = ident.Name ?? "";
        Report(DiagnosticCodes.UnknownVariable, ident.Span, Messages.UndeclaredReference(name, Suggestions.Closest(name, candidates)));
        return CelType.Error;
    }

    private bool TryLookup(string? name, out CelType type)
    {
        for (var i = _scope.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_scope[i].Key, name, StringComparison.Ordinal))
            {
                type = _scope[i].Value;
                return true;
            }
        }
        var slot = name is null ? -1 : _environment.SlotOf(name);
        if (slot >= 0)
        {
            type = _environment.Variables[slot].Type ?? CelType.Dyn;
            return true;
        }
        type = CelType.Error;
        return false;
    }

    private CelType InferSelect(SelectExpr select)
    {
        var operand = Infer(select.Operand);
        var field = select.Field ?? "";
        if (TypeRelations.IsWildcard(operand))
        {
            return select.IsTest ? CelType.Bool : operand;
        }
        CelType fieldType;
        switch (operand)
        {
            case MapType map:
                fieldType = map.Value;
                break;
            case ObjectType obj when obj.Fields is not null && obj.Fields.TryGetValue(field, out var declared):
                fieldType = declared;
                break;
            case ObjectType obj:
                var fields = obj.Fields?.Keys ?? [];
                Report(DiagnosticCodes.UnknownField, FieldSpan(select), Messages.UnknownField(obj.Name, field, Suggestions.Closest(field, fields)));
                return select.IsTest ? CelType.Bool : CelType.Error;
            default:
                Report(DiagnosticCodes.UnknownField, FieldSpan(select), select.IsTest ? Messages.HasNeedsField(operand) : Messages.NoFields(operand, field));
                return select.IsTest ? CelType.Bool : CelType.Error;
        }
        return select.IsTest ? CelType.Bool : fieldType;
    }

    // For has(a.f) too, the field itself: as a plain selection the node names its field, not `has`.
    private TextSpan FieldSpan(SelectExpr select) => NameSpan(select.IsTest ? select with { IsTest = false } : select);

    private CelType InferList(ListExpr list)
    {
        CelType? element = null;
        foreach (var item in Items(list.Elements))
        {
            var type = Infer(item);
            element = element is null ? type : TypeRelations.Join(element, type);
        }
        return ListOf(element ?? CelType.Dyn);
    }

    private CelType InferMap(MapExpr map)
    {
        CelType? key = null, value = null;
        foreach (var entry in Items(map.Entries))
        {
            if (entry is null)
            {
                continue;
            }
            var k = Infer(entry.Key);
            var v = Infer(entry.Value);
            key = key is null ? k : TypeRelations.Join(key, k);
            value = value is null ? v : TypeRelations.Join(value, v);
        }
        return MapOf(key ?? CelType.Dyn, value ?? CelType.Dyn);
    }

    private CelType InferMacro(MacroExpr macro)
    {
        var range = Infer(macro.Range);
        var twoVariables = macro.IterVar2 is not null;
        CelType first, second;
        switch (range)
        {
            case ListType list:
                (first, second) = twoVariables ? (CelType.Int, list.Element) : (list.Element, list.Element);
                break;
            case MapType map:
                (first, second) = (map.Key, map.Value);
                break;
            case var wildcard when TypeRelations.IsWildcard(wildcard):
                (first, second) = (wildcard, wildcard);
                break;
            default:
                Report(DiagnosticCodes.TypeMismatch, macro.Range?.Span ?? macro.Span, Messages.MacroRange(macro.Kind, range));
                (first, second) = (CelType.Error, CelType.Error);
                break;
        }

        var scopeDepth = _scope.Count;
        _scope.Add(KeyValuePair.Create(macro.IterVar ?? "", first));
        if (twoVariables)
        {
            _scope.Add(KeyValuePair.Create(macro.IterVar2!, second));
        }
        if (macro.Filter is not null)
        {
            RequireCondition(macro, macro.Filter);
        }
        var isPredicate = macro.Kind is MacroKind.All or MacroKind.Exists or MacroKind.ExistsOne or MacroKind.Filter;
        var step = isPredicate ? RequireCondition(macro, macro.Step) : Infer(macro.Step);
        _scope.RemoveRange(scopeDepth, _scope.Count - scopeDepth);

        return macro.Kind switch
        {
            MacroKind.Map or MacroKind.TransformList => ListOf(step),
            MacroKind.Filter => ListOf(first),
            MacroKind.TransformMap => MapOf(range is ListType ? CelType.Int : first, step),
            _ => CelType.Bool,
        };
    }

    private CelType RequireCondition(MacroExpr macro, Expr? condition)
    {
        var type = Infer(condition);
        if (!IsBoolLike(type))
        {
            Report(DiagnosticCodes.TypeMismatch, condition?.Span ?? macro.Span, Messages.MacroCondition(macro.Kind, type));
        }
        return type;
    }

    private CelType InferCall(CallExpr call)
    {
        var args = call.Args.IsDefault ? [] : call.Args;
        if (call.Target is null)
        {
            switch (call.Function)
            {
                case Operators.LogicalAnd or Operators.LogicalOr when args.Length == 2:
                    return InferLogical(call, args);
                case Operators.Conditional when args.Length == 3:
                    return InferConditional(call, args);
            }
        }

        var name = call.Function ?? "";
        var receiver = call.Target;
        if (receiver is not null && QualifiedName(receiver) is { } prefix)
        {
            // `phone.isValid(x)`: `phone` is no variable, so the call names the global function `phone.isValid`.
            var qualified = prefix + "." + name;
            // When neither `phone.isValdi` nor `startsWith` in `vlaue.startsWith(x)` exists, the whole dotted name
            // is the likelier slip (`emial.isValid`); otherwise the target is an undeclared value.
            if (_environment.Functions.ContainsKey(qualified) || IsNamespace(prefix) || !_environment.Functions.ContainsKey(name))
            {
                name = qualified;
                receiver = null;
            }
        }

        var count = args.Length + (receiver is null ? 0 : 1);
        var argTypes = new CelType[count];
        var at = 0;
        if (receiver is not null)
        {
            argTypes[at++] = Infer(receiver);
        }
        foreach (var arg in args)
        {
            argTypes[at++] = Infer(arg);
        }

        if (!_environment.Functions.TryGetValue(name, out var function))
        {
            Report(DiagnosticCodes.UnknownFunction, NameSpan(call), Operators.IsOperator(name)
                ? Messages.UndeclaredOperator(name)
                : Messages.UndeclaredFunction(name, Suggestions.Closest(name, _environment.Functions.Keys)));
            return CelType.Error;
        }
        _functions[call] = function;
        if (name == StandardLibrary.MatchesFunction && args.Length == (receiver is null ? 2 : 1))
        {
            CheckPatternLiteral(args[^1]);
        }
        else if (name == FormatFunction && receiver is not null && args.Length == 1)
        {
            CheckFormatLiteral(call, receiver, args[0]);
        }
        return ResolveOverload(call, name, function, receiver is not null, argTypes);
    }

    private CelType ResolveOverload(CallExpr call, string name, FunctionDecl function, bool receiverStyle, CelType[] argTypes)
    {
        var sameStyle = false;
        var sameArity = false;
        var matches = 0;
        FunctionOverload? matched = null;
        CelType? result = null;
        foreach (var overload in function.Overloads)
        {
            if (overload.IsReceiverStyle != receiverStyle)
            {
                continue;
            }
            sameStyle = true;
            if (overload.Parameters.Length != argTypes.Length)
            {
                continue;
            }
            sameArity = true;
            if (!Accepts(overload, argTypes))
            {
                continue;
            }
            var overloadResult = TypeRelations.Substitute(overload.Result, _bindings);
            result = result is null ? overloadResult : TypeRelations.Join(result, overloadResult);
            matched = overload;
            matches++;
        }

        if (result is not null)
        {
            if (matches == 1)
            {
                _overloads[call] = matched!;
            }
            return result;
        }
        var offset = receiverStyle ? 1 : 0;
        if (!sameStyle)
        {
            Report(DiagnosticCodes.WrongCallStyle, NameSpan(call), receiverStyle ? Messages.OnlyGlobal(name) : Messages.OnlyMethod(name));
        }
        else if (!sameArity)
        {
            Report(DiagnosticCodes.WrongArgumentCount, NameSpan(call), Messages.ArgumentCount(name, AcceptedCounts(function, receiverStyle), argTypes.Length - offset));
        }
        else if (!Array.Exists(argTypes, TypeRelations.IsError))
        {
            Report(DiagnosticCodes.TypeMismatch, NameSpan(call), MismatchMessage(call, name, function, receiverStyle, argTypes));
        }
        return CelType.Error;
    }

    private bool Accepts(FunctionOverload overload, CelType[] argTypes)
    {
        _bindings.Clear();
        for (var i = 0; i < argTypes.Length; i++)
        {
            if (!TypeRelations.IsAssignable(overload.Parameters[i], argTypes[i], _bindings))
            {
                return false;
            }
        }
        return true;
    }

    private static string MismatchMessage(CallExpr call, string name, FunctionDecl function, bool receiverStyle, CelType[] argTypes)
    {
        if (call.Function == Operators.Index && argTypes.Length == 2)
        {
            return Messages.IndexMismatch(argTypes[0], argTypes[1]);
        }
        if (Operators.IsOperator(name))
        {
            return Messages.OperatorMismatch(name, argTypes);
        }
        var candidates = new List<FunctionOverload>();
        foreach (var overload in function.Overloads)
        {
            if (overload.IsReceiverStyle == receiverStyle && overload.Parameters.Length == argTypes.Length)
            {
                candidates.Add(overload);
            }
        }
        return receiverStyle
            ? Messages.NoMatchingOverload(name, argTypes[0], argTypes[1..], candidates)
            : Messages.NoMatchingOverload(name, null, argTypes, candidates);
    }

    private static List<int> AcceptedCounts(FunctionDecl function, bool receiverStyle)
    {
        var counts = new List<int>();
        foreach (var overload in function.Overloads)
        {
            var count = overload.Parameters.Length - (receiverStyle ? 1 : 0);
            if (overload.IsReceiverStyle == receiverStyle && !counts.Contains(count))
            {
                counts.Add(count);
            }
        }
        counts.Sort();
        return counts;
    }

    private CelType InferLogical(CallExpr call, ImmutableArray<Expr> args)
    {
        var left = Infer(args[0]);
        var right = Infer(args[1]);
        if (_environment.Functions.TryGetValue(call.Function, out var function))
        {
            _functions[call] = function;
        }
        if (!(IsBoolLike(left) && IsBoolLike(right)) && !TypeRelations.IsError(left) && !TypeRelations.IsError(right))
        {
            Report(DiagnosticCodes.TypeMismatch, NameSpan(call), Messages.OperatorMismatch(call.Function, [left, right]));
        }
        return CelType.Bool;
    }

    private CelType InferConditional(CallExpr call, ImmutableArray<Expr> args)
    {
        var condition = Infer(args[0]);
        var whenTrue = Infer(args[1]);
        var whenFalse = Infer(args[2]);
        if (_environment.Functions.TryGetValue(call.Function, out var function))
        {
            _functions[call] = function;
        }
        if (!IsBoolLike(condition))
        {
            Report(DiagnosticCodes.TypeMismatch, args[0]?.Span ?? call.Span, Messages.ConditionNotBool(condition));
        }
        if (TypeRelations.AreCompatible(whenTrue, whenFalse))
        {
            return TypeRelations.Join(whenTrue, whenFalse);
        }
        if (!TypeRelations.IsError(whenTrue) && !TypeRelations.IsError(whenFalse))
        {
            Report(DiagnosticCodes.TypeMismatch, NameSpan(call), Messages.BranchMismatch(whenTrue, whenFalse));
        }
        return CelType.Error;
    }

    private void CheckPatternLiteral(Expr? pattern)
    {
        if (pattern is ConstantExpr { Value: string text } && RegexLiteralValidator.Problem(text) is { } problem)
        {
            Report(DiagnosticCodes.InvalidRegex, pattern.Span, Messages.InvalidRegex(text, problem));
        }
    }

    /// <summary>
    /// <c>'%d'.format([null])</c> fails whenever it runs: when the format and every argument are literals, run it
    /// now (as CEL's checker validates such calls) and report its error.
    /// </summary>
    private void CheckFormatLiteral(CallExpr call, Expr receiver, Expr? arguments)
    {
        if (receiver is not ConstantExpr { Value: string format } || arguments is not ListExpr { Elements: { IsDefault: false } elements })
        {
            return;
        }
        var values = new object[elements.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (elements[i] is not ConstantExpr { Value: { } value })
            {
                return;
            }
            values[i] = value;
        }
        if (StringFormat.Format(format, values) is CelError error)
        {
            Report(DiagnosticCodes.CallAlwaysFails, NameSpan(call), Messages.CallAlwaysFails(error.Message));
        }
    }

    /// <summary>
    /// The dotted name a call target spells when it is not a value (<c>phone</c> in <c>phone.isValid(x)</c>,
    /// <c>a.b</c> in <c>a.b.f(x)</c>), or null when it starts with a variable in scope.
    /// </summary>
    private string? QualifiedName(Expr target) => target switch
    {
        IdentExpr ident when ident.Name is not null && !TryLookup(ident.Name, out _) => ident.Name,
        SelectExpr { IsTest: false, Operand: { } operand, Field: { } field } when QualifiedName(operand) is { } prefix => prefix + "." + field,
        _ => null,
    };

    private bool IsNamespace(string prefix)
    {
        foreach (var name in _environment.Functions.Keys)
        {
            if (name.Length > prefix.Length && name[prefix.Length] == '.' && name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsBoolLike(CelType type) => type is PrimitiveType { Name: "bool" or "dyn" or "error" };

    // An aggregate with an unknown part is unknown as a whole, so no message ever shows a type like list(error).
    private static CelType ListOf(CelType element) => TypeRelations.IsError(element) ? CelType.Error : CelType.List(element);

    private static CelType MapOf(CelType key, CelType value) =>
        TypeRelations.IsError(key) || TypeRelations.IsError(value) ? CelType.Error : CelType.Map(key, value);

    private static ImmutableArray<T> Items<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;

    /// <summary>Just the operator, function or field name of <paramref name="node"/> when the source is known.</summary>
    private TextSpan NameSpan(Expr node) => _source is not null && IsNameable(node, _source) ? SourceSpans.NameOf(_source, node) : node.Span;

    // A tree built by hand may not match the source; finding a name then needs the parts it looks between.
    private static bool IsNameable(Expr node, string source) =>
        node.Span.Start >= 0 && node.Span.Length >= 0 && node.Span.End <= source.Length && node switch
        {
            SelectExpr select => select.IsTest || Within(node, select.Operand),
            CallExpr call => call.Function is not null && (call.Target is null || Within(node, call.Target))
                && (call.Args.IsDefaultOrEmpty || Within(node, call.Args[0])),
            MacroExpr macro => Within(node, macro.Range),
            _ => true,
        };

    private static bool Within(Expr parent, Expr? child) =>
        child is not null && child.Span.Start >= parent.Span.Start && child.Span.End <= parent.Span.End;

    private void Report(string code, TextSpan span, string message) => _diagnostics.Add(new ExpressionDiagnostic(DiagnosticStage.Check, span, message, code));
}
