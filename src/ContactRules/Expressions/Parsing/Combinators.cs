using Sprache;

namespace ContactRules.Expressions.Parsing;

/// <summary>
/// Sprache combinators for the hot paths. Sprache's own <c>Then</c>, <c>Select</c> and LINQ query syntax build
/// new parser delegates every time they run, which made a 70-character expression cost about 100 µs; these
/// build everything once, when the grammar is constructed, and allocate only results. The semantics match
/// Sprache's "X" variants: an element that fails after consuming input fails the whole.
/// </summary>
internal static class Combinators
{
    public static IResult<T> Fail<T, TFrom>(IResult<TFrom> failure) =>
        Result.Failure<T>(failure.Remainder, failure.Message, failure.Expectations);

    /// <summary>
    /// A parser defined later (for recursion). Sprache's <c>Parse.Ref</c> also detects left recursion by memoising
    /// every application on the input, which costs a dictionary per token; this grammar has no left recursion.
    /// </summary>
    public static Parser<T> Defer<T>(Func<Parser<T>?> reference)
    {
        Parser<T>? parser = null;
        return i => (parser ??= reference() ?? throw new InvalidOperationException("A deferred parser is used before it is defined."))(i);
    }

    /// <summary><paramref name="first"/> then <paramref name="second"/>.</summary>
    public static Parser<TResult> Then<T1, T2, TResult>(this Parser<T1> first, Parser<T2> second, Func<T1, T2, TResult> combine) => i =>
    {
        var a = first(i);
        if (!a.WasSuccessful)
        {
            return Fail<TResult, T1>(a);
        }
        var b = second(a.Remainder);
        return b.WasSuccessful ? Result.Success(combine(a.Value, b.Value), b.Remainder) : Fail<TResult, T2>(b);
    };

    /// <summary><paramref name="first"/>, <paramref name="second"/>, then <paramref name="third"/>.</summary>
    public static Parser<TResult> Then<T1, T2, T3, TResult>(
        this Parser<T1> first, Parser<T2> second, Parser<T3> third, Func<T1, T2, T3, TResult> combine) =>
        first.Then(second, (a, b) => (a, b)).Then(third, (ab, c) => combine(ab.a, ab.b, c));

    /// <summary><paramref name="skipped"/>, then <paramref name="parser"/>, whose result is the result (no new one is built).</summary>
    public static Parser<T> After<TSkipped, T>(this Parser<T> parser, Parser<TSkipped> skipped) => i =>
    {
        var s = skipped(i);
        return s.WasSuccessful ? parser(s.Remainder) : Fail<T, TSkipped>(s);
    };

    /// <summary>Maps a result without building a parser per application (Sprache's <c>Select</c> does).</summary>
    public static Parser<TResult> Map<T, TResult>(this Parser<T> parser, Func<T, TResult> map) => i =>
    {
        var r = parser(i);
        return r.WasSuccessful ? Result.Success(map(r.Value), r.Remainder) : Fail<TResult, T>(r);
    };

    /// <summary>Like <see cref="Map{T, TResult}(Parser{T}, Func{T, TResult})"/>, also given the input the parser started at.</summary>
    public static Parser<TResult> Map<T, TResult>(this Parser<T> parser, Func<T, IInput, TResult> map) => i =>
    {
        var r = parser(i);
        return r.WasSuccessful ? Result.Success(map(r.Value, i), r.Remainder) : Fail<TResult, T>(r);
    };

    /// <summary>
    /// <paramref name="head"/>, then <paramref name="tail"/> if <paramref name="startsTail"/> says the next input
    /// begins one: <paramref name="combine"/> gets the tail, or the head alone goes through.
    /// </summary>
    public static Parser<T> WithOptionalTail<T, TTail>(this Parser<T> head, Func<T, IInput, bool> startsTail, Parser<TTail> tail, Func<T, TTail, IInput, T> combine) => i =>
    {
        var h = head(i);
        if (!h.WasSuccessful || !startsTail(h.Value, h.Remainder))
        {
            return h;
        }
        var t = tail(h.Remainder);
        return t.WasSuccessful ? Result.Success(combine(h.Value, t.Value, h.Remainder), t.Remainder) : Fail<T, TTail>(t);
    };

    /// <summary>
    /// <c>op* operand</c>: the prefix operators are folded onto the operand by <paramref name="fold"/> (which gets
    /// them in source order); with none, the operand's result is returned as it is.
    /// </summary>
    public static Parser<T> Prefixed<TOp, T>(this Parser<TOp> op, Parser<T> operand, Func<List<TOp>, T, T> fold) => i =>
    {
        List<TOp>? ops = null;
        var at = i;
        while (true)
        {
            var o = op(at);
            if (!o.WasSuccessful)
            {
                break;
            }
            (ops ??= []).Add(o.Value);
            at = o.Remainder;
        }
        var r = operand(at);
        return ops is null || !r.WasSuccessful ? r : Result.Success(fold(ops, r.Value), r.Remainder);
    };

