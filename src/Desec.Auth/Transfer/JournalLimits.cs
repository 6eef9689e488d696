namespace Desec.Auth.Transfer;

/// <summary>
/// How much history a zone's journal keeps for IXFR (RFC 1995). Entries beyond any bound are
/// dropped from the head (the oldest first); a client asking from a serial no longer kept gets the
/// whole zone in AXFR form (§4). Named after Knot's <c>journal-max-depth</c> and
/// <c>journal-max-usage</c>, plus an age, which Knot does not have.
/// </summary>
/// <param name="MaxEntries">At most this many versions (differences) are kept.</param>
/// <param name="MaxBytes">At most this many octets on disk, all entries together; an entry bigger on its own is not kept.</param>
/// <param name="MaxAge">Entries written longer ago than this are dropped; null keeps them regardless of age.</param>
public sealed record JournalLimits(int MaxEntries = JournalLimits.DefaultMaxEntries, long MaxBytes = JournalLimits.DefaultMaxBytes, TimeSpan? MaxAge = null)
{
    public const int DefaultMaxEntries = 100;
    public const long DefaultMaxBytes = 100L * 1024 * 1024;

    public static readonly JournalLimits Default = new();

    /// <summary>
    /// How many entries to drop from the head so that the rest fit: <paramref name="sizes"/> and
    /// <paramref name="written"/> describe the entries oldest first.
    /// </summary>
    public int HeadToDrop(IReadOnlyList<long> sizes, IReadOnlyList<DateTimeOffset> written, DateTimeOffset now)
    {
        int drop = Math.Max(0, sizes.Count - MaxEntries);
        if (MaxAge is { } age)
        {
            while (drop < written.Count && now - written[drop] > age) { drop++; }
        }
        long total = 0;
        for (int i = drop; i < sizes.Count; i++) { total += sizes[i]; }
        while (drop < sizes.Count && total > MaxBytes) { total -= sizes[drop]; drop++; }
        return drop;
    }
}
