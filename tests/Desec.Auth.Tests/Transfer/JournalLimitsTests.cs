using Desec.Auth.Transfer;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Auth.Tests.Transfer;

/// <summary>
/// Journal bounds by policy (versions, octets, age): entries beyond a bound go from the head (on
/// disk when the dead head is worth a copy, and on the next load at the latest), and an IXFR from a serial no longer kept gets the AXFR form (RFC 1995 §4).
/// </summary>
public sealed class JournalLimitsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-limits-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly DnsName Zone = DnsName.Parse("example.com.");
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static ResourceRecord A(string name, byte last) => new(DnsName.Parse(name + ".example.com."), RRType.A, 300, [192, 0, 2, last]);

    private static List<ResourceRecord> Many(int count, byte version) =>
        Enumerable.Range(0, count).Select(i => A($"n{i}", version)).ToList();

    private Journal Open(JournalLimits limits) => new(_directory, Zone, limits, _clock);

    private long FileSize => new FileInfo(Directory.GetFiles(_directory).Single()).Length;

    [Fact]
    public void Max_entries_keeps_the_newest_versions()
    {
        var journal = Open(new JournalLimits(MaxEntries: 3));
        for (uint i = 1; i <= 6; i++) { journal.Append(i, i + 1, [A("a", (byte)i)], [A("a", (byte)(i + 1))]); }
        Assert.Equal(3, journal.Count);
        Assert.Equal(4u, journal.OldestSerial);
        Assert.Null(journal.ChangesSince(3));
        Assert.Equal(7u, journal.ChangesSince(4)!.Value.ToSerial);
        Assert.Equal(3, Open(new JournalLimits(MaxEntries: 3)).Count);
    }

    [Fact]
    public void Max_bytes_drops_the_oldest_entries_until_the_rest_fit()
    {
        var unbounded = Open(JournalLimits.Default);
        unbounded.Append(1, 2, Many(50, 1), Many(50, 2));
        long oneEntry = unbounded.Size;
        Assert.Equal(oneEntry, FileSize);
        Directory.Delete(_directory, recursive: true);

        // Room for two entries of this size, not three.
        var journal = Open(new JournalLimits(MaxBytes: oneEntry * 2 + oneEntry / 2));
        for (uint i = 1; i <= 5; i++) { journal.Append(i, i + 1, Many(50, (byte)i), Many(50, (byte)(i + 1))); }
        Assert.Equal(2, journal.Count);
        Assert.True(journal.Size <= oneEntry * 2 + oneEntry / 2);
        // On disk the dropped entries stay as a dead head until it is worth a copy of the live ones.
        Assert.InRange(FileSize, journal.Size, journal.Size + Journal.CompactionSlack(journal.Size));
        Assert.Equal(2, Open(new JournalLimits(MaxBytes: oneEntry * 2 + oneEntry / 2)).Count);
        Assert.Equal(4u, journal.OldestSerial);
        Assert.Null(journal.ChangesSince(3));
        Assert.NotNull(journal.ChangesSince(4));
    }

    [Fact]
    public void An_entry_bigger_than_max_bytes_on_its_own_is_not_kept()
    {
        var journal = Open(new JournalLimits(MaxBytes: 100));
        journal.Append(1, 2, Many(50, 1), Many(50, 2));
        Assert.Equal(0, journal.Count);
        Assert.Null(journal.ChangesSince(1));
        Assert.Equal(0, FileSize);
    }

    [Fact]
    public void Entries_older_than_max_age_are_dropped_on_the_next_change_and_not_served_meanwhile()
    {
        var limits = new JournalLimits(MaxAge: TimeSpan.FromDays(14));
        var journal = Open(limits);
        journal.Append(1, 2, [A("a", 1)], [A("a", 2)]);
        _clock.Now += TimeSpan.FromDays(10);
        journal.Append(2, 3, [A("a", 2)], [A("a", 3)]);
        _clock.Now += TimeSpan.FromDays(5); // the first entry is 15 days old, the second 5
        Assert.Null(journal.ChangesSince(1));
        Assert.Equal(3u, journal.ChangesSince(2)!.Value.ToSerial);
        Assert.Equal(1, journal.Count);

        // The time written survives a restart, so age still counts from the first write: loading applies
        // the bounds again (the dropped head is not recorded apart), so neither entry comes back, and
        // the second one, 15 days old by now, is not served either.
        _clock.Now += TimeSpan.FromDays(10);
        Assert.Null(Open(limits).ChangesSince(1));
        Assert.Null(Open(limits).ChangesSince(2));
        Assert.Equal(0, Open(limits).Count);
    }

    [Fact]
    public void Bounds_combine_and_the_first_reached_wins()
    {
        var limits = new JournalLimits(MaxEntries: 10, MaxBytes: long.MaxValue, MaxAge: TimeSpan.FromHours(1));
        DateTimeOffset t0 = _clock.Now;
        var written = Enumerable.Range(0, 20).Select(i => t0.AddMinutes(i * 5)).ToList();
        var sizes = Enumerable.Repeat(100L, 20).ToList();
        // 20 entries 5 minutes apart; at the last one, count drops 10 (age only 7); 25 minutes later age drops 12.
        Assert.Equal(10, limits.HeadToDrop(sizes, written, written[^1]));
        Assert.Equal(12, limits.HeadToDrop(sizes, written, written[^1].AddMinutes(25))); // older than 60 minutes: the first 12
        Assert.Equal(17, (limits with { MaxBytes = 300 }).HeadToDrop(sizes, written, written[^1]));
    }
}
