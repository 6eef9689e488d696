using System.Diagnostics;
using Desec.Zone.Records;

namespace Interop.Tests.Serving;

/// <summary>SIGHUP reloads changed zone files (a bad file keeps its old version); SIGTERM and SIGINT stop cleanly.</summary>
public sealed class SignalTests
{
    private static readonly string Zones = Path.Combine(AppContext.BaseDirectory, "ServeZones");

    private static ResponseSummary Ask(ServerProcess server, string name, ushort type) =>
        ResponseSummary.Parse(RawDnsClient.Udp(server.EndPoint, KnotDifferentialTests.Query(name, type))!);

    private static void WaitFor(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (condition()) { return; }
            Thread.Sleep(50);
        }
        Assert.Fail($"timed out waiting for {what}");
    }

    [Fact]
    public void Sighup_reloads_a_changed_file_and_keeps_the_old_version_of_a_broken_one()
    {
        using var server = new ServerProcess(Zones);
        string file = Path.Combine(server.ZonesDirectory, "child.example.com.zone");
        File.AppendAllText(file, "new A 192.0.2.99\n");
        server.Signal(1);
        WaitFor(() => Ask(server, "new.child.example.com.", RRType.A).Answer.Count == 1, "the new record");

        // A broken version: the old one stays.
        File.AppendAllText(file, "broken A 999.1.1.1\n");
        server.Signal(1);
        WaitFor(() => server.Log.Contains("not loaded", StringComparison.Ordinal), "the error in the log");
        Assert.Contains("999.1.1.1", server.Log);
        Assert.Single(Ask(server, "new.child.example.com.", RRType.A).Answer);

        // A new file becomes a new zone; a removed file stops being served.
        File.WriteAllText(Path.Combine(server.ZonesDirectory, "added.test.zone"),
            "$TTL 60\n@ SOA ns hostmaster 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n");
        File.Delete(Path.Combine(server.ZonesDirectory, "example.com.zone"));
        server.Signal(1);
        WaitFor(() => Ask(server, "ns.added.test.", RRType.A).Answer.Count == 1, "the added zone");
        Assert.Equal(5, Ask(server, "www.example.com.", RRType.A).Rcode); // REFUSED: no longer served
    }

    [Theory]
    [InlineData(15)]
    [InlineData(2)]
    public void Sigterm_and_sigint_stop_cleanly(int signal)
    {
        using var server = new ServerProcess(Zones);
        server.Signal(signal);
        Assert.True(server.Process.WaitForExit(10_000), "the server did not stop");
        Assert.Equal(0, server.Process.ExitCode);
    }

    [Fact]
    public void With_watch_zones_a_changed_file_is_reloaded_without_a_signal()
    {
        string config = Path.Combine(Path.GetTempPath(), $"watch-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """{ "watch-zones": true }""");
        try
        {
            using var server = new ServerProcess(Zones, "--config", config);
            File.AppendAllText(Path.Combine(server.ZonesDirectory, "child.example.com.zone"), "watched A 192.0.2.98\n");
            WaitFor(() => Ask(server, "watched.child.example.com.", RRType.A).Answer.Count == 1, "the watched change");
        }
        finally { File.Delete(config); }
    }
}
