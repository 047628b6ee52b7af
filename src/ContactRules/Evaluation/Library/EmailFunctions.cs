using System.Globalization;
using ContactRules.Expressions.Checking;
using ContactRules.Expressions.Runtime;

namespace ContactRules.Evaluation.Library;

/// <summary><c>email.isValid</c>: a bare address, <c>user@domain.tld</c>, as Django's validator accepts (no display name).</summary>
internal static class EmailFunctions
{
    // RFC 5322 "atext": the characters a dot-atom local part may use besides letters and digits.
    private const string AtextSymbols = "!#$%&'*+-/=?^_`{|}~";
    private static readonly IdnMapping Idn = new();

    public static IEnumerable<FunctionDecl> Declarations()
    {
        yield return new FunctionDecl("email.isValid",
            "Whether the value is a bare email address (user@example.org): a dot-atom local part and a domain with a top-level domain.",
            FunctionOverload.Global("email_isValid_string", CelType.String, CelType.Bool, v => CelValues.Bool(IsValid((string)v))));
    }

    internal static bool IsValid(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.Length > 254)
        {
            return false;
        }
        return IsDotAtom(address.AsSpan(0, at)) && IsDomain(address[(at + 1)..]);
    }

    private static bool IsDotAtom(ReadOnlySpan<char> local)
    {
        if (local.Length > 64 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && !AtextSymbols.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsDomain(string domain)
    {
        var ascii = domain;
        if (!System.Text.Ascii.IsValid(domain))
        {
            // An internationalised domain is checked in its ASCII (punycode) form.
            try
            {
                ascii = Idn.GetAscii(domain);
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
        var labels = ascii.Split('.');
        if (labels.Length < 2)
        {
            return false;
        }
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }
        var tld = labels[^1];
        return tld.Length >= 2 && (tld.All(char.IsAsciiLetter) || tld.StartsWith("xn--", StringComparison.Ordinal));
    }
}
