using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;
using ContactRules.Text;

namespace ContactRules.Expressions.Compilation;

/// <summary>Compiles a (checked) expression to closures, once; the result evaluates many times, from any thread.</summary>
internal static class Compiler
{
    public static CelProgram Compile(string source, Expr expression, CelEnvironment environment, CheckResult? check)
    {
        var fast = new ClosureCompiler(environment, check, traced: false);
        var root = fast.Compile(expression);
        return new CelProgram(source, expression, environment.Limits, root, fast.LocalCount, () =>
        {
            var traced = new ClosureCompiler(environment, check, traced: true);
            return (traced.Compile(expression), traced.LocalCount);
        });
    }
}

/// <summary>A compiled node: evaluates its expression in a context.</summary>
internal delegate object Node(EvaluationContext context);

/// <summary>
/// Turns an expression into a tree of closures. Names are resolved here, once: variables to slots,
/// comprehension variables to local slots (innermost first, so shadowing works), calls to overloads.
/// </summary>
internal sealed class ClosureCompiler(CelEnvironment environment, CheckResult? check, bool traced)
{
    private readonly List<string> _scope = [];

    public int LocalCount { get; private set; }

    /// <summary>Deeper trees are refused rather than risk overflowing the stack while compiling or evaluating.</summary>
    private const int MaxDepth = 600;

    private int _depth;

    public Node Compile(Expr expr)
    {
        if (_depth >= MaxDepth)
        {
            return Constant(new CelError(Messages.EvaluationTooDeep));
        }
        _depth++;
        var node = CompileUntraced(expr);
        _depth--;
        if (!traced || expr is ConstantExpr)
        {
            return node;
        }
        return ctx =>
        {
            var value = node(ctx);
            ctx.Trace!.Add(new TracedValue(expr, value));
            return value;
        };
    }

    private Node CompileUntraced(Expr expr) => expr switch
    {
        ConstantExpr c => Constant(Normalize(c.Value)),
        IdentExpr i => CompileIdent(i),
        SelectExpr s => CompileSelect(s),
        CallExpr c => CompileCall(c),
        ListExpr l => CompileList(l),
        MapExpr m => CompileMap(m),
        MacroExpr m => CompileMacro(m),
        _ => Constant(new CelError(Messages.InternalError("no compiler for " + expr.GetType().Name))),
    };

    private static Node Constant(object value) => _ => value;

    private static object Normalize(object? value) => value switch
    {
        null => CelNull.Value,
        bool b => CelValues.Bool(b),
        long l => CelValues.Int(l),
        int i => CelValues.Int(i),
        _ => value,
    };

    private Node CompileIdent(IdentExpr ident)
    {
        var local = _scope.LastIndexOf(ident.Name);
        if (local >= 0)
        {
            return ctx => ctx.Locals[local]!;
        }
        var slot = environment.SlotOf(ident.Name);
        if (slot >= 0)
        {
            var unbound = new CelError(Messages.UnboundVariable(ident.Name));
            return ctx => ctx.Variables[slot] ?? unbound;
        }
        return Constant(new CelError(Messages.UndeclaredReference(ident.Name)));
    }

    /// <summary>The dotted name an identifier or a chain of field selections spells, if it is not a comprehension variable.</summary>
    private string? QualifiedName(Expr expr) => expr switch
    {
        IdentExpr i when !_scope.Contains(i.Name) => i.Name,
        SelectExpr { IsTest: false } s when QualifiedName(s.Operand) is { } prefix => prefix + "." + s.Field,
        _ => null,
    };

    private Node CompileSelect(SelectExpr select)
    {
        if (!select.IsTest && QualifiedName(select) is { } name && environment.SlotOf(name) is var slot && slot >= 0)
        {
            var unbound = new CelError(Messages.UnboundVariable(name));
            return ctx => ctx.Variables[slot] ?? unbound;
        }
        var operand = Compile(select.Operand);
        var field = select.Field;
        var missing = new CelError(Messages.NoSuchKey(CelLiteral.Quote(field)));
        if (select.IsTest)
        {
            return ctx => operand(ctx) switch
            {
                CelMap m => CelValues.Bool(m.ContainsKey(field)),
                CelError e => e,
                var v => new CelError(Messages.NoFieldSelection(CelValues.TypeName(v), field)),
            };
        }
        return ctx => operand(ctx) switch
        {
            CelMap m => m.TryGetValue(field, out var value) ? value : missing,
            CelError e => e,
            var v => new CelError(Messages.NoFieldSelection(CelValues.TypeName(v), field)),
        };
    }

