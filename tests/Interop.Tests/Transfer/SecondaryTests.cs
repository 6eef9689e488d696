using Interop.Tests.Dnssec;
using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// Knot, NSD and BIND, each as a secondary listed in our <c>secondaries</c> with a TSIG key: the
/// first transfer (AXFR, signed with the key); then a change to the zone file and SIGHUP make a
/// new version, our NOTIFY signed with the key (the secondary accepts NOTIFY only with it, and we
/// accept its answer only when its TSIG verifies), and the secondary fetches the difference by
/// IXFR. It then serves the new data with signatures that Unbound validates.
/// </summary>
public sealed class SecondaryTests : IDisposable
{
    private static readonly PeerKey Key = new("xfr-key", "hmac-sha256", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTAxMjM=");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "secondary-test-" + Guid.NewGuid().ToString("N")[..8]);

    public SecondaryTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static uint Serial(int port, string zone) => DigTransfer.ServedSerial(port, zone);

    private static ISecondaryPeer StartSecondary(string kind, ServerProcess primary, int port) => kind switch
    {
        "knot" => new KnotSecondary(primary.EndPoint, ["example.com."], port, acceptNotify: true, key: Key),
        "nsd" => new NsdSecondary(primary.EndPoint, ["example.com."], port, Key),
        "bind" => new BindSecondary(primary.EndPoint, ["example.com."], port, Key),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [InlineData("knot")]
    [InlineData("nsd")]
    [InlineData("bind")]
    public void A_secondary_with_a_key_follows_a_change_by_signed_notify_and_ixfr(string kind)
    {
        int port = FreePort.Get();
        string config = Path.Combine(_directory, "config.json");
        // No allow-transfer: the only way to the zone is the key the secondaries entry names.
        File.WriteAllText(config, $$"""
            {
              "tsig-keys": [ { "name": "{{Key.Name}}", "algorithm": "{{Key.Algorithm}}", "secret": "{{Key.Secret}}" } ],
              "secondaries": [ { "address": "127.0.0.1:{{port}}", "tsig-key": "{{Key.Name}}" } ]
            }
            """);
        using var primary = new ServerProcess(Path.Combine(AppContext.BaseDirectory, "ServeZones"), "--config", config);
        using var secondary = StartSecondary(kind, primary, port);
        Assert.True(secondary.WaitForZone("example.com.", TimeSpan.FromSeconds(30)), $"{secondary.Name} did not load the zone\n{secondary.Log}\n{primary.Log}");
        uint before = Serial(port, "example.com.");
        Assert.Matches(@"zone example\.com\.: AXFR of serial \d+ to 127\.0\.0\.1:\d+ \(key xfr-key\.\)", primary.Log);

        // A plain transfer without the key is refused: the secondaries entry admits the key, not the address.
        var refused = ExternalTool.Run("dig", ["@127.0.0.1", "-p", primary.Port.ToString(), "+tries=1", "+time=5", "example.com.", "AXFR"]);
        Assert.Contains("Transfer failed", refused.Output);

        File.AppendAllText(Path.Combine(primary.ZonesDirectory, "example.com.zone"), "followed A 192.0.2.77\n");
        primary.Signal(1);
        // The SOA's refresh is two hours: only the NOTIFY explains a quick follow.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && Serial(port, "example.com.") == before) { Thread.Sleep(200); }
        uint after = Serial(port, "example.com.");
        Assert.True(after != before, $"{secondary.Name} did not follow\n{primary.Log}\n{secondary.Log}");

        // Our NOTIFY was signed and the secondary's signed answer verified (else no "acknowledged").
        Assert.Matches($@"NOTIFY for serial {after} acknowledged by 127\.0\.0\.1:{port} \(key xfr-key\.\)", primary.Log);
        // (At start-up a secondary still loading may answer the first NOTIFY unsigned; that one is retried.)
        Assert.DoesNotContain($"NOTIFY for serial {after} is not accepted", primary.Log);
        // The secondary fetched the difference by IXFR: its log, and ours.
        Assert.Matches($@"IXFR from serial {before} to {after}: \d+ records removed, \d+ added to 127\.0\.0\.1:\d+ \(key xfr-key\.\)", primary.Log);
        Assert.True(secondary.UsedIxfr, $"{secondary.Name} did not use IXFR\n{secondary.Log}");

        // The new data, signed, from the secondary; and Unbound, pointed at the secondary alone, validates it.
        var answer = ExternalTool.Run("dig", ["@127.0.0.1", "-p", port.ToString(), "+norec", "+dnssec", "+tries=1", "+time=3", "followed.example.com.", "A"]);
        Assert.Contains("192.0.2.77", answer.Output);
        Assert.Matches(@"\sIN\s+RRSIG\s+A\s", answer.Output);
        var anchor = ExternalTool.Run("dig", ["@127.0.0.1", "-p", primary.Port.ToString(), "+norec", "+noall", "+answer", "example.com.", "DNSKEY"]).Output;
        using var unbound = new UnboundProcess(["example.com"], secondary.EndPoint, anchor);
        foreach (var (name, type, status) in ((string, string, string)[])[("followed.example.com.", "A", "NOERROR"), ("nothing.example.com.", "A", "NXDOMAIN")])
        {
            var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", unbound.Port.ToString(), "+dnssec", "+tries=1", "+time=5", name, type]);
            Assert.Contains($"status: {status}", r.Output);
            Assert.Matches(@"flags:[^;]* ad[ ;]", r.Output);
        }
    }
}
