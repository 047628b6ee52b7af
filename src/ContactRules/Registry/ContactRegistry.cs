using System.Data.Common;
using Npgsql;

namespace ContactRules.Registry;

/// <summary>How a command uses the registry.</summary>
public enum RegistryAccess
{
    /// <summary>Only reads: the registry must exist at this version; it is never created, migrated or changed.</summary>
    Read,

    /// <summary>Writes to a registry that must exist (its schema is created or migrated when needed).</summary>
    Write,

    /// <summary>Writes, creating a missing SQLite file.</summary>
    WriteOrCreate,
}

/// <summary>The owner of a number for two-way SMS and every claimant in line (the owner first).</summary>
public sealed record NumberOwnership(string Number, string Owner, IReadOnlyList<string> Claimants);

/// <summary>
/// The registry of contacts: which case owns which number for two-way SMS, and which numbers have opted
/// out. One set of semantics over two stores: a SQLite file (the default) or a PostgreSQL database.
/// The schema is created or migrated when the registry is opened for writing, never for reading. Any
/// failure of the database (a corrupt file, a lost connection) is a <see cref="RegistryException"/>.
/// Not thread-safe: one per thread.
/// </summary>
public sealed class ContactRegistry : IDisposable
{
    private readonly RegistryStore _store;
    private readonly string _name;

    private ContactRegistry(RegistryStore store, string name)
    {
        _store = store;
        _name = name;
    }

    /// <summary>SQLite or PostgreSQL, as a <c>--registry</c> value shows.</summary>
    public string Kind => _store.Kind;

    /// <summary>Opens the registry <paramref name="registry"/> names (see <see cref="RegistryTarget"/>), creating its schema or migrating it when needed.</summary>
    /// <param name="registry">A SQLite file path or a PostgreSQL connection string.</param>
    /// <param name="create">Whether a missing SQLite file is created.</param>
    /// <exception cref="RegistryException">It cannot be opened, or is not a registry this version can use.</exception>
    public static ContactRegistry Open(string registry, bool create = true) =>
        Open(registry, create ? RegistryAccess.WriteOrCreate : RegistryAccess.Write);

    /// <summary>Opens the registry <paramref name="registry"/> names for <paramref name="access"/>.</summary>
    /// <exception cref="RegistryException">It cannot be opened, or is not a registry this version can use.</exception>
    public static ContactRegistry Open(string registry, RegistryAccess access)
    {
        var target = RegistryTarget.Parse(registry);
        RegistryStore? store = null;
        try
        {
            if (target.IsPostgres)
            {
                store = PostgresRegistryStore.Open(target.Value);
                store.EnsureRegistry(access == RegistryAccess.Read, Describe(target));
            }
            else
            {
                store = SqliteRegistryStore.Open(target.Value, access);
            }
            if (access != RegistryAccess.Read)
            {
                store.Migrate();
            }
            return new ContactRegistry(store, Describe(target));
        }
        catch (Exception e) when (IsDatabaseFailure(e))
        {
            store?.Dispose();
            throw new RegistryException(Text.Messages.RegistryUnavailable(Describe(target), e.Message), e);
        }
        catch (RegistryException)
        {
            store?.Dispose();
            throw;
        }
    }

    private static bool IsDatabaseFailure(Exception e) =>
        e is DbException or NpgsqlException or InvalidOperationException or ArgumentException or IOException or TimeoutException;

    /// <summary>Runs a store operation, turning a database failure (a corrupt file, say) into a <see cref="RegistryException"/>.</summary>
    private T Use<T>(Func<RegistryStore, T> operation)
    {
        try
        {
            return operation(_store);
        }
        catch (Exception e) when (e is DbException or NpgsqlException or TimeoutException)
        {
            throw new RegistryException(Text.Messages.RegistryFailed(_name, e.Message), e);
        }
    }

    private static string Describe(RegistryTarget target)
    {
        if (!target.IsPostgres)
        {
            return target.Value;
        }
        // Never show a password in a message.
        var builder = new NpgsqlConnectionStringBuilder(target.Value) { Password = null };
        return builder.ConnectionString;
    }

    /// <summary>
    /// Updates per transaction unless told otherwise. Large, because SQLite's write-ahead log costs a page per
    /// row touched and rows of random case ids rarely share one: batches of 50,000 wrote a sixth of the log of
    /// batches of 5,000 and registered about 2.8× as fast. A stopped run repeats at most one batch, which
    /// changes nothing (updates are idempotent); other writers wait for a batch's commit (about 0.25 s).
    /// </summary>
    internal const int DefaultBatchSize = 50_000;

