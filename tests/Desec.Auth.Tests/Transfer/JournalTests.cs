using Desec.Auth.Transfer;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Auth.Tests.Transfer;

/// <summary>The IXFR journal: condensed changes, persisted across restarts, bounded, and a torn or corrupt tail cut on load.</summary>
public sealed class JournalTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly DnsName Zone = DnsName.Parse("example.com.");

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static ResourceRecord A(string name, byte last) => new(DnsName.Parse(name + ".example.com."), RRType.A, 300, [192, 0, 2, last]);

    private string File => Directory.GetFiles(_directory).Single();

    [Fact]
    public void Changes_since_a_serial_are_condensed_rfc1995_section_4()
    {
        var journal = new Journal(_directory, Zone);
        journal.Append(1, 2, [A("a", 1), A("b", 2)], [A("a", 1), A("c", 3)]);
        journal.Append(2, 3, [A("a", 1), A("c", 3)], [A("a", 9), A("b", 2)]);
        var changes = journal.ChangesSince(1)!.Value;
        Assert.Equal(3u, changes.ToSerial);
        Assert.Equal([A("a", 1)], changes.Removed); // b came back; c came and went
        Assert.Equal([A("a", 9)], changes.Added);
        Assert.Null(journal.ChangesSince(7));
    }

    [Fact]
    public void The_journal_survives_a_restart()
    {
        new Journal(_directory, Zone).Append(1, 2, [A("a", 1)], [A("a", 2)]);
        var reopened = new Journal(_directory, Zone);
        Assert.Equal(1, reopened.Count);
        Assert.Equal([A("a", 2)], reopened.ChangesSince(1)!.Value.Added);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_torn_or_corrupt_tail_is_cut_and_never_served(bool torn)
    {
        var journal = new Journal(_directory, Zone);
        journal.Append(1, 2, [A("a", 1)], [A("a", 2)]);
        long good = new FileInfo(File).Length;
        journal.Append(2, 3, [A("a", 2)], [A("a", 3)]);
        var bytes = System.IO.File.ReadAllBytes(File);
        if (torn) { System.IO.File.WriteAllBytes(File, bytes[..^5]); }
        else { bytes[^3] ^= 0xFF; System.IO.File.WriteAllBytes(File, bytes); }

        var reopened = new Journal(_directory, Zone);
        Assert.Equal(1, reopened.Count);
        Assert.Equal(good, new FileInfo(File).Length);
        Assert.Null(reopened.ChangesSince(2));
        Assert.Equal(2u, reopened.ChangesSince(1)!.Value.ToSerial);
    }

    [Fact]
    public void An_entry_length_near_int_max_is_a_damaged_tail_not_an_overflow()
    {
        // Found by the journal fuzz target (fuzz/): entry length 0x7FFFFFFF overflowed the bounds
        // check (position + 8 + length) and threw, so the zone's journal could not be opened.
        byte[] damaged = [0x7f, 0xff, 0xff, 0xff, 0x00, 0x23, 0x20, 0x00, 0xf8, 0xff, 0x05, 0x94, 0x53];
        Directory.CreateDirectory(_directory);
        System.IO.File.WriteAllBytes(Path.Combine(_directory, "example.com.journal"), damaged);

        var journal = new Journal(_directory, Zone);

        Assert.Equal(0, journal.Count);
        Assert.Equal(0, new FileInfo(File).Length);
    }

    [Fact]
    public void The_journal_is_bounded()
    {
        var journal = new Journal(_directory, Zone);
        for (uint i = 1; i <= Journal.MaxEntries + 10; i++) { journal.Append(i, i + 1, [A("a", (byte)i)], [A("a", (byte)(i + 1))]); }
        Assert.Equal(Journal.MaxEntries, journal.Count);
        Assert.Null(journal.ChangesSince(1));
        Assert.Equal(Journal.MaxEntries, new Journal(_directory, Zone).Count);
    }

    [Fact]
    public void A_gap_in_the_serials_starts_the_journal_over()
    {
        var journal = new Journal(_directory, Zone);
        journal.Append(1, 2, [A("a", 1)], [A("a", 2)]);
        journal.Append(5, 6, [A("a", 5)], [A("a", 6)]);
        Assert.Equal(1, journal.Count);
        Assert.Null(journal.ChangesSince(1));
    }
    private static List<ResourceRecord> Many(int count, byte version) =>
        Enumerable.Range(0, count).Select(i => A($"n{i}", version)).ToList();

    /// <summary>Octets written per append by a journal kept at its depth bound of <paramref name="depth"/> entries.</summary>
    private static (double PerAppend, long Frame, long FileSize) OctetsPerAppendAtTheBound(string directory, int depth)
    {
        var journal = new Journal(directory, Zone, new JournalLimits(MaxEntries: depth));
        uint serial = 1;
        for (int i = 0; i < depth; i++, serial++) { journal.Append(serial, serial + 1, Many(100, (byte)serial), Many(100, (byte)(serial + 1))); }
        long frame = journal.Size / journal.Count;
        long before = journal.OctetsWritten;
        const int Appends = 150;
        for (int i = 0; i < Appends; i++, serial++) { journal.Append(serial, serial + 1, Many(100, (byte)serial), Many(100, (byte)(serial + 1))); }
        Assert.Equal(depth, journal.Count);
        Assert.Equal(serial, journal.ChangesSince(serial - (uint)depth)!.Value.ToSerial);
        return ((journal.OctetsWritten - before) / (double)Appends, frame, new FileInfo(Journal.PathOf(directory, Zone)).Length);
    }

    [Fact]
    public void An_append_at_the_depth_bound_costs_its_own_entry_not_the_file()
    {
        // Entries of about 5 KB: a journal of 10 of them and one of 200 (1 MB), each at its bound.
        var small = OctetsPerAppendAtTheBound(Path.Combine(_directory, "small"), 10);
        var large = OctetsPerAppendAtTheBound(Path.Combine(_directory, "large"), 200);
        Assert.True(large.FileSize > 150 * small.Frame, $"the large journal holds {large.FileSize} octets");
        // The entry itself, plus compaction copies that are amortised over the appends that made the dead head.
        Assert.InRange(small.PerAppend, small.Frame, 4.0 * small.Frame);
        Assert.InRange(large.PerAppend, large.Frame, 4.0 * large.Frame);
        // Rewriting the file on every append would cost the large journal 200 entries an append.
        Assert.True(large.PerAppend < 2 * small.PerAppend + small.Frame, $"{large.PerAppend} octets an append against {small.PerAppend}");
    }

    [Fact]
    public void Compaction_keeps_every_live_entry()
    {
        var journal = new Journal(_directory, Zone, new JournalLimits(MaxEntries: 3));
        for (uint i = 1; i <= 60; i++) { journal.Append(i, i + 1, Many(100, (byte)i), Many(100, (byte)(i + 1))); }
        Assert.True(new FileInfo(File).Length <= journal.Size + Journal.CompactionSlack(journal.Size), "the dead head was never compacted");
        var reopened = new Journal(_directory, Zone, new JournalLimits(MaxEntries: 3));
        Assert.Equal(3, reopened.Count);
        Assert.Equal(58u, reopened.OldestSerial);
        Assert.Equal(journal.ChangesSince(58)!.Value.Added, reopened.ChangesSince(58)!.Value.Added);
    }

    [Fact]
    public void A_gap_in_the_serials_starts_over_in_the_file_too()
    {
        var journal = new Journal(_directory, Zone);
        journal.Append(1, 2, [A("a", 1)], [A("a", 2)]);
        journal.Append(2, 3, [A("a", 2)], [A("a", 3)]);
        journal.Append(7, 8, [A("a", 7)], [A("a", 8)]);
        var reopened = new Journal(_directory, Zone);
        Assert.Equal(1, reopened.Count);
        Assert.Equal(7u, reopened.OldestSerial);
    }

    [Fact]
    public void Changes_between_two_serials_stop_at_the_second()
    {
        var journal = new Journal(_directory, Zone);
        journal.Append(1, 2, [A("a", 1)], [A("a", 2)]);
        journal.Append(2, 3, [A("a", 2)], [A("a", 3)]);
        // Journaled but not yet served: an IXFR up to the served serial 2 still gets its difference.
        var changes = journal.ChangesBetween(1, 2)!.Value;
        Assert.Equal(2u, changes.ToSerial);
        Assert.Equal([A("a", 2)], changes.Added);
        Assert.Null(journal.ChangesBetween(2, 1));
        Assert.Null(journal.ChangesBetween(1, 9));
    }

    [Fact]
    public void A_dropped_journal_takes_its_file_with_it()
    {
        var journals = new Journals(_directory);
        journals.Get(Zone).Append(1, 2, [A("a", 1)], [A("a", 2)]);
        Assert.Single(Directory.GetFiles(_directory));
        journals.Drop(Zone);
        Assert.Empty(Directory.GetFiles(_directory));
        Assert.Equal(0, journals.Get(Zone).Count);
    }
}
