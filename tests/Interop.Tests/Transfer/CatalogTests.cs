using System.Diagnostics;
using System.Text;
using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// The catalog zone (RFC 9432) with Knot as the consumer (catalog-role: interpret): Knot picks up
/// every member zone from it, then a zone added here appears on Knot and a removed one disappears,
/// each through a new catalog version announced by NOTIFY.
/// </summary>
public sealed class CatalogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "catalog-test-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _knot;
    private readonly StringBuilder _knotLog = new();

    public CatalogTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        if (_knot is { HasExited: false }) { _knot.Kill(entireProcessTree: true); _knot.WaitForExit(5000); }
        _knot?.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private void StartKnot(int port, int primaryPort)
    {
        string knot = Path.Combine(_directory, "knot");
        Directory.CreateDirectory(Path.Combine(knot, "db")); // Knot opens its catalog database there and does not create the folder
        string config = $"""
            server:
                listen: 127.0.0.1@{port}
                rundir: {knot}
                user: root:root
            database:
                storage: {knot}/db
            log:
              - target: stderr
                any: info
            remote:
              - id: primary
                address: 127.0.0.1@{primaryPort}
            acl:
              - id: from_primary
                address: 127.0.0.1
                action: notify
            template:
              - id: default
                storage: {knot}
                zonefile-sync: -1
                zonefile-load: none
                journal-content: none
              - id: member
                storage: {knot}
                master: primary
                acl: from_primary
                zonefile-sync: -1
                zonefile-load: none
                journal-content: none
            zone:
              - domain: catalog.invalid.
                master: primary
                acl: from_primary
                catalog-role: interpret
                catalog-template: member
            """;
        File.WriteAllText(Path.Combine(knot, "knot.conf"), config);
        var start = new ProcessStartInfo("knotd") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Path.Combine(knot, "knot.conf"));
        _knot = Process.Start(start)!;
        _knot.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_knotLog) { _knotLog.AppendLine(e.Data); } } };
        _knot.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_knotLog) { _knotLog.AppendLine(e.Data); } } };
        _knot.BeginErrorReadLine();
        _knot.BeginOutputReadLine();
    }

    private static bool Serves(int port, string zone)
    {
        var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", port.ToString(), "+norec", "+tries=1", "+time=1", zone, "SOA"]);
        return r.Output.Contains("status: NOERROR", StringComparison.Ordinal) && r.Output.Contains(" aa", StringComparison.Ordinal);
    }

    private void WaitUntil(Func<bool> condition, string what, ServerProcess primary)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(40))
        {
            if (condition()) { return; }
            Thread.Sleep(250);
        }
        string log;
        lock (_knotLog) { log = _knotLog.ToString(); }
        Assert.Fail($"timed out waiting for {what}\n--- primary ---\n{primary.Log}\n--- knot ---\n{log}");
    }

    [Fact]
    public void Knot_follows_the_catalog_as_zones_come_and_go()
    {
        int knotPort = FreePort.Get();
        string config = Path.Combine(_directory, "config.json");
        File.WriteAllText(config, $$"""
            {
              "catalog": "catalog.invalid.",
              "allow-transfer": ["127.0.0.1"],
              "notify": ["127.0.0.1:{{knotPort}}"],
              "zone-transfer": { "example.com.": { "catalog-group": "customers" } }
            }
            """);
        using var primary = new ServerProcess(Path.Combine(AppContext.BaseDirectory, "ServeZones"), "--config", config);

        // The catalog itself, as RFC 9432 §4 lays it out.
        var catalog = ExternalTool.Run("dig", ["@127.0.0.1", "-p", primary.Port.ToString(), "+onesoa", "catalog.invalid.", "AXFR"]).Output;
        Assert.Matches(@"version\.catalog\.invalid\.\s+0\s+IN\s+TXT\s+""2""", catalog);
        Assert.Matches(@"catalog\.invalid\.\s+0\s+IN\s+NS\s+invalid\.", catalog);
        Assert.Matches(@"[0-9a-f]{20}\.zones\.catalog\.invalid\.\s+0\s+IN\s+PTR\s+example\.com\.", catalog);
        Assert.Matches(@"group\.[0-9a-f]{20}\.zones\.catalog\.invalid\.\s+0\s+IN\s+TXT\s+""customers""", catalog);

        StartKnot(knotPort, primary.Port);
        WaitUntil(() => Serves(knotPort, "example.com.") && Serves(knotPort, "child.example.com."), "Knot to serve every member", primary);

        File.WriteAllText(Path.Combine(primary.ZonesDirectory, "added.test.zone"),
            "$TTL 60\n@ SOA ns hostmaster 1 7200 3600 1209600 60\n@ NS ns\nns A 192.0.2.1\n");
        primary.Signal(1);
        WaitUntil(() => Serves(knotPort, "added.test."), "the added zone on Knot", primary);

        File.Delete(Path.Combine(primary.ZonesDirectory, "child.example.com.zone"));
        primary.Signal(1);
        WaitUntil(() => !Serves(knotPort, "child.example.com."), "the removed zone to disappear from Knot", primary);
    }
}
