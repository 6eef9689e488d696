using System.Diagnostics;
using System.Net;
using Interop.Tests.Serving;

namespace Interop.Tests.Dnssec;

/// <summary>Unbound from Debian as a validating resolver on a free loopback port, with stub zones pointing at our server.</summary>
public sealed class UnboundProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    /// <param name="otherStubs">Zones served by another server than <paramref name="server"/>.</param>
    public UnboundProcess(IEnumerable<string> stubZones, IPEndPoint server, string trustAnchors,
        IEnumerable<(string Zone, IPEndPoint Server)>? otherStubs = null)
    {
        _directory = Path.Combine(Path.GetTempPath(), "unbound-test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        Port = FreePort.Get();
        File.WriteAllText(Path.Combine(_directory, "anchors"), trustAnchors);
        var config = new System.Text.StringBuilder();
        config.AppendLine($"""
            server:
              interface: 127.0.0.1
              port: {Port}
              do-not-query-localhost: no
              use-syslog: no
              logfile: ""
              chroot: ""
              username: ""
              directory: "{_directory}"
              pidfile: "{_directory}/unbound.pid"
              trust-anchor-file: "{_directory}/anchors"
              module-config: "validator iterator"
              qname-minimisation: no
              val-log-level: 2
              verbosity: 1
              harden-referral-path: no
              target-fetch-policy: "0 0 0 0 0"
            remote-control:
              control-enable: no
            """);
        foreach (var (zone, address) in stubZones.Select(z => (z, server)).Concat(otherStubs ?? []))
        {
            config.AppendLine($"stub-zone:\n  name: \"{zone}\"\n  stub-addr: {address.Address}@{address.Port}");
        }
        string configPath = Path.Combine(_directory, "unbound.conf");
        File.WriteAllText(configPath, config.ToString());
        var start = new ProcessStartInfo("unbound") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-d", "-c", configPath]) { start.ArgumentList.Add(argument); }
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (Log) { Log.AppendLine(e.Data); } } };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (Log) { Log.AppendLine(e.Data); } } };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var probe = ExternalTool.Run("dig", ["@127.0.0.1", "-p", Port.ToString(), "+tries=1", "+time=1", "version.server", "CH", "TXT"]);
            if (probe.Output.Contains("status:", StringComparison.Ordinal)) { return; }
            if (_process.HasExited) { break; }
            Thread.Sleep(100);
        }
        throw new InvalidOperationException($"unbound did not start:\n{Log}");
    }

    public int Port { get; }
    public System.Text.StringBuilder Log { get; } = new();

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
