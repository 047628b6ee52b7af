using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ContactRules.Expressions.Ast;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Tests.Expressions.Checking;

/// <summary>
/// A small CEL parser for the checker's tests while the real one (branch <c>parser</c>) is being written:
/// enough syntax for the case files and the conformance expressions, spans as the AST contract says.
/// Returns null for anything it does not understand.
/// </summary>
internal sealed class TestParser
{
    private static readonly Dictionary<string, MacroKind> Macros = new(StringComparer.Ordinal)
    {
        ["all"] = MacroKind.All,
        ["exists"] = MacroKind.Exists,
        ["exists_one"] = MacroKind.ExistsOne,
        ["existsOne"] = MacroKind.ExistsOne,
        ["map"] = MacroKind.Map,
        ["filter"] = MacroKind.Filter,
        ["transformList"] = MacroKind.TransformList,
        ["transformMap"] = MacroKind.TransformMap,
    };

    private readonly string _s;
    private int _p;

    private TestParser(string source) => _s = source;

    public static Expr? Parse(string source)
    {
        var parser = new TestParser(source);
        try
        {
            var e = parser.Conditional();
            parser.Skip();
            return parser._p == source.Length ? e : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private Expr Conditional()
    {
        var c = Binary(0);
        if (!Eat("?"))
        {
            return c;
        }
        var a = Conditional();
        Expect(":");
        var b = Conditional();
        return new CallExpr(c.Span.Union(b.Span), null, Operators.Conditional, [c, a, b]);
    }

    private static readonly string[][] Levels =
    [
        ["||"],
        ["&&"],
        ["==", "!=", "<=", ">=", "<", ">", "in"],
        ["+", "-"],
        ["*", "/", "%"],
    ];

    private static readonly Dictionary<string, string> BinaryNames = new(StringComparer.Ordinal)
    {
        ["||"] = Operators.LogicalOr, ["&&"] = Operators.LogicalAnd, ["=="] = Operators.Equal, ["!="] = Operators.NotEquals,
        ["<"] = Operators.Less, ["<="] = Operators.LessOrEqual, [">"] = Operators.Greater, [">="] = Operators.GreaterOrEqual,
        ["in"] = Operators.In, ["+"] = Operators.Add, ["-"] = Operators.Subtract, ["*"] = Operators.Multiply,
        ["/"] = Operators.Divide, ["%"] = Operators.Modulo,
    };

    private Expr Binary(int level)
    {
        if (level == Levels.Length)
        {
            return Unary();
        }
        var left = Binary(level + 1);
        while (true)
        {
            Skip();
            var op = Array.Find(Levels[level], o => _s.AsSpan(_p).StartsWith(o, StringComparison.Ordinal)
                && !(o == "in" && _p + 2 < _s.Length && IsIdent(_s[_p + 2])));
            if (op is null)
            {
                return left;
            }
            _p += op.Length;
            var right = Binary(level + 1);
            left = new CallExpr(left.Span.Union(right.Span), null, BinaryNames[op], [left, right]);
        }
    }

    private Expr Unary()
    {
        Skip();
        var start = _p;
        if (Eat("!"))
        {
            var operand = Unary();
            return new CallExpr(new TextSpan(start, operand.Span.End - start), null, Operators.LogicalNot, [operand]);
        }
        if (Peek('-') && !(_p + 1 < _s.Length && char.IsAsciiDigit(_s[_p + 1])))
        {
            _p++;
            var operand = Unary();
            return new CallExpr(new TextSpan(start, operand.Span.End - start), null, Operators.Negate, [operand]);
        }
        return Member();
    }

    private Expr Member()
    {
        var e = Primary();
        while (true)
        {
            Skip();
            if (Eat("."))
            {
                var name = Identifier();
                Skip();
                if (Peek('('))
                {
                    var args = Arguments(')');
                    var span = new TextSpan(e.Span.Start, _p - e.Span.Start);
                    e = Macros.TryGetValue(name, out var kind) && MakeMacro(span, kind, e, args) is { } macro
                        ? macro
                        : new CallExpr(span, e, name, args);
                }
                else
                {
                    e = new SelectExpr(new TextSpan(e.Span.Start, _p - e.Span.Start), e, name);
                }
            }
            else if (Eat("["))
            {
                var index = Conditional();
                Expect("]");
                e = new CallExpr(new TextSpan(e.Span.Start, _p - e.Span.Start), null, Operators.Index, [e, index]);
            }
            else
            {
                return e;
            }
        }
    }

    private static MacroExpr? MakeMacro(TextSpan span, MacroKind kind, Expr range, ImmutableArray<Expr> args)
    {
        string? Var(int i) => args[i] is IdentExpr id ? id.Name : null;
        var twoVariableKind = kind is MacroKind.TransformList or MacroKind.TransformMap;
        return (kind, args.Length) switch
        {
            (MacroKind.Map, 3) when Var(0) is { } v => new MacroExpr(span, kind, range, v, null, args[1], args[2]),
            (MacroKind.TransformList or MacroKind.TransformMap, 4) when Var(0) is { } v && Var(1) is { } w =>
                new MacroExpr(span, kind, range, v, w, args[2], args[3]),
            (_, 3) when (twoVariableKind || kind is MacroKind.All or MacroKind.Exists or MacroKind.ExistsOne) && Var(0) is { } v && Var(1) is { } w =>
                new MacroExpr(span, kind, range, v, w, null, args[2]),
            (_, 2) when !twoVariableKind && Var(0) is { } v => new MacroExpr(span, kind, range, v, null, null, args[1]),
            _ => null,
        };
    }

    private Expr Primary()
    {
        Skip();
        var start = _p;
        if (_p >= _s.Length)
        {
            throw new FormatException();
        }
        var c = _s[_p];
        if (Eat("("))
        {
            var inner = Conditional();
            Expect(")");
            return inner;
        }
        if (Eat("["))
        {
            var items = Arguments(']', opened: true);
            return new ListExpr(new TextSpan(start, _p - start), items);
        }
        if (Eat("{"))
        {
            var entries = ImmutableArray.CreateBuilder<MapEntry>();
            Skip();
            while (!Eat("}"))
            {
                var k = Conditional();
                Expect(":");
                var v = Conditional();
                entries.Add(new MapEntry(k.Span.Union(v.Span), k, v));
                Skip();
                if (!Eat(","))
                {
                    Expect("}");
                    break;
                }
            }
            return new MapExpr(new TextSpan(start, _p - start), entries.ToImmutable());
        }
        if (char.IsAsciiDigit(c) || c == '-' || (c == '.' && _p + 1 < _s.Length && char.IsAsciiDigit(_s[_p + 1])))
        {
            return Number();
        }
        if (c is '\'' or '"' || ((c is 'r' or 'R') && _p + 1 < _s.Length && _s[_p + 1] is '\'' or '"'))
        {
            return StringLiteral();
        }
        if (IsIdent(c) && !char.IsAsciiDigit(c))
        {
            var name = Identifier();
            var span = new TextSpan(start, _p - start);
            switch (name)
            {
                case "true": return new ConstantExpr(span, true);
                case "false": return new ConstantExpr(span, false);
                case "null": return new ConstantExpr(span, CelNull.Value);
            }
            Skip();
            if (!Peek('('))
            {
                return new IdentExpr(span, name);
            }
            var args = Arguments(')');
            var callSpan = new TextSpan(start, _p - start);
            if (name == "has" && args.Length == 1 && args[0] is SelectExpr select)
            {
                return new SelectExpr(callSpan, select.Operand, select.Field, IsTest: true);
            }
            return new CallExpr(callSpan, null, name, args);
        }
        throw new FormatException();
    }

    private ImmutableArray<Expr> Arguments(char close, bool opened = false)
    {
        if (!opened)
        {
            _p++;
        }
        var items = ImmutableArray.CreateBuilder<Expr>();
        Skip();
        if (Eat(close.ToString()))
        {
            return items.ToImmutable();
        }
        while (true)
        {
            items.Add(Conditional());
            Skip();
            if (Eat(","))
            {
                Skip();
                if (Eat(close.ToString()))
                {
                    return items.ToImmutable();
                }
                continue;
            }
            Expect(close.ToString());
            return items.ToImmutable();
        }
    }

    private ConstantExpr Number()
    {
        var start = _p;
        if (Peek('-'))
        {
            _p++;
        }
        if (_s.AsSpan(_p).StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            _p += 2;
            var hexStart = _p;
            while (_p < _s.Length && char.IsAsciiHexDigit(_s[_p]))
            {
                _p++;
            }
            var magnitude = long.Parse(_s[hexStart.._p], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (_p < _s.Length && _s[_p] is 'u' or 'U')
            {
                throw new FormatException();
            }
            return new ConstantExpr(new TextSpan(start, _p - start), _s[start] == '-' ? -magnitude : magnitude);
        }
        var isDouble = false;
        while (_p < _s.Length && (char.IsAsciiDigit(_s[_p]) || _s[_p] is 'e' or 'E'
            || (_s[_p] == '.' && _p + 1 < _s.Length && char.IsAsciiDigit(_s[_p + 1]))
            || (_s[_p] is '+' or '-' && _s[_p - 1] is 'e' or 'E')))
        {
            isDouble |= _s[_p] is '.' or 'e' or 'E';
            _p++;
        }
        if (_p < _s.Length && _s[_p] is 'u' or 'U')
        {
            throw new FormatException();
        }
        var text = _s[start.._p];
        var span = new TextSpan(start, _p - start);
        return isDouble
            ? new ConstantExpr(span, double.Parse(text, CultureInfo.InvariantCulture))
            : new ConstantExpr(span, long.Parse(text, CultureInfo.InvariantCulture));
    }

    private ConstantExpr StringLiteral()
    {
        var start = _p;
        var raw = _s[_p] is 'r' or 'R';
        if (raw)
        {
            _p++;
        }
        var quote = _s[_p];
        var triple = _s.AsSpan(_p).StartsWith(new string(quote, 3), StringComparison.Ordinal);
        var delimiter = new string(quote, triple ? 3 : 1);
        _p += delimiter.Length;
        var text = new StringBuilder();
        while (!_s.AsSpan(_p).StartsWith(delimiter, StringComparison.Ordinal))
        {
            if (_p >= _s.Length)
            {
                throw new FormatException();
            }
            var c = _s[_p++];
            if (c != '\\' || raw)
            {
                text.Append(c);
                continue;
            }
            var e = _s[_p++];
            switch (e)
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case 'a': text.Append('\a'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'v': text.Append('\v'); break;
                case 'x' or 'X': text.Append(Code(2, 16)); break;
                case 'u': text.Append(Code(4, 16)); break;
                case 'U': text.Append(Code(8, 16)); break;
                case >= '0' and <= '3': _p--; text.Append(Code(3, 8)); break;
                default: text.Append(e); break;
            }
        }
        _p += delimiter.Length;
        return new ConstantExpr(new TextSpan(start, _p - start), text.ToString());
    }

    private string Code(int digits, int radix)
    {
        var value = Convert.ToInt32(_s.Substring(_p, digits), radix);
        _p += digits;
        return char.ConvertFromUtf32(value);
    }

    private string Identifier()
    {
        Skip();
        var start = _p;
        while (_p < _s.Length && IsIdent(_s[_p]))
        {
            _p++;
        }
        if (_p == start)
        {
            throw new FormatException();
        }
        return _s[start.._p];
    }

    private static bool IsIdent(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private void Skip()
    {
        while (_p < _s.Length && char.IsWhiteSpace(_s[_p]))
        {
            _p++;
        }
    }

    private bool Peek(char c) => _p < _s.Length && _s[_p] == c;

    private bool Eat(string token)
    {
        Skip();
        if (!_s.AsSpan(_p).StartsWith(token, StringComparison.Ordinal))
        {
            return false;
        }
        _p += token.Length;
        return true;
    }

    private void Expect(string token)
    {
        if (!Eat(token))
        {
            throw new FormatException();
        }
    }
}