    private Node CompileList(ListExpr list)
    {
        if (list.Elements.All(e => e is ConstantExpr))
        {
            object[] constant = [.. list.Elements.Select(e => Normalize(((ConstantExpr)e).Value))];
            return Constant(constant);
        }
        var elements = list.Elements.Select(Compile).ToArray();
        return ctx =>
        {
            if (!ctx.SpendOnSize(elements.Length))
            {
                return Budget();
            }
            var result = new object[elements.Length];
            return EvaluateAll(elements, ctx, result) ?? result;
        };
    }

    private Node CompileMap(MapExpr map)
    {
        var keys = map.Entries.Select(e => Compile(e.Key)).ToArray();
        var values = map.Entries.Select(e => Compile(e.Value)).ToArray();
        Node node = ctx =>
        {
            if (!ctx.SpendOnSize(keys.Length))
            {
                return Budget();
            }
            var entries = new KeyValuePair<object, object>[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                var k = keys[i](ctx);
                if (k is CelError)
                {
                    return k;
                }
                if (k is not (string or long or bool or double))
                {
                    return new CelError(Messages.UnsupportedMapKey(CelValues.TypeName(k)));
                }
                var v = values[i](ctx);
                if (v is CelError)
                {
                    return v;
                }
                entries[i] = KeyValuePair.Create(k, v);
            }
            return CelMap.TryCreate(entries, out var result, out var duplicate)
                ? result
                : new CelError(Messages.DuplicateMapKey(CelLiteral.Format(duplicate)));
        };
        if (map.Entries.All(e => e.Key is ConstantExpr && e.Value is ConstantExpr))
        {
            // A literal map is built once; it is immutable, so evaluations can share it.
            return Constant(node(new EvaluationContext([], 0, EvaluationLimits.Default, null)));
        }
        return node;
    }

    private static CelError Budget() => new(Messages.BudgetExceeded);

    // ---- calls ----

    private Node CompileCall(CallExpr call)
    {
        switch (call.Function)
        {
            case Operators.LogicalAnd when call.Args.Length == 2:
                return CompileLogical(call, absorbing: false);
            case Operators.LogicalOr when call.Args.Length == 2:
                return CompileLogical(call, absorbing: true);
            case Operators.Conditional when call.Args.Length == 3:
                return CompileConditional(call);
        }
        var (decl, receiver) = Resolve(call);
        if (decl is null)
        {
            return Constant(new CelError(Messages.UnknownFunction(call.Target is null ? call.Function : "." + call.Function)));
        }
        var argExprs = receiver ? [call.Target!, .. call.Args] : call.Args;
        var args = argExprs.Select(Compile).ToArray();
        if (decl.Name == StandardLibrary.MatchesFunction && CompileLiteralMatches(argExprs, args) is { } matches)
        {
            return matches;
        }
        // The checker's choice when it found exactly one; it is still confirmed against the runtime kinds
        // (an argument typed dyn may hold anything).
        var overloads = check is not null && check.Overloads.TryGetValue(call, out var chosen) ? [chosen] : decl.Overloads;
        var candidates = overloads
            .Where(o => o.IsReceiverStyle == receiver && o.Parameters.Length == args.Length)
            .Where(o => o.Parameters.Select(ValueKinds.Of).Zip(argExprs, (p, a) => ValueKinds.Compatible(p, StaticKind(a))).All(ok => ok))
            .Select(o => new Candidate(o))
            .ToArray();
        var node = Dispatch(call.Function, candidates, args);
        return ProducesCollections(decl.Name) ? CheckSize(node) : node;
    }

