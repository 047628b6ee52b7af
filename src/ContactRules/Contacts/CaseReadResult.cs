using ContactRules.Diagnostics;

namespace ContactRules.Contacts;

public enum CaseReadKind
{
    /// <summary>A record read into a <see cref="CaseRecord"/>.</summary>
    Accepted,

    /// <summary>A record that could not be used; its diagnostic says why and where. It is skipped.</summary>
    Rejected,

    /// <summary>A problem with the input as a whole (unreadable, no id column, invalid JSON): not a record.</summary>
    Problem,

    /// <summary>A warning about the input that does not stop it (a header given twice): not a record.</summary>
    Notice,

    /// <summary>
    /// A record read but not judged: a later version of the same case (by server modification time, then
    /// modification time, then input order) is in the population. Its warning names both places.
    /// </summary>
    Superseded,
}

/// <summary>One item read from a case input: an accepted record, a rejected record, or a problem.</summary>
public sealed record CaseReadResult(CaseReadKind Kind, CaseRecord? Record, Diagnostic? Diagnostic)
{
    public static CaseReadResult Accepted(CaseRecord record) => new(CaseReadKind.Accepted, record, null);

    public static CaseReadResult Rejected(Diagnostic diagnostic) => new(CaseReadKind.Rejected, null, diagnostic);

    public static CaseReadResult Problem(Diagnostic diagnostic) => new(CaseReadKind.Problem, null, diagnostic);

    public static CaseReadResult Notice(Diagnostic diagnostic) => new(CaseReadKind.Notice, null, diagnostic);

    /// <summary>An input diagnostic as a result: a <see cref="Problem"/> when it is an error, a <see cref="Notice"/> otherwise.</summary>
    public static CaseReadResult About(Diagnostic diagnostic) =>
        (diagnostic ?? throw new ArgumentNullException(nameof(diagnostic))).IsError ? Problem(diagnostic) : Notice(diagnostic);

    public static CaseReadResult Superseded(CaseRecord record, Diagnostic diagnostic) => new(CaseReadKind.Superseded, record, diagnostic);
}

/// <summary>Totals over an input: every record read is accepted, rejected or superseded by a later version of its case.</summary>
public readonly record struct CaseReadSummary(int Read, int Accepted, int Rejected, int Problems, int Superseded = 0)
{
    public CaseReadSummary Add(CaseReadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Kind switch
        {
            CaseReadKind.Accepted => this with { Read = Read + 1, Accepted = Accepted + 1 },
            CaseReadKind.Rejected => this with { Read = Read + 1, Rejected = Rejected + 1 },
            CaseReadKind.Superseded => this with { Read = Read + 1, Superseded = Superseded + 1 },
            CaseReadKind.Notice => this,
            _ => this with { Problems = Problems + 1 },
        };
    }
}
