namespace ContactRules.Auditing;

/// <summary>
/// CSV cells made safe to open in a spreadsheet (OWASP's CSV-injection rule): a cell that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be read as a formula
/// (<c>=HYPERLINK(...)</c> in a case id), so it gets a leading <c>'</c>, which spreadsheets take as "this
/// is text". The same rule keeps destinations such as <c>+919812345678</c> text instead of a number.
/// </summary>
internal static class SpreadsheetCell
{
    public static string Neutralize(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
    }
}
