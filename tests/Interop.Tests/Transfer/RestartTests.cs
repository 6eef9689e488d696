using static Interop.Tests.Transfer.DigTransfer;
using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// A restart goes on from the signed version kept in the state folder: with nothing changed it
/// serves that version as it is (same serial, same signatures, nothing signed); with a zone file
/// changed while the server was down, the new version re-signs only the change and IXFR from the
/// serial served before the restart (RFC 1995) gives exactly that change, which a Knot secondary,
/// notified at start-up, takes by IXFR.
/// </summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "restart-test-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _zones;
    private readonly string _state;

    public RestartTests()
    {
        _zones = Path.Combine(_directory, "zones");
        _state = Path.Combine(_directory, "state");
        Directory.CreateDirectory(_zones);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ServeZones"), "*.zone"))
        {
            File.Copy(file, Path.Combine(_zones, Path.GetFileName(file)));
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private string Config(string json)
    {
        string path = Path.Combine(_directory, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static List<string> Transfer(int port, string type) => DigTransfer.Run(port, type);

    /// <summary>Waits until the server has written its signed version of example.com. to the state folder, then stops it with SIGTERM.</summary>
    private static void StoreAndStop(ServerProcess server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!server.Log.Contains("zone example.com.: signed version stored", StringComparison.Ordinal) && DateTime.UtcNow < deadline) { Thread.Sleep(100); }
        Assert.Contains("zone example.com.: signed version stored", server.Log);
        server.Signal(15);
        Assert.True(server.Process.WaitForExit(15000), server.Log);
    }

    [Fact]
    public void A_restart_with_nothing_changed_serves_the_kept_version_as_it_is()
    {
        string config = Config("""{ "allow-transfer": ["127.0.0.1"] }""");
        List<string> before;
        using (var first = new ServerProcess(_zones, ["--config", config], _state))
        {
            before = Transfer(first.Port, "AXFR");
            StoreAndStop(first);
        }
        Assert.True(File.Exists(Path.Combine(_state, "signed", "example.com.signed")));

        using var second = new ServerProcess(_zones, ["--config", config], _state);
        Assert.Contains("zone example.com. loaded from state, not signed again", second.Log);
        Assert.DoesNotContain("zone example.com. signed:", second.Log);
        // Same serial, same signatures, same everything, in the same order.
        Assert.Equal(before, Transfer(second.Port, "AXFR"));
        var upToDate = Transfer(second.Port, $"IXFR={SerialOf(before[0])}");
        Assert.Single(upToDate);
    }

    [Fact]
    public void A_zone_changed_while_down_is_served_by_ixfr_from_the_serial_before_the_restart()
    {
        int knotPort = FreePort.Get();
        string config = Config($$"""{ "allow-transfer": ["127.0.0.1"], "notify": ["127.0.0.1:{{knotPort}}"] }""");
        List<string> v1;
        int primaryPort;
        using var first = new ServerProcess(_zones, ["--config", config], _state);
        using var knot = new KnotSecondary(first.EndPoint, ["example.com."], knotPort, acceptNotify: true);
        Assert.True(knot.WaitForZone("example.com.", TimeSpan.FromSeconds(30)), knot.Log);
        v1 = Transfer(first.Port, "AXFR");
        uint serial1 = SerialOf(v1[0]);
        primaryPort = first.Port;
        StoreAndStop(first);

        // While the server is down: one record added, one changed.
        string file = Path.Combine(_zones, "example.com.zone");
        File.WriteAllText(file, File.ReadAllText(file).Replace("mail     A     192.0.2.25", "mail     A     192.0.2.26") + "while-down A 192.0.2.124\n");

        // Back on the port the secondary knows.
        using var second = new ServerProcess(_zones, ["--config", config, "--listen", $"127.0.0.1:{primaryPort}"], _state);
        Assert.Contains("zone example.com.: the signed version in state (serial", second.Log);
        Assert.Contains("the zone changed since it was signed", second.Log);
        var v2 = Transfer(second.Port, "AXFR");
        uint serial2 = SerialOf(v2[0]);
        Assert.True(Desec.Signer.Signing.SerialArithmetic.IsGreater(serial2, serial1));

        var ixfr = Transfer(second.Port, $"IXFR={serial1}");
        var difference = DigTransfer.Difference(ixfr, serial1, serial2);
        var removed = difference.Removed.ToHashSet();
        var added = difference.Added.ToHashSet();
        var before = v1.Where(l => !IsSoa(l)).ToHashSet();
        var after = v2.Where(l => !IsSoa(l)).ToHashSet();
        Assert.Equal(before.Except(after).Order(), removed.Order());
        Assert.Equal(after.Except(before).Order(), added.Order());
        Assert.Contains(added, l => l.StartsWith("while-down.example.com.", StringComparison.Ordinal));
        Assert.Contains(removed, l => l.StartsWith("mail.example.com.", StringComparison.Ordinal) && l.EndsWith("192.0.2.25", StringComparison.Ordinal));
        // Signature reuse across the restart: most signatures stay as they were.
        int signatures = before.Count(l => l.Split(' ')[3] == "RRSIG");
        Assert.True(removed.Count(l => l.Split(' ')[3] == "RRSIG") < signatures / 3, string.Join("\n", removed));

        // Knot, notified at start-up, follows by IXFR.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !ExternalTool.Run("dig", ["@127.0.0.1", "-p", knotPort.ToString(), "+norec", "+short", "example.com.", "SOA"]).Output.Contains($" {serial2} "))
        {
            Thread.Sleep(200);
        }
        var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", knotPort.ToString(), "+norec", "+short", "while-down.example.com.", "A"]);
        Assert.True(r.Output.Contains("192.0.2.124"), $"the secondary did not follow\n{second.Log}\n{knot.Log}");
        Assert.Matches(@"IXFR, incoming", knot.Log);
        Assert.DoesNotContain("AXFR-style IXFR", knot.Log);
    }
}