    /// <summary>The function a call names, and whether its target is a receiver argument (not a namespace).</summary>
    private (FunctionDecl? Decl, bool Receiver) Resolve(CallExpr call)
    {
        if (check is not null && check.Functions.TryGetValue(call, out var resolved))
        {
            var namespaced = call.Target is not null && !string.Equals(resolved.Name, call.Function, StringComparison.Ordinal);
            return (resolved, call.Target is not null && !namespaced);
        }
        if (call.Target is not null && QualifiedName(call.Target) is { } prefix
            && environment.SlotOf(prefix) < 0
            && environment.Functions.TryGetValue(prefix + "." + call.Function, out var global))
        {
            return (global, false);
        }
        return (environment.Functions.GetValueOrDefault(call.Function), call.Target is not null);
    }

    private ValueKind StaticKind(Expr expr)
    {
        if (check is not null && check.Types.TryGetValue(expr, out var type))
        {
            return ValueKinds.Of(type);
        }
        return expr switch
        {
            ConstantExpr c => ValueKinds.OfValue(Normalize(c.Value)),
            ListExpr => ValueKind.List,
            MapExpr => ValueKind.Map,
            _ => ValueKind.Any,
        };
    }

    private static bool ProducesCollections(string function) =>
        function is Operators.Add || StringExtensions.ProducesLargeResults(function);

    /// <summary>Caps the size of strings and lists a function builds, spending budget for their length.</summary>
    private static Node CheckSize(Node node) => ctx =>
    {
        var v = node(ctx);
        var size = v switch
        {
            string s => s.Length,
            IReadOnlyList<object> l => l.Count,
            _ => 0,
        };
        return size == 0 || ctx.SpendOnSize(size) ? v : Budget();
    };

    /// <summary><c>s.matches('literal')</c>: the pattern is compiled once, here, not per evaluation.</summary>
    private static Node? CompileLiteralMatches(ImmutableArray<Expr> argExprs, Node[] args)
    {
        if (args.Length != 2 || argExprs[1] is not ConstantExpr { Value: string pattern })
        {
            return null;
        }
        var compiled = CelRegex.Compile(pattern);
        if (compiled is not Regex regex)
        {
            return Constant(compiled);
        }
        var target = args[0];
        return ctx => target(ctx) switch
        {
            string s => CelValues.Bool(regex.IsMatch(s)),
            CelError e => e,
            var v => NoOverload(StandardLibrary.MatchesFunction, v, pattern),
        };
    }

    private static CelError NoOverload(string function, params object[] args) =>
        new(Messages.NoSuchOverload(function, [.. args.Select(CelValues.TypeName)]));

    private static Node Dispatch(string function, Candidate[] candidates, Node[] args)
    {
        if (candidates.Length == 1 && candidates[0].Overload.Contextual is { } contextual)
        {
            return DispatchContextual(function, candidates[0], contextual, args);
        }
        switch (args.Length)
        {
            case 1:
                {
                    var a0 = args[0];
                    if (candidates.Length == 1)
                    {
                        var only = candidates[0];
                        var impl = only.Overload.Unary!;
                        var k0 = only.Kinds[0];
                        return ctx =>
                        {
                            var x = a0(ctx);
                            return x is CelError ? x : ValueKinds.Matches(k0, x) ? impl(x) : NoOverload(function, x);
                        };
                    }
                    return ctx =>
                    {
                        var x = a0(ctx);
                        if (x is CelError)
                        {
                            return x;
                        }
                        foreach (var c in candidates)
                        {
                            if (ValueKinds.Matches(c.Kinds[0], x))
                            {
                                return c.Overload.Unary!(x);
                            }
                        }
                        return NoOverload(function, x);
                    };
                }
            case 2:
                {
                    var a0 = args[0];
                    var a1 = args[1];
                    if (candidates.Length == 1)
                    {
                        var only = candidates[0];
                        var impl = only.Overload.Binary!;
                        var k0 = only.Kinds[0];
                        var k1 = only.Kinds[1];
                        return ctx =>
                        {
                            var x = a0(ctx);
                            if (x is CelError)
                            {
                                return x;
                            }
                            var y = a1(ctx);
                            if (y is CelError)
                            {
                                return y;
                            }
                            return ValueKinds.Matches(k0, x) && ValueKinds.Matches(k1, y) ? impl(x, y) : NoOverload(function, x, y);
                        };
                    }
                    return ctx =>
                    {
                        var x = a0(ctx);
                        if (x is CelError)
                        {
                            return x;
                        }
                        var y = a1(ctx);
                        if (y is CelError)
                        {
                            return y;
                        }
                        foreach (var c in candidates)
                        {
                            if (ValueKinds.Matches(c.Kinds[0], x) && ValueKinds.Matches(c.Kinds[1], y))
                            {
                                return c.Overload.Binary!(x, y);
                            }
                        }
                        return NoOverload(function, x, y);
                    };
                }
            default:
                return ctx =>
                {
                    var values = new object[args.Length];
                    if (EvaluateAll(args, ctx, values) is { } error)
                    {
                        return error;
                    }
                    foreach (var c in candidates)
                    {
                        if (c.Accepts(values))
                        {
                            return c.Overload.Nary!(values);
                        }
                    }
                    return NoOverload(function, values);
                };
        }
    }

