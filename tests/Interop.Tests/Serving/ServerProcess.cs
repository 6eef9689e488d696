using System.Diagnostics;
using System.Net;
using System.Text;

namespace Interop.Tests.Serving;

/// <summary>
/// The real <c>desec-auth serve</c> as a child process on a free loopback port, with a private
/// copy of the zone folder, so tests can send it signals and change its files.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public ServerProcess(string zonesSource, params string[] extraArguments) : this(zonesSource, extraArguments, null) { }

    /// <param name="stateDirectory">A state folder prepared by the test (keys made in advance); default: a new one.</param>
    /// <param name="fileDescriptorLimit">Soft and hard RLIMIT_NOFILE of the server (run under prlimit); default: inherited.</param>
    public ServerProcess(string zonesSource, string[] extraArguments, string? stateDirectory, int? fileDescriptorLimit = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "desec-auth-test-" + Guid.NewGuid().ToString("N")[..8]);
        ZonesDirectory = Path.Combine(Directory, "zones");
        System.IO.Directory.CreateDirectory(ZonesDirectory);
        foreach (var file in System.IO.Directory.GetFiles(zonesSource, "*.zone"))
        {
            File.Copy(file, Path.Combine(ZonesDirectory, Path.GetFileName(file)));
        }
        Port = FreePort.Get();
        var start = new ProcessStartInfo(fileDescriptorLimit is null ? "dotnet" : "prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (fileDescriptorLimit is { } limit)
        {
            start.ArgumentList.Add($"--nofile={limit}:{limit}");
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "desec-auth.dll"));
        StateDirectory = stateDirectory ?? Path.Combine(Directory, "state");
        foreach (var argument in (string[])["serve", "--zones", ZonesDirectory, "--state", StateDirectory,
                     "--listen", $"127.0.0.1:{Port}", .. extraArguments])
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_log) { _log.AppendLine(e.Data); } } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_log) { _log.AppendLine(e.Data); } } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilAnswering();
    }

    public string Directory { get; }
    public string ZonesDirectory { get; }
    public string StateDirectory { get; }
    public int Port { get; }
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);
    public Process Process => _process;

    public string Log { get { lock (_log) { return _log.ToString(); } } }

    private void WaitUntilAnswering()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) { throw new InvalidOperationException($"desec-auth exited with {_process.ExitCode}:\n{Log}"); }
            if (Log.Contains("listening on", StringComparison.Ordinal)) { return; }
            Thread.Sleep(50);
        }
        throw new TimeoutException($"desec-auth did not start:\n{Log}");
    }

    /// <summary>Sends a POSIX signal (SIGHUP=1, SIGTERM=15, SIGINT=2).</summary>
    public void Signal(int signal) => ExternalTool.Run("kill", [$"-{signal}", _process.Id.ToString()]);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
