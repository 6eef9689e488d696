using System.Diagnostics;
using System.Net;
using System.Text;
using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// Knot DNS (knotd 3.2) as a secondary of our server: it transfers each zone by AXFR from
/// <c>primary</c> and serves what it got, on its own free loopback port.
/// </summary>
public sealed class KnotSecondary : ISecondaryPeer
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log = new();

    /// <param name="port">The port to listen on (default: a free one).</param>
    /// <param name="acceptNotify">Let the primary's NOTIFY trigger a refresh (RFC 1996).</param>
    /// <param name="key">A TSIG key: transfers are requested with it, and NOTIFY is accepted only when signed with it.</param>
    public KnotSecondary(IPEndPoint primary, IEnumerable<string> zones, int? port = null, bool acceptNotify = false, PeerKey? key = null)
    {
        _directory = Path.Combine(Path.GetTempPath(), "knot-secondary-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        Port = port ?? FreePort.Get();
        var config = new StringBuilder();
        config.AppendLine($"server:\n    listen: 127.0.0.1@{Port}\n    rundir: {_directory}\n    user: root:root");
        config.AppendLine($"database:\n    storage: {_directory}/db");
        config.AppendLine("log:\n  - target: stderr\n    any: info");
        if (key is not null) { config.AppendLine($"key:\n  - id: {key.Name}\n    algorithm: {key.Algorithm}\n    secret: {key.Secret}"); }
        string keyLine = key is null ? "" : $"\n    key: {key.Name}";
        config.AppendLine($"remote:\n  - id: primary\n    address: {primary.Address}@{primary.Port}{keyLine}");
        if (acceptNotify) { config.AppendLine($"acl:\n  - id: from_primary\n    address: {primary.Address}{keyLine}\n    action: notify"); }
        config.AppendLine("zone:");
        foreach (var zone in zones)
        {
            // No zone file written and no journal: what Knot serves is exactly what it transferred.
            config.AppendLine($"  - domain: {zone}\n    master: primary\n    file: {_directory}/{zone}zone\n"
                + "    zonefile-sync: -1\n    zonefile-load: none\n    journal-content: none\n    semantic-checks: on"
                + (acceptNotify ? "\n    acl: from_primary" : ""));
        }
        string configPath = Path.Combine(_directory, "knot.conf");
        File.WriteAllText(configPath, config.ToString());
        var start = new ProcessStartInfo("knotd") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(configPath);
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_log) { _log.AppendLine(e.Data); } } };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_log) { _log.AppendLine(e.Data); } } };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public int Port { get; }
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);
    public string Log { get { lock (_log) { return _log.ToString(); } } }
    public string Name => "Knot";

    /// <summary>Waits until Knot answers the zone's SOA authoritatively (the transfer is done).</summary>
    public bool WaitForZone(string zone, TimeSpan timeout) => SecondaryPeer.WaitForZone(_process, Port, zone, timeout);

    /// <summary>Knot 3.2 logs "IXFR, incoming" for an incremental transfer and "AXFR-style IXFR" when it got the whole zone instead.</summary>
    public bool UsedIxfr => Log.Contains("IXFR, incoming", StringComparison.Ordinal) && !Log.Contains("AXFR-style IXFR", StringComparison.Ordinal);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
