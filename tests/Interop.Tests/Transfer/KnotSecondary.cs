using System.Diagnostics;
using System.Net;
using System.Text;
using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>
/// Knot DNS (knotd 3.2) as a secondary of our server: it transfers each zone by AXFR from
/// <c>primary</c> and serves what it got, on its own free loopback port.
/// </summary>
public sealed class KnotSecondary : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log = new();

    /// <param name="port">The port to listen on (default: a free one).</param>
    /// <param name="acceptNotify">Let the primary's NOTIFY trigger a refresh (RFC 1996).</param>
    public KnotSecondary(IPEndPoint primary, IEnumerable<string> zones, int? port = null, bool acceptNotify = false)
    {
        _directory = Path.Combine(Path.GetTempPath(), "knot-secondary-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        Port = port ?? FreePort.Get();
        var config = new StringBuilder();
        config.AppendLine($"server:\n    listen: 127.0.0.1@{Port}\n    rundir: {_directory}\n    user: root:root");
        config.AppendLine($"database:\n    storage: {_directory}/db");
        config.AppendLine("log:\n  - target: stderr\n    any: info");
        config.AppendLine($"remote:\n  - id: primary\n    address: {primary.Address}@{primary.Port}");
        if (acceptNotify) { config.AppendLine($"acl:\n  - id: from_primary\n    address: {primary.Address}\n    action: notify"); }
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

    /// <summary>Waits until Knot answers the zone's SOA authoritatively (the transfer is done).</summary>
    public bool WaitForZone(string zone, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) { return false; }
            var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", Port.ToString(), "+norec", "+tries=1", "+time=1", zone, "SOA"]);
            if (r.Output.Contains("status: NOERROR", StringComparison.Ordinal) && r.Output.Contains(" aa", StringComparison.Ordinal)) { return true; }
            Thread.Sleep(200);
        }
        return false;
    }

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