    /// <summary><paramref name="parser"/>, or <paramref name="fallback"/> without consuming anything if it fails (Sprache's <c>Optional</c> without the option object).</summary>
    public static Parser<T> Optional<T>(this Parser<T> parser, T fallback) => i =>
    {
        var r = parser(i);
        return r.WasSuccessful ? r : Result.Success(fallback, i);
    };

    /// <summary>
    /// Zero or more <paramref name="item"/>s; fails if an item fails after consuming input. (Sprache's XMany
    /// parses the failing item a second time, which nests into exponential time on deep broken input.)
    /// </summary>
    public static Parser<List<T>> Repeated<T>(this Parser<T> item) => i =>
    {
        var items = new List<T>();
        while (true)
        {
            var r = item(i);
            if (!r.WasSuccessful)
            {
                return r.Remainder.Equals(i) ? Result.Success(items, i) : Fail<List<T>, T>(r);
            }
            items.Add(r.Value);
            i = r.Remainder;
        }
    };

    /// <summary>
    /// <c>operand (operator operand)*</c> folded left by <paramref name="fold"/>, where <paramref name="startsOp"/> says
    /// whether an operator may start at an input, in a loop (Sprache's
    /// ChainOperator recurses once per operator, so a long chain would overflow the stack).
    /// </summary>
    public static Parser<T> ChainLeft<T, TOp>(this Parser<T> operand, Parser<TOp> op, Func<IInput, bool> startsOp, Func<T, TOp, T, T> fold) => i =>
    {
        var left = operand(i);
        if (!left.WasSuccessful)
        {
            return left;
        }
        var value = left.Value;
        var at = left.Remainder;
        while (true)
        {
            // Peeking first spares a failure result per precedence level and operand, the common case.
            var o = startsOp(at) ? op(at) : null;
            if (o is null || !o.WasSuccessful)
            {
                // Without an operator the operand's own result serves: one allocation less per precedence level.
                return ReferenceEquals(at, left.Remainder) ? left : Result.Success(value, at);
            }
            var right = operand(o.Remainder);
            if (!right.WasSuccessful)
            {
                return right;
            }
            value = fold(value, o.Value, right.Value);
            at = right.Remainder;
        }
    };

    /// <summary><c>operand postfix*</c>, each postfix folded onto what precedes it.</summary>
    public static Parser<T> Postfixed<T, TPost>(this Parser<T> operand, Parser<TPost> postfix, Func<T, TPost, IInput, T> fold) => i =>
    {
        var first = operand(i);
        if (!first.WasSuccessful)
        {
            return first;
        }
        var value = first.Value;
        var at = first.Remainder;
        while (true)
        {
            var p = postfix(at);
            if (!p.WasSuccessful)
            {
                if (!p.Remainder.Equals(at))
                {
                    return Fail<T, TPost>(p);
                }
                return ReferenceEquals(at, first.Remainder) ? first : Result.Success(value, at);
            }
            value = fold(value, p.Value, at);
            at = p.Remainder;
        }
    };

    /// <summary>A run of characters satisfying <paramref name="predicate"/>, at least <paramref name="min"/> long.</summary>
    public static Parser<string> Run(Func<char, bool> predicate, string expected, int min = 1)
    {
        string[] expectations = [expected];
        return i =>
        {
            var length = RunLength(i, predicate);
            return length >= min
                ? Result.Success(i.Source.Substring(i.Position, length), ((CharInput)i).Skip(length))
                : Result.Failure<string>(i, expected, expectations);
        };
    }

    /// <summary>Like <see cref="Run"/>, but only skips the characters.</summary>
    public static Parser<int> Skip(Func<char, bool> predicate, string expected, int min = 1)
    {
        string[] expectations = [expected];
        return i =>
        {
            var length = RunLength(i, predicate);
            return length >= min
                ? Result.Success(length, ((CharInput)i).Skip(length))
                : Result.Failure<int>(i, expected, expectations);
        };
    }

    private static int RunLength(IInput i, Func<char, bool> predicate)
    {
        var source = i.Source;
        var end = i.Position;
        while (end < source.Length && predicate(source[end]))
        {
            end++;
        }
        return end - i.Position;
    }

    /// <summary>Exactly <paramref name="text"/>.</summary>
    public static Parser<string> Literal(string text)
    {
        string[] expectations = [Text.Messages.Quote(text)];
        return i => i.Position + text.Length <= i.Source.Length && string.CompareOrdinal(i.Source, i.Position, text, 0, text.Length) == 0
            ? Result.Success(text, ((CharInput)i).Skip(text.Length))
            : Result.Failure<string>(i, text, expectations);
    }

    /// <summary>Zero or more <paramref name="part"/>s, skipped.</summary>
    public static Parser<int> SkipMany<T>(Parser<T> part) => i =>
    {
        var at = i;
        while (true)
        {
            var r = part(at);
            if (!r.WasSuccessful || r.Remainder.Position == at.Position)
            {
                return Result.Success(at.Position - i.Position, at);
            }
            at = r.Remainder;
        }
    };
}
