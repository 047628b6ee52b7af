using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Runtime;
using ContactRules.Text;

namespace ContactRules.Expressions.Compilation;

/// <summary>
/// The loop of a comprehension macro. Its variables live in the evaluation context's local slots. Each
/// iteration spends a step, so nested macros over big lists end in "evaluation budget exceeded", not a hang.
/// <c>all</c> and <c>exists</c> absorb errors the way CEL's expansion with <c>&amp;&amp;</c> and <c>||</c> does:
/// a deciding element wins over an error seen elsewhere.
/// </summary>
internal sealed class Comprehension(MacroKind kind, int first, int second, Node? filter, Node step)
{
    private static readonly CelError BudgetError = new(Messages.BudgetExceeded);

    public object Run(EvaluationContext ctx, object range)
    {
        if (!Elements(range, second >= 0, out var firsts, out var seconds, out var error))
        {
            return error;
        }
        return kind switch
        {
            MacroKind.All => Quantify(ctx, firsts, seconds, decisive: false),
            MacroKind.Exists => Quantify(ctx, firsts, seconds, decisive: true),
            MacroKind.ExistsOne => ExistsOne(ctx, firsts, seconds),
            MacroKind.TransformMap => TransformMap(ctx, firsts, seconds),
            _ => Collect(ctx, firsts, seconds),
        };
    }

    /// <summary>What a range iterates: list elements (or indices and elements), map keys (or keys and values).</summary>
    private static bool Elements(object range, bool twoVariables, out IReadOnlyList<object> firsts, out IReadOnlyList<object>? seconds, out object error)
    {
        error = BudgetError;
        seconds = null;
        switch (range)
        {
            case CelMap map:
                firsts = [.. map.Keys];
                if (twoVariables)
                {
                    seconds = [.. map.Values];
                }
                return true;
            case IReadOnlyList<object> list when twoVariables:
                var indices = new object[list.Count];
                for (var i = 0; i < indices.Length; i++)
                {
                    indices[i] = CelValues.Int(i);
                }
                firsts = indices;
                seconds = list;
                return true;
            case IReadOnlyList<object> list:
                firsts = list;
                return true;
            default:
                firsts = [];
                error = range is CelError ? range : new CelError(Messages.NotIterable(CelValues.TypeName(range)));
                return false;
        }
    }

    private bool Enter(EvaluationContext ctx, IReadOnlyList<object> firsts, IReadOnlyList<object>? seconds, int i)
    {
        ctx.Locals[first] = firsts[i];
        if (seconds is not null)
        {
            ctx.Locals[second] = seconds[i];
        }
        return ctx.Spend(1);
    }

    private object Quantify(EvaluationContext ctx, IReadOnlyList<object> firsts, IReadOnlyList<object>? seconds, bool decisive)
    {
        object? error = null;
        for (var i = 0; i < firsts.Count; i++)
        {
            if (!Enter(ctx, firsts, seconds, i))
            {
                return BudgetError;
            }
            var v = step(ctx);
            if (v is bool b)
            {
                if (b == decisive)
                {
                    return CelValues.Bool(decisive);
                }
            }
            else
            {
                error ??= v is CelError ? v : new CelError(Messages.NoSuchOverload(decisive ? Operators.LogicalOr : Operators.LogicalAnd, ["bool", CelValues.TypeName(v)]));
            }
        }
        return error ?? CelValues.Bool(!decisive);
    }

    private object ExistsOne(EvaluationContext ctx, IReadOnlyList<object> firsts, IReadOnlyList<object>? seconds)
    {
        var count = 0;
        for (var i = 0; i < firsts.Count; i++)
        {
            if (!Enter(ctx, firsts, seconds, i))
            {
                return BudgetError;
            }
            switch (step(ctx))
            {
                case true:
                    count++;
                    break;
                case false:
                    break;
                case CelError e:
                    return e;
                case var v:
                    return new CelError(Messages.NoSuchOverload(Operators.Conditional, [CelValues.TypeName(v)]));
            }
        }
        return CelValues.Bool(count == 1);
    }

    /// <summary>Evaluates the filter of <c>map(x, p, t)</c>, <c>transformList</c>, <c>transformMap</c>: true, false or an error.</summary>
    private static object Test(EvaluationContext ctx, Node predicate) => predicate(ctx) switch
    {
        bool b => CelValues.Bool(b),
        CelError e => e,
        var v => new CelError(Messages.NoSuchOverload(Operators.Conditional, [CelValues.TypeName(v)])),
    };

    /// <summary><c>map</c>, <c>filter</c> and <c>transformList</c>: a new list.</summary>
    private object Collect(EvaluationContext ctx, IReadOnlyList<object> firsts, IReadOnlyList<object>? seconds)
    {
        var result = new List<object>();
        for (var i = 0; i < firsts.Count; i++)
        {
            if (!Enter(ctx, firsts, seconds, i))
            {
                return BudgetError;
            }
            if (kind == MacroKind.Filter)
            {
                switch (Test(ctx, step))
                {
                    case CelError e:
                        return e;
                    case true:
                        result.Add(seconds is null ? firsts[i] : seconds[i]);
                        break;
                }
                continue;
            }
            if (filter is not null)
            {
                var keep = Test(ctx, filter);
                if (keep is CelError)
                {
                    return keep;
                }
                if (keep is false)
                {
                    continue;
                }
            }
            var v = step(ctx);
            if (v is CelError)
            {
                return v;
            }
            result.Add(v);
            if (result.Count > ctx.MaxCollectionSize)
            {
                return BudgetError;
            }
        }
        return result.ToArray();
    }

    private object TransformMap(EvaluationContext ctx, IReadOnlyList<object> firsts, IReadOnlyList<object>? seconds)
    {
        var entries = new List<KeyValuePair<object, object>>();
        for (var i = 0; i < firsts.Count; i++)
        {
            if (!Enter(ctx, firsts, seconds, i))
            {
                return BudgetError;
            }
            if (filter is not null)
            {
                var keep = Test(ctx, filter);
                if (keep is CelError)
                {
                    return keep;
                }
                if (keep is false)
                {
                    continue;
                }
            }
            var v = step(ctx);
            if (v is CelError)
            {
                return v;
            }
            entries.Add(KeyValuePair.Create(firsts[i], v));
        }
        return CelMap.TryCreate(entries, out var map, out var duplicate)
            ? map
            : new CelError(Messages.DuplicateMapKey(CelLiteral.Format(duplicate)));
    }
}
