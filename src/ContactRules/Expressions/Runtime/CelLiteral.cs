using System.Globalization;
using System.Text;

namespace ContactRules.Expressions.Runtime;

/// <summary>
/// Writes values as CEL literals, for messages, traces and the REPL: strings quoted with escapes, doubles
/// always distinguishable from ints (<c>1.0</c>), lists and maps in CEL syntax, errors as <c>error: message</c>.
/// </summary>
internal static class CelLiteral
{
    public static string Format(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null or CelNull:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(FormatDouble(d));
                break;
            case string s:
                AppendQuoted(sb, s);
                break;
            case CelMap map:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in map)
                {
                    sb.Append(first ? "" : ", ");
                    first = false;
                    Append(sb, k);
                    sb.Append(": ");
                    Append(sb, v);
                }
                sb.Append('}');
                break;
            case IReadOnlyList<object> list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ", ");
                    Append(sb, list[i]);
                }
                sb.Append(']');
                break;
            case CelError e:
                sb.Append("error: ").Append(e.Message);
                break;
            default:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>A double as a literal that reads back as a double: <c>1.0</c>, <c>1.5e+100</c>, <c>double("NaN")</c>.</summary>
    public static string FormatDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "double(\"NaN\")";
        }
        if (double.IsInfinity(d))
        {
            return d > 0 ? "double(\"Infinity\")" : "double(\"-Infinity\")";
        }
        var text = d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A string as a double-quoted CEL literal with escapes for quotes, backslashes and control characters.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendQuoted(sb, s);
        return sb.ToString();
    }

    private static void AppendQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }
}
