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
}

/// <summary>One item read from a case input: an accepted record, a rejected record, or a problem.</summary>
public sealed record CaseReadResult(CaseReadKind Kind, CaseRecord? Record, Diagnostic? Diagnostic)
{
    public static CaseReadResult Accepted(CaseRecord record) => new(CaseReadKind.Accepted, record, null);

    public static CaseReadResult Rejected(Diagnostic diagnostic) => new(CaseReadKind.Rejected, null, diagnostic);

    public static CaseReadResult Problem(Diagnostic diagnostic) => new(CaseReadKind.Problem, null, diagnostic);
}

/// <summary>Totals over an input: every record read is either accepted or rejected.</summary>
public readonly record struct CaseReadSummary(int Read, int Accepted, int Rejected, int Problems)
{
    public CaseReadSummary Add(CaseReadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Kind switch
        {
            CaseReadKind.Accepted => this with { Read = Read + 1, Accepted = Accepted + 1 },
            CaseReadKind.Rejected => this with { Read = Read + 1, Rejected = Rejected + 1 },
            _ => this with { Problems = Problems + 1 },
        };
    }
}
