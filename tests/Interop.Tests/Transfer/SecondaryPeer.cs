using System.Diagnostics;
using System.Net;
using Interop.Tests.Serving;

namespace Interop.Tests.Transfer;

/// <summary>A TSIG key shared with a secondary, in the three values every server's config takes.</summary>
public sealed record PeerKey(string Name, string Algorithm, string Secret);

/// <summary>A real secondary server (Knot, NSD, BIND) started on loopback by a test.</summary>
public interface ISecondaryPeer : IDisposable
{
    string Name { get; }
    int Port { get; }
    IPEndPoint EndPoint { get; }
    string Log { get; }
    bool WaitForZone(string zone, TimeSpan timeout);

    /// <summary>Whether the secondary's log shows an incremental transfer (IXFR answered with a difference).</summary>
    bool UsedIxfr { get; }
}

public static class SecondaryPeer
{
    /// <summary>Waits until the secondary answers the zone's SOA authoritatively (its first transfer is done).</summary>
    public static bool WaitForZone(Process process, int port, string zone, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) { return false; }
            var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", port.ToString(), "+norec", "+tries=1", "+time=1", zone, "SOA"]);
            if (r.Output.Contains("status: NOERROR", StringComparison.Ordinal) && r.Output.Contains(" aa", StringComparison.Ordinal)) { return true; }
            Thread.Sleep(200);
        }
        return false;
    }

    /// <summary>Starts a program with its output collected into <paramref name="log"/>.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, System.Text.StringBuilder log)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) { start.ArgumentList.Add(argument); }
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.AppendLine(e.Data); } } };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.AppendLine(e.Data); } } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    public static void Stop(Process process, string directory)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        process.Dispose();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
