using static Interop.Tests.Transfer.DigTransfer;
using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// IXFR from the journal (RFC 1995): after a change, the IXFR from the old serial is exactly the
/// difference of the two AXFRs; an up-to-date client gets the SOA alone; a serial the journal does
/// not know gets the whole zone. Over UDP (§2) the difference comes in one datagram when it fits,
/// else the SOA alone; a peer outside the ACL is refused.
/// </summary>
public sealed class IxfrTests : IDisposable
{
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"ixfr-config-{Guid.NewGuid():N}.json");
    private readonly ServerProcess _server;

    public IxfrTests()
    {
        File.WriteAllText(_config, """{ "allow-transfer": ["127.0.0.1"], "max-udp-payload": 4096 }""");
        _server = new ServerProcess(Path.Combine(AppContext.BaseDirectory, "ServeZones"), "--config", _config);
    }

    public void Dispose()
    {
        _server.Dispose();
        File.Delete(_config);
    }

    private List<string> Transfer(string type, params string[] options) => DigTransfer.Run(_server.Port, type, options);

    /// <summary>Adds a name to the zone and waits for the new version: the AXFRs before and after.</summary>
    private (List<string> Before, List<string> After) Change()
    {
        var v1 = Transfer("AXFR");
        uint serial1 = SerialOf(v1[0]);
        File.AppendAllText(Path.Combine(_server.ZonesDirectory, "example.com.zone"), "ixfr-new A 192.0.2.201\n");
        _server.Signal(1);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<string> v2;
        do { Thread.Sleep(200); v2 = Transfer("AXFR"); } while (SerialOf(v2[0]) == serial1 && DateTime.UtcNow < deadline);
        Assert.NotEqual(serial1, SerialOf(v2[0]));
        return (v1, v2);
    }

    [Fact]
    public void Ixfr_is_the_difference_of_the_two_axfrs()
    {
        var (v1, v2) = Change();
        uint serial1 = SerialOf(v1[0]);
        uint serial2 = SerialOf(v2[0]);

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

    [Fact]
    public void Rfc1995_2_ixfr_over_udp_is_the_difference_when_it_fits_else_the_soa_alone()
    {
        var (v1, v2) = Change();
        uint serial1 = SerialOf(v1[0]);
        uint serial2 = SerialOf(v2[0]);
        var overTcp = Transfer($"IXFR={serial1}");

        // dig +notcp keeps to UDP: the whole difference fits in 4096 octets.
        var overUdp = Transfer($"IXFR={serial1}", "+notcp", "+bufsize=4096");
        Assert.Equal(overTcp, overUdp);
        DigTransfer.Difference(overUdp, serial1, serial2);

        // In 512 octets it does not: the current SOA alone tells the client to use TCP.
        var tooSmall = Transfer($"IXFR={serial1}", "+notcp", "+bufsize=512");
        Assert.Equal(serial2, SerialOf(Assert.Single(tooSmall)));

        // Up to date: the SOA alone over UDP too (RFC 1995 §4).
        Assert.Equal(serial2, SerialOf(Assert.Single(Transfer($"IXFR={serial2}", "+notcp", "+bufsize=4096"))));
    }

    [Fact]
    public void Rfc5936_2_2_1_ixfr_over_udp_from_an_address_outside_the_acl_is_refused()
    {
        // 127.0.0.2 is loopback too, but not in allow-transfer; the UDP path hands the handler the
        // sender's address, so the ACL applies over UDP as over TCP.
        foreach (var source in (string[])["127.0.0.2", "127.0.0.1"])
        {
            var r = ExternalTool.Run("kdig", ["@127.0.0.1", "-p", _server.Port.ToString(), "-b", source, "+notcp", "+retry=0", "+time=5",
                "example.com.", "IXFR=1"]);
            if (source == "127.0.0.2") { Assert.Contains("REFUSED", r.Output + r.Error); }
            else { Assert.Matches(@"(?m)^example\.com\.\s+\d+\s+IN\s+SOA\s", r.Output); }
        }
    }
}
