using Interop.Tests.Serving;
using Interop.Tests.Transfer;
using static Interop.Tests.Transfer.DigTransfer;

namespace Interop.Tests.Faults;

/// <summary>
/// The state folder on a disk that fills up or turns read-only under a running server: serving goes
/// on with the versions in memory, the failure is logged for the zone that tried to publish, and once
/// the disk takes writes again the change is published by the retry alone (no signal), with a journal
/// that agrees with what is served (an IXFR from the old serial gives exactly the change).
/// </summary>
public sealed class StateFolderFaultTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fault-test-" + Guid.NewGuid().ToString("N")[..8]);

    public StateFolderFaultTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private ServerProcess Start(TmpfsMount disk)
    {
        string config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, """{ "allow-transfer": ["127.0.0.1"], "publish-retry-first": "1", "publish-retry-max": "2" }""");
        var server = new ServerProcess(Path.Combine(AppContext.BaseDirectory, "ServeZones"), ["--config", config], Path.Combine(disk.Path, "state"));
        // Every signed version written first, so that the fault meets the change and nothing else.
        foreach (var zone in new[] { "example.com.", "child.example.com." })
        {
            Assert.True(WaitUntil(() => server.Log.Contains($"zone {zone}: signed version stored", StringComparison.Ordinal), 30), server.Log);
        }
        return server;
    }

    private static bool WaitUntil(Func<bool> condition, double seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) { return true; }
            Thread.Sleep(100);
        }
        return condition();
    }

    private static bool Answers(ServerProcess server, string name) =>
        ExternalTool.Run("dig", ["@127.0.0.1", "-p", server.Port.ToString(), "+norec", "+short", "+tries=1", "+time=2", name, "A"]).Output.Trim().Length > 0;

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    /// <summary>Changes example.com. while <paramref name="breakDisk"/> holds, then mends it and checks the recovery.</summary>
    private void ChangeWhileBroken(ServerProcess server, Action breakDisk, Action mendDisk, string error)
    {
        var before = Run(server.Port, "AXFR");
        uint serial = SerialOf(before[0]);
        breakDisk();
        File.AppendAllText(Path.Combine(server.ZonesDirectory, "example.com.zone"), "fault A 192.0.2.99\n");
        server.Signal(1);
        // Two tries, both failing for this zone alone; everything served goes on being served.
        Assert.True(WaitUntil(() => Count(server.Log, "zone example.com.: sign failed") >= 2, 20), server.Log);
        Assert.Contains(error, server.Log);
        Assert.DoesNotContain("zone child.example.com.: sign failed", server.Log);
        Assert.Equal(serial, ServedSerial(server.Port, "example.com."));
        Assert.True(Answers(server, "www.example.com."), "no longer answering");
        Assert.False(Answers(server, "fault.example.com."));

        mendDisk();
        Assert.True(WaitUntil(() => Answers(server, "fault.example.com."), 20), $"not published after the disk came back\n{server.Log}");
        uint current = ServedSerial(server.Port, "example.com.");
        Assert.True(Desec.Signer.Signing.SerialArithmetic.IsGreater(current, serial));
        var ixfr = Run(server.Port, $"IXFR={serial}");
        var (removed, added) = Difference(ixfr, serial, current);
        var applied = before.Where(l => !IsSoa(l)).Except(removed).Concat(added).Order();
        Assert.Equal(Run(server.Port, "AXFR").Where(l => !IsSoa(l)).Order(), applied);
        Assert.Contains(added, l => l.StartsWith("fault.example.com.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_full_disk_stops_only_the_publishing_of_the_zone_that_changed_until_space_returns()
    {
        using var disk = new TmpfsMount("4m");
        using var server = Start(disk);
        ChangeWhileBroken(server, disk.Fill, disk.Free, "No space left on device");
    }

    [Fact]
    public void A_read_only_state_folder_stops_only_the_publishing_of_the_zone_that_changed_until_it_is_writable()
    {
        using var disk = new TmpfsMount("4m");
        using var server = Start(disk);
        ChangeWhileBroken(server, disk.ReadOnly, disk.ReadWrite, "Read-only file system");
    }
}
