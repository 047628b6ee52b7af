using System.Globalization;
using System.Text;
using ContactRules.Text;

namespace ContactRules.Expressions.Runtime;

/// <summary>
/// The <c>format</c> string extension: <c>%s</c> (any value), <c>%d</c> (int), <c>%f</c> and <c>%e</c> (int or
/// double, precision 6 unless <c>%.Nf</c>), <c>%x</c>/<c>%X</c> (int or string), <c>%o</c>, <c>%b</c> (int), <c>%%</c>.
/// Numbers are written as cel-go writes them, never in the current culture.
/// </summary>
internal static class StringFormat
{
    private const int DefaultPrecision = 6;

    public static object Format(string format, IReadOnlyList<object> args)
    {
        var sb = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            var start = i;
            if (++i >= format.Length)
            {
                return new CelError(Messages.FormatBadClause(format[start..]));
            }
            if (format[i] == '%')
            {
                sb.Append('%');
                continue;
            }
            int? precision = null;
            if (format[i] == '.')
            {
                var digits = i + 1;
                while (digits < format.Length && char.IsAsciiDigit(format[digits]))
                {
                    digits++;
                }
                if (digits == i + 1 || digits >= format.Length
                    || !int.TryParse(format.AsSpan(i + 1, digits - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > 100)
                {
                    return new CelError(Messages.FormatBadClause(format[start..Math.Min(digits + 1, format.Length)]));
                }
                precision = p;
                i = digits;
            }
            if (next >= args.Count)
            {
                return new CelError(Messages.FormatMissingArgument(next));
            }
            var clause = format[i];
            var formatted = Clause(clause, precision, args[next++]);
            if (formatted is CelError)
            {
                return formatted;
            }
            if (formatted is null)
            {
                return new CelError(Messages.FormatBadClause(format[start..(i + 1)]));
            }
            sb.Append((string)formatted);
        }
        return sb.ToString();
    }

    /// <summary>The text of one clause; null for an unknown clause.</summary>
    private static object? Clause(char clause, int? precision, object arg)
    {
        var mismatch = new CelError(Messages.FormatClauseMismatch(clause, CelValues.TypeName(arg)));
        return (clause, arg) switch
        {
            ('s', _) => AsString(arg, nested: false),
            ('d' or 'f' or 'e', double d) when !double.IsFinite(d) => NonFinite(d),
            ('d', long l) => l.ToString(CultureInfo.InvariantCulture),
            ('f', long l) => Fixed(l, precision ?? DefaultPrecision),
            ('f', double d) => Fixed(d, precision ?? DefaultPrecision),
            ('e', long l) => Scientific(l, precision ?? DefaultPrecision),
            ('e', double d) => Scientific(d, precision ?? DefaultPrecision),
            ('x', long l) => Radix(l, 16),
            ('X', long l) => Radix(l, 16).ToUpperInvariant(),
            ('x', string s) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(s)),
            ('X', string s) => Convert.ToHexString(Encoding.UTF8.GetBytes(s)),
            ('o', long l) => Radix(l, 8),
            ('b', long l) => Radix(l, 2),
            ('d' or 'f' or 'e' or 'x' or 'X' or 'o' or 'b', _) => mismatch,
            _ => null,
        };
    }

    private static string NonFinite(double d) => double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";

    /// <summary>%s: strings as they are (quoted inside lists and maps), numbers as <c>string()</c> writes them.</summary>
    private static object AsString(object arg, bool nested)
    {
        switch (arg)
        {
            case string s:
                return nested ? CelLiteral.Quote(s) : s;
            case double d when !double.IsFinite(d):
                return NonFinite(d);
            case CelNull:
                return "null";
            case CelMap map:
                var entries = new List<string>();
                foreach (var (k, v) in map)
                {
                    if (AsString(k, nested: true) is not string key || AsString(v, nested: true) is not string value)
                    {
                        return new CelError(Messages.FormatClauseMismatch('s', CelValues.TypeName(v)));
                    }
                    entries.Add(key + ": " + value);
                }
                entries.Sort(StringComparer.Ordinal);
                return "{" + string.Join(", ", entries) + "}";
            case IReadOnlyList<object> list:
                var items = new string[list.Count];
                for (var i = 0; i < list.Count; i++)
                {
                    if (AsString(list[i], nested: true) is not string item)
                    {
                        return new CelError(Messages.FormatClauseMismatch('s', CelValues.TypeName(list[i])));
                    }
                    items[i] = item;
                }
                return "[" + string.Join(", ", items) + "]";
            default:
                return CelOperations.ToStringValue(arg);
        }
    }

    private static string Radix(long value, int radix)
    {
        var magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        var text = radix switch
        {
            16 => magnitude.ToString("x", CultureInfo.InvariantCulture),
            8 => ToBase(magnitude, 8),
            _ => ToBase(magnitude, 2),
        };
        return value < 0 ? "-" + text : text;
    }

    private static string ToBase(ulong value, int radix)
    {
        if (value == 0)
        {
            return "0";
        }
        var sb = new StringBuilder();
        for (; value > 0; value /= (ulong)radix)
        {
            sb.Insert(0, (char)('0' + (int)(value % (ulong)radix)));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Fixed-point with Go's rounding: the exact binary value rounded half to even (<c>%.0f</c> of 2.5 is 2),
    /// where .NET rounds ties away from zero.
    /// </summary>
    private static string Fixed(double value, int precision)
    {
        // .NET prints the exact digits of a double for any requested precision; 30 more decide the rounding.
        var exact = Math.Abs(value).ToString("F" + (precision + 30).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var dot = exact.IndexOf('.', StringComparison.Ordinal);
        var digits = new StringBuilder(exact[..dot]).Append(exact, dot + 1, precision);
        var rest = exact[(dot + 1 + precision)..];
        var roundUp = rest[0] > '5' || (rest[0] == '5' && (rest.AsSpan(1).ContainsAnyExcept('0') || (digits[^1] - '0') % 2 == 1));
        if (roundUp)
        {
            var k = digits.Length - 1;
            while (k >= 0 && digits[k] == '9')
            {
                digits[k--] = '0';
            }
            if (k < 0)
            {
                digits.Insert(0, '1');
            }
            else
            {
                digits[k]++;
            }
        }
        var intLength = digits.Length - precision;
        var text = precision == 0 ? digits.ToString() : digits.ToString(0, intLength) + "." + digits.ToString(intLength, precision);
        return (double.IsNegative(value) ? "-" : "") + text;
    }

    /// <summary>Scientific notation as Go writes it: a two-digit exponent at least (<c>1.052033e+03</c>).</summary>
    private static string Scientific(double value, int precision)
    {
        var text = value.ToString("E" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return text[..e] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }
}
