using static Interop.Tests.Transfer.DigTransfer;
using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// IXFR from the journal (RFC 1995): after a change, the IXFR from the old serial is exactly the
/// difference of the two AXFRs; an up-to-date client gets the SOA alone; a serial the journal does
/// not know gets the whole zone.
/// </summary>
public sealed class IxfrTests : IDisposable
{
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"ixfr-config-{Guid.NewGuid():N}.json");
    private readonly ServerProcess _server;

    public IxfrTests()
    {
        File.WriteAllText(_config, """{ "allow-transfer": ["127.0.0.1"] }""");
        _server = new ServerProcess(Path.Combine(AppContext.BaseDirectory, "ServeZones"), "--config", _config);
    }

    public void Dispose()
    {
        _server.Dispose();
        File.Delete(_config);
    }

    private List<string> Transfer(string type) => DigTransfer.Run(_server.Port, type);

    [Fact]
    public void Ixfr_is_the_difference_of_the_two_axfrs()
    {
        var v1 = Transfer("AXFR");
        uint serial1 = SerialOf(v1[0]);
        File.AppendAllText(Path.Combine(_server.ZonesDirectory, "example.com.zone"), "ixfr-new A 192.0.2.201\n");
        _server.Signal(1);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<string> v2;
        do { Thread.Sleep(200); v2 = Transfer("AXFR"); } while (SerialOf(v2[0]) == serial1 && DateTime.UtcNow < deadline);
        uint serial2 = SerialOf(v2[0]);
        Assert.NotEqual(serial1, serial2);

        var ixfr = Transfer($"IXFR={serial1}");
        var difference = DigTransfer.Difference(ixfr, serial1, serial2);
        var removed = difference.Removed.ToHashSet();
        var added = difference.Added.ToHashSet();
        var before = v1.Where(l => !IsSoa(l)).ToHashSet();
        var after = v2.Where(l => !IsSoa(l)).ToHashSet();
        Assert.Equal(before.Except(after).Order(), removed.Order());
        Assert.Equal(after.Except(before).Order(), added.Order());
        Assert.Contains(added, l => l.StartsWith("ixfr-new.example.com.", StringComparison.Ordinal));

        var upToDate = Transfer($"IXFR={serial2}");
        Assert.Single(upToDate);
        Assert.Equal(serial2, SerialOf(upToDate[0]));

        var unknown = Transfer($"IXFR={serial1 - 1000}");
        Assert.Equal(v2.Count, unknown.Count); // the whole zone, AXFR form
    }
}
