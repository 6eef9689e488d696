using System.Diagnostics;
using System.Net;

namespace Interop.Tests.Serving;

/// <summary>Knot DNS (knotd from Debian) serving the same zone files unsigned on a free loopback port.</summary>
public sealed class KnotProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    public KnotProcess(IEnumerable<(string Origin, string File)> zones)
    {
        _directory = Path.Combine(Path.GetTempPath(), "knot-test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        Port = FreePort.Get();
        var config = new System.Text.StringBuilder();
        config.AppendLine($"server:\n    listen: 127.0.0.1@{Port}\n    rundir: {_directory}\n    user: root:root");
        config.AppendLine($"database:\n    storage: {_directory}/db");
        config.AppendLine("log:\n  - target: stderr\n    any: warning");
        config.AppendLine("zone:");
        foreach (var (origin, file) in zones)
        {
            config.AppendLine($"  - domain: {origin}\n    file: {file}\n    journal-content: none\n    zonefile-sync: -1");
        }
        string configPath = Path.Combine(_directory, "knot.conf");
        File.WriteAllText(configPath, config.ToString());
        var start = new ProcessStartInfo("knotd") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(configPath);
        _process = Process.Start(start)!;
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public int Port { get; }
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

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
