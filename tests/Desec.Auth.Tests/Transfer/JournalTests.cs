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
}
