using System.Globalization;
using System.Text;
using ContactRules.Text;

namespace ContactRules.Expressions.Runtime;

/// <summary>CEL's semantics for equality, ordering, arithmetic and conversions, shared by the standard library and the compiler.</summary>
internal static class CelOperations
{
    /// <summary>
    /// CEL equality: numbers compare by value across int and double (NaN equals nothing), lists and maps
    /// deeply, and values of different kinds are simply unequal.
    /// </summary>
    public static bool ValueEquals(object a, object b)
    {
        return a switch
        {
            long x => b switch { long y => x == y, double y => x == y, _ => false },
            double x => b switch { double y => x == y, long y => x == y, _ => false },
            string x => b is string y && string.Equals(x, y, StringComparison.Ordinal),
            bool x => b is bool y && x == y,
            CelNull => b is CelNull,
            CelMap x => b is CelMap y && MapEquals(x, y),
            IReadOnlyList<object> x => b is IReadOnlyList<object> y && ListEquals(x, y),
            _ => ReferenceEquals(a, b),
        };
    }

    private static bool MapEquals(CelMap x, CelMap y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }
        foreach (var (k, v) in x)
        {
            if (!y.TryGetValue(k, out var w) || !ValueEquals(v, w))
            {
                return false;
            }
        }
        return true;
    }

    private static bool ListEquals(IReadOnlyList<object> x, IReadOnlyList<object> y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }
        for (var i = 0; i < x.Count; i++)
        {
            if (!ValueEquals(x[i], y[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Orders two values of orderable, compatible kinds (callers dispatch on the kinds): negative, zero or
    /// positive; null when a NaN makes them unordered, so that every comparison is false.
    /// </summary>
    public static int? Compare(object a, object b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (string x, string y) => CompareCodePoints(x, y),
        (bool x, bool y) => x.CompareTo(y),
        _ => CompareDoubles(ToDouble(a), ToDouble(b)),
    };

    private static double ToDouble(object v) => v is long l ? l : (double)v;

    private static int? CompareDoubles(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? null : x.CompareTo(y);

    /// <summary>Orders strings by Unicode code points (UTF-16 ordinal order differs above the surrogates).</summary>
    private static int CompareCodePoints(string x, string y)
    {
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            char cx = x[i], cy = y[i];
            if (cx != cy)
            {
                // Surrogates (U+D800–DFFF) encode code points above U+FFFF, so they sort after U+E000–FFFF.
                var sx = char.IsSurrogate(cx);
                var sy = char.IsSurrogate(cy);
                return sx == sy ? cx.CompareTo(cy) : (sx ? 1 : -1);
            }
        }
        return x.Length.CompareTo(y.Length);
    }

    public static object Add(long a, long b)
    {
        var r = unchecked(a + b);
        return ((a ^ r) & (b ^ r)) < 0 ? Overflow : CelValues.Int(r);
    }

    public static object Subtract(long a, long b)
    {
        var r = unchecked(a - b);
        return ((a ^ b) & (a ^ r)) < 0 ? Overflow : CelValues.Int(r);
    }

    public static object Multiply(long a, long b)
    {
        var r = (Int128)a * b;
        return r > long.MaxValue || r < long.MinValue ? Overflow : CelValues.Int((long)r);
    }

    public static object Divide(long a, long b) => b switch
    {
        0 => new CelError(Messages.DivisionByZero),
        -1 when a == long.MinValue => Overflow,
        _ => CelValues.Int(a / b),
    };

    public static object Modulo(long a, long b) => b switch
    {
        0 => new CelError(Messages.ModulusByZero),
        -1 when a == long.MinValue => Overflow,
        _ => CelValues.Int(a % b),
    };

    public static object Negate(long a) => a == long.MinValue ? Overflow : CelValues.Int(-a);

    private static CelError Overflow => new(Messages.IntegerOverflow);

    /// <summary>The number of Unicode code points, as CEL's <c>size</c> counts a string.</summary>
    public static int CodePointCount(string s)
    {
        var span = s.AsSpan();
        if (span.IndexOfAnyInRange('\uD800', '\uDBFF') < 0)
        {
            return s.Length;
        }
        var count = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (!(char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])))
            {
                count++;
            }
        }
        return count;
    }

    public static object ToInt(object v) => v switch
    {
        long => v,
        // Go's range test: both ends excluded, as -2^63 as a double is the boundary itself.
        double d when d > -9.2233720368547758E18 && d < 9.2233720368547758E18 => CelValues.Int((long)d),
        double d => new CelError(Messages.ConversionOutOfRange("int", CelLiteral.FormatDouble(d))),
        string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => CelValues.Int(l),
        _ => new CelError(Messages.ConversionFailed("int", CelLiteral.Format(v))),
    };

    public static object ToDoubleValue(object v) => v switch
    {
        double => v,
        long l => (double)l,
        string s when TryParseDouble(s, out var d) => d,
        _ => new CelError(Messages.ConversionFailed("double", CelLiteral.Format(v))),
    };

    private static bool TryParseDouble(string s, out double d)
    {
        // Go's ParseFloat also takes "inf", "infinity" and "nan" in any case, which NumberStyles.Float spells differently.
        switch (s.ToUpperInvariant())
        {
            case "INF" or "+INF" or "INFINITY" or "+INFINITY":
                d = double.PositiveInfinity;
                return true;
            case "-INF" or "-INFINITY":
                d = double.NegativeInfinity;
                return true;
            case "NAN":
                d = double.NaN;
                return true;
            default:
                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d);
        }
    }

    public static object ToStringValue(object v) => v switch
    {
        string => v,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatDoubleAsGo(d),
        bool b => b ? "true" : "false",
        _ => new CelError(Messages.ConversionFailed("string", CelLiteral.Format(v))),
    };

    public static object ToBool(object v) => v switch
    {
        bool => v,
        string s => s switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => CelValues.True,
            "0" or "f" or "F" or "false" or "FALSE" or "False" => CelValues.False,
            _ => new CelError(Messages.ConversionFailed("bool", CelLiteral.Format(v))),
        },
        _ => new CelError(Messages.ConversionFailed("bool", CelLiteral.Format(v))),
    };

    /// <summary>
    /// A double as CEL's <c>string()</c> writes it, which is Go's <c>%g</c>: the shortest digits that read back,
    /// in exponent form when the exponent is below -4 or at least 6 (<c>1e+06</c>, <c>123.456</c>, <c>-0.0045</c>).
    /// </summary>
    public static string FormatDoubleAsGo(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }
        if (double.IsInfinity(d))
        {
            return d > 0 ? "+Inf" : "-Inf";
        }
        var sb = new StringBuilder();
        if (d < 0 || (d == 0 && double.IsNegative(d)))
        {
            sb.Append('-');
            d = -d;
        }
        if (d == 0)
        {
            return sb.Append('0').ToString();
        }
        // Shortest round-trip digits and the position of the decimal point relative to them.
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var digits = new StringBuilder();
        var mantissa = shortest;
        var exponent = 0;
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            mantissa = shortest[..e];
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fracPart = dot < 0 ? "" : mantissa[(dot + 1)..];
        digits.Append(intPart).Append(fracPart);
        var dp = intPart.Length + exponent;
        // Strip leading zeros (0.0045 has digits 00045).
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }
        digits.Remove(0, lead);
        dp -= lead;
        var all = digits.ToString().TrimEnd('0');
        var nd = all.Length;
        var exp = dp - 1;
        if (exp < -4 || exp >= 6)
        {
            sb.Append(all[0]);
            if (nd > 1)
            {
                sb.Append('.').Append(all, 1, nd - 1);
            }
            sb.Append('e').Append(exp < 0 ? '-' : '+');
            sb.Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
            return sb.ToString();
        }
        if (dp <= 0)
        {
            sb.Append("0.").Append('0', -dp).Append(all);
        }
        else if (dp >= nd)
        {
            sb.Append(all).Append('0', dp - nd);
        }
        else
        {
            sb.Append(all, 0, dp).Append('.').Append(all, dp, nd - dp);
        }
        return sb.ToString();
    }
}