    private static Node DispatchContextual(string function, Candidate only, Func<object?, object[], object> impl, Node[] args) => ctx =>
    {
        var values = new object[args.Length];
        if (EvaluateAll(args, ctx, values) is { } error)
        {
            return error;
        }
        return only.Accepts(values) ? impl(ctx.Context, values) : NoOverload(function, values);
    };

    /// <summary>Evaluates <paramref name="nodes"/> left to right into <paramref name="values"/>; the first error, or null.</summary>
    private static object? EvaluateAll(Node[] nodes, EvaluationContext ctx, object[] values)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            var v = nodes[i](ctx);
            if (v is CelError)
            {
                return v;
            }
            values[i] = v;
        }
        return null;
    }

    /// <summary>An overload with its parameters' runtime kinds, precomputed so dispatch is a few type tests.</summary>
    private sealed class Candidate(FunctionOverload overload)
    {
        public FunctionOverload Overload { get; } = overload;

        public ValueKind[] Kinds { get; } = [.. overload.Parameters.Select(ValueKinds.Of)];

        public bool Accepts(object[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (!ValueKinds.Matches(Kinds[i], values[i]))
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>
    /// <c>&amp;&amp;</c> and <c>||</c>: the right side is skipped when the left decides; an error or a non-bool on
    /// one side is absorbed when the other side decides (both orders), as CEL's commutative logic requires.
    /// </summary>
    private Node CompileLogical(CallExpr call, bool absorbing)
    {
        var left = Compile(call.Args[0]);
        var right = Compile(call.Args[1]);
        var deciding = CelValues.Bool(absorbing);
        var function = call.Function;
        return ctx =>
        {
            var l = left(ctx);
            if (l is bool lb && lb == absorbing)
            {
                return deciding;
            }
            var r = right(ctx);
            if (r is bool rb)
            {
                if (rb == absorbing)
                {
                    return deciding;
                }
                if (l is bool)
                {
                    return CelValues.Bool(!absorbing);
                }
            }
            return l is CelError ? l : r is CelError ? r : NoOverload(function, l, r);
        };
    }

    private Node CompileConditional(CallExpr call)
    {
        var condition = Compile(call.Args[0]);
        var then = Compile(call.Args[1]);
        var otherwise = Compile(call.Args[2]);
        return ctx => condition(ctx) switch
        {
            bool b => b ? then(ctx) : otherwise(ctx),
            CelError e => e,
            var v => NoOverload(Operators.Conditional, v),
        };
    }

    // ---- comprehensions ----

    private Node CompileMacro(MacroExpr macro)
    {
        var range = Compile(macro.Range);
        var first = Push(macro.IterVar);
        var second = macro.IterVar2 is null ? -1 : Push(macro.IterVar2);
        var filter = macro.Filter is null ? null : Compile(macro.Filter);
        var step = Compile(macro.Step);
        _scope.RemoveRange(first, _scope.Count - first);
        var loop = new Comprehension(macro.Kind, first, second, filter, step);
        return ctx => loop.Run(ctx, range(ctx));
    }

    private int Push(string name)
    {
        _scope.Add(name);
        LocalCount = Math.Max(LocalCount, _scope.Count);
        return _scope.Count - 1;
    }
}
