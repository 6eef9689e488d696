using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// NOTIFY (RFC 1996): a change to a zone file picked up by SIGHUP becomes a new version, the
/// server notifies Knot as a secondary, and Knot serves the new serial at once (its refresh timer,
/// two hours by the SOA, cannot explain it). A NOTIFY sent to this server, the primary, is refused.
/// </summary>
public sealed class NotifyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "notify-test-" + Guid.NewGuid().ToString("N")[..8]);

    public NotifyTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static uint Serial(int port, string zone) => DigTransfer.ServedSerial(port, zone);

    [Fact]
    public void A_changed_zone_is_notified_and_the_secondary_follows()
    {
        int knotPort = FreePort.Get();
        string config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, $$"""{ "allow-transfer": ["127.0.0.1"], "notify": ["127.0.0.1:{{knotPort}}"] }""");
        using var primary = new ServerProcess(Path.Combine(AppContext.BaseDirectory, "ServeZones"), "--config", config);
        using var knot = new KnotSecondary(primary.EndPoint, ["example.com."], knotPort, acceptNotify: true);
        Assert.True(knot.WaitForZone("example.com.", TimeSpan.FromSeconds(30)), knot.Log);
        uint before = Serial(knotPort, "example.com.");

        File.AppendAllText(Path.Combine(primary.ZonesDirectory, "example.com.zone"), "notified A 192.0.2.123\n");
        primary.Signal(1);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && Serial(knotPort, "example.com.") == before) { Thread.Sleep(200); }
        Assert.True(Serial(knotPort, "example.com.") != before, $"the secondary did not follow\n{primary.Log}\n{knot.Log}");
        var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", knotPort.ToString(), "+norec", "+short", "notified.example.com.", "A"]);
        Assert.Contains("192.0.2.123", r.Output);
        Assert.Contains("NOTIFY for serial", primary.Log);
        // The secondary caught up by IXFR from the journal, not by a whole-zone transfer.
        Assert.Matches(@"IXFR, incoming", knot.Log);
        Assert.DoesNotContain("AXFR-style IXFR", knot.Log);
    }

    [Fact]
    public void A_notify_sent_to_the_primary_is_refused()
    {
        using var primary = new ServerProcess(Path.Combine(AppContext.BaseDirectory, "ServeZones"));
        var (message, _) = Desec.Auth.Transfer.NotifyMessage.Build(Desec.Zone.Names.DnsName.Parse("example.com."), 0x5151, soa: null, key: null, DateTimeOffset.UtcNow);
        var reply = RawDnsClient.Udp(primary.EndPoint, message);
        Assert.NotNull(reply);
        Assert.True(Desec.Zone.Messages.MessageHeader.TryRead(reply, out var header));
        Assert.Equal(Desec.Zone.Messages.Rcode.Refused, Desec.Zone.Messages.RcodeExtensions.Combine(header.RcodeBits, 0));
        Assert.Equal(Desec.Zone.Messages.Opcode.Notify, header.Opcode); // echoed
    }
}
