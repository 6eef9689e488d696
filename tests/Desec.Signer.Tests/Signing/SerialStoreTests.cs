using Desec.Signer.Signing;
using Desec.Zone.Names;

namespace Desec.Signer.Tests.Signing;

/// <summary>Every published version gets a serial above the last (RFC 1982), never below the source's, across restarts.</summary>
public sealed class SerialStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "serials-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly DnsName Zone = DnsName.Parse("example.com.");

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void First_version_takes_the_source_serial() => Assert.Equal(2026112801u, new SerialStore(_directory).Next(Zone, 2026112801));

    [Fact]
    public void Unchanged_source_serial_is_bumped_and_remembered_across_instances()
    {
        Assert.Equal(5u, new SerialStore(_directory).Next(Zone, 5));
        Assert.Equal(6u, new SerialStore(_directory).Next(Zone, 5));
        Assert.Equal(7u, new SerialStore(_directory).Next(Zone, 5));
        Assert.Equal(7u, new SerialStore(_directory).LastPublished(Zone));
    }

    [Fact]
    public void A_higher_source_serial_wins()
    {
        var store = new SerialStore(_directory);
        store.Next(Zone, 5);
        Assert.Equal(100u, store.Next(Zone, 100));
    }

    [Fact]
    public void A_lower_source_serial_never_lowers_the_published_one()
    {
        var store = new SerialStore(_directory);
        store.Next(Zone, 100);
        Assert.Equal(101u, store.Next(Zone, 3));
    }

    [Fact]
    public void Serials_wrap_around_rfc1982()
    {
        var store = new SerialStore(_directory);
        Assert.Equal(uint.MaxValue, store.Next(Zone, uint.MaxValue));
        Assert.Equal(0u, store.Next(Zone, uint.MaxValue));
        Assert.Equal(10u, store.Next(Zone, 10)); // 10 is "after" 0 in serial arithmetic
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("12x\n")]
    [InlineData("-5\n")]
    [InlineData("4294967296\n")]
    [InlineData("1 2\n")]
    public void A_corrupt_serial_file_stops_the_zone_rather_than_restarting_lower(string content)
    {
        var store = new SerialStore(_directory);
        store.Next(Zone, 100);
        string path = Path.Combine(_directory, "serials", "example.com.serial");
        File.WriteAllText(path, content);
        var error = Assert.Throws<SerialFileException>(() => store.Next(Zone, 5));
        Assert.Equal(path, error.Path);
        Assert.Contains("not a serial", error.Message);
        Assert.Throws<SerialFileException>(() => store.LastPublished(Zone));
        Assert.Equal(content, File.ReadAllText(path)); // left for the operator to look at
    }

    [Fact]
    public void An_unreadable_serial_file_stops_the_zone()
    {
        // A folder where the file should be cannot be read, whoever runs the test (root reads files of mode 000).
        Directory.CreateDirectory(Path.Combine(_directory, "serials", "example.com.serial"));
        var error = Assert.Throws<SerialFileException>(() => new SerialStore(_directory).Next(Zone, 5));
        Assert.Contains("is a folder", error.Message);
        Assert.Contains("not published until it is fixed", error.Message);
    }

    [Fact]
    public void A_huge_serial_file_is_not_read()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "serials"));
        File.WriteAllText(Path.Combine(_directory, "serials", "example.com.serial"), new string('1', 100_000));
        Assert.Contains("100000 octets", Assert.Throws<SerialFileException>(() => new SerialStore(_directory).LastPublished(Zone)).Message);
    }

    [Fact]
    public void A_lost_serial_file_does_not_take_the_serial_below_the_version_it_follows()
    {
        // The serial file is gone, but the version this one follows (restored from the state folder) had 500.
        Assert.Equal(501u, new SerialStore(_directory).Next(Zone, 7, previousSerial: 500));
        Assert.Equal(502u, new SerialStore(_directory).Next(Zone, 7, previousSerial: 500));
        Assert.Equal(900u, new SerialStore(_directory).Next(Zone, 900, previousSerial: 500));
    }

    [Theory]
    [InlineData(1u, 0u, true)]
    [InlineData(0u, uint.MaxValue, true)]
    [InlineData(0x7FFF_FFFFu, 0u, true)]
    [InlineData(0x8000_0000u, 0u, false)] // undefined: treated as not greater
    [InlineData(5u, 5u, false)]
    [InlineData(4u, 5u, false)]
    public void Serial_arithmetic_rfc1982_section_3_2(uint s1, uint s2, bool greater) =>
        Assert.Equal(greater, SerialArithmetic.IsGreater(s1, s2));
}