    /// <summary>
    /// Records updates in batches of <paramref name="batchSize"/>, each in its own transaction, so a run
    /// that is stopped leaves every finished batch recorded and the registry consistent; running it again
    /// completes it (recording an update twice changes nothing). Returns the number of updates recorded.
    /// </summary>
    public long Register(IEnumerable<RegistryUpdate> updates, int batchSize = DefaultBatchSize, Action<long>? committed = null)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var batch = new List<RegistryUpdate>(batchSize);
        long total = 0;
        foreach (var update in updates)
        {
            batch.Add(update);
            if (batch.Count == batchSize)
            {
                total += Flush(batch, committed, total);
            }
        }
        if (batch.Count > 0)
        {
            total += Flush(batch, committed, total);
        }
        return total;
    }

    /// <summary>
    /// Records the updates of a sync from <paramref name="domain"/>'s Case API (cases of
    /// <paramref name="caseTypes"/>, none: every type) in batches, each batch committed with the sync cursor
    /// it reaches (the latest <c>indexed_on</c> among its cases) in one transaction. HQ lists cases in
    /// <c>indexed_on</c> order and its <c>indexed_on.gte</c> is inclusive, so a run resumed from the cursor
    /// sees again at most the cases of that instant, and recording an update twice changes nothing.
    /// </summary>
    internal long Sync(IEnumerable<(RegistryUpdate Update, Contacts.CaseTimestamp? IndexedOn)> updates, string domain, IReadOnlyList<string> caseTypes, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var batch = new List<RegistryUpdate>(batchSize);
        (string Raw, long Ticks)? latest = null;
        long total = 0;
        void Commit()
        {
            IReadOnlyList<SyncCursor> cursors = latest is { } at
                ? [.. (caseTypes.Count == 0 ? [SyncCursor.EveryType] : caseTypes).Distinct(StringComparer.Ordinal).Select(t => new SyncCursor(domain, t, at.Raw, at.Ticks))]
                : [];
            Use(store =>
            {
                store.Apply(batch, cursors);
                return 0;
            });
            total += batch.Count;
            batch.Clear();
        }
        foreach (var (update, indexedOn) in updates)
        {
            batch.Add(update);
            if (indexedOn?.Instant is { } instant && (latest is null || instant.ToUnixTimeTicks() > latest.Value.Ticks))
            {
                latest = (indexedOn.Raw, instant.ToUnixTimeTicks());
            }
            if (batch.Count == batchSize)
            {
                Commit();
            }
        }
        if (batch.Count > 0)
        {
            Commit();
        }
        return total;
    }

    /// <summary>Where the next sync of <paramref name="domain"/>'s <paramref name="caseTypes"/> resumes (its <c>indexed_on.gte</c>), or null for everything.</summary>
    internal string? SyncResumesFrom(string domain, IReadOnlyList<string> caseTypes) =>
        SyncCursor.ResumeFrom(Use(store => store.Cursors(domain)), caseTypes)?.IndexedOn;

    private int Flush(List<RegistryUpdate> batch, Action<long>? committed, long before)
    {
        Use(store =>
        {
            store.Apply(batch);
            return 0;
        });
        var count = batch.Count;
        batch.Clear();
        committed?.Invoke(before + count);
        return count;
    }

    /// <summary>Per number (all, or just <paramref name="number"/>), its owner and its claimants in line, ordered by number.</summary>
    public IReadOnlyList<NumberOwnership> Owners(string? number = null) => Ownership(Use(store => store.Claims(number)));

    /// <summary>Groups claims by number, each group in line: earliest claim first, then smallest case id.</summary>
    public static IReadOnlyList<NumberOwnership> Ownership(IEnumerable<CaseClaim> claims) =>
        [.. claims
            .GroupBy(c => c.Number, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var line = g.ToList();
                line.Sort(CaseClaim.InLine);
                return new NumberOwnership(g.Key, line[0].CaseId, [.. line.Select(c => c.CaseId)]);
            })];

    /// <summary>The current claims, one per claiming case.</summary>
    public IReadOnlyList<CaseClaim> Claims() => Use(store => store.Claims(null));

    /// <summary>Every update recorded, in no particular order.</summary>
    public IReadOnlyList<RegistryUpdate> Updates() => Use(store => store.Updates());

    /// <summary>How many updates are recorded (one per case and modification time).</summary>
    public long UpdateCount() => Use(store => store.UpdateCount());

    /// <summary>Numbers that have opted out, in order.</summary>
    public IReadOnlyList<string> OptOuts() => Use(store => store.OptOuts());

    /// <summary>Records that <paramref name="number"/> (E.164 digits) opted out; false when it already had.</summary>
    public bool AddOptOut(string number) => Use(store => store.AddOptOut(number));

    /// <summary>Removes <paramref name="number"/>'s opt-out; false when it had none.</summary>
    public bool RemoveOptOut(string number) => Use(store => store.RemoveOptOut(number));

    /// <summary>Owners and opt-outs as they are now, in memory, for fast read-only lookups during a check.</summary>
    public RegistrySnapshot Snapshot() => Use(store => new RegistrySnapshot(store.Claims(null), store.OptOuts()));

    public void Dispose() => _store.Dispose();
}
