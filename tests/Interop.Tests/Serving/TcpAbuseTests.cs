using System.Net;
using Desec.Auth.Transport;
using Desec.Zone.Records;

namespace Interop.Tests.Serving;

/// <summary>
/// Issue 12 on the real server: 1,100 hostile connections (RFC 7766 §10) leave a new legitimate
/// client its answers, and running out of file descriptors neither locks clients out nor makes the
/// accept loop spin. Short timeouts in the config keep each test to seconds.
/// </summary>
public sealed class TcpAbuseTests
{
    private static readonly string Zones = Path.Combine(AppContext.BaseDirectory, "ServeZones");
    private const int Hostile = 1_100;

    /// <summary>This process and the server each hold a socket per hostile connection.</summary>
    private static void NeedFileDescriptors(int count)
    {
        var limit = FileDescriptorLimit.RaiseToHard();
        Assert.True(limit is null || limit.Value.Soft >= count,
            $"this test needs {count} file descriptors; the hard limit is {limit?.Hard} (raise it: ulimit -Hn, LimitNOFILE)");
    }

    [Theory]
    [InlineData(TcpAbuse.Pattern.Drip)]
    [InlineData(TcpAbuse.Pattern.PipelineNoRead)]
    public async Task Legitimate_queries_are_answered_beside_1100_hostile_connections(TcpAbuse.Pattern pattern)
    {
        NeedFileDescriptors(Hostile + 256);
        // tcp-max-clients below the hostile count: every slot is taken all the time.
        using var server = new ServerProcess(Zones, "--config", TcpLimitTests.Config(
            """{ "tcp-max-clients": 1024, "tcp-idle-timeout": 2, "tcp-io-timeout": 500 }"""));
        await using var abuse = new TcpAbuse(server.EndPoint, pattern, Hostile, TcpAbuse.LoopbackSources(11),
            TcpAbuse.Query("example.com.", RRType.DNSKEY));
        Assert.True(await abuse.WaitStartedAsync(TimeSpan.FromSeconds(60)), $"only {abuse.Opened} hostile connections opened");

        var result = await TcpAbuse.ProbeAsync(server.EndPoint, IPAddress.Loopback, TcpAbuse.Query("www.example.com.", RRType.A),
            count: 100, timeout: TimeSpan.FromSeconds(2), interval: TimeSpan.FromMilliseconds(20));
        Assert.True(result.AnsweredShare >= 0.99,
            $"{result}; hostile: {abuse.Open} open, {abuse.Opened} opened\n{server.Log}");
    }

    [Fact]
    public async Task A_file_descriptor_limit_below_tcp_max_clients_lowers_the_cap_and_leaves_room()
    {
        // 256 descriptors for the whole server (runtime, zone files, UDP sockets, ...), and 400 idle
        // connections when tcp-max-clients would admit 1,000.
        using var server = new ServerProcess(Zones,
            ["--config", TcpLimitTests.Config("""{ "tcp-max-clients": 1000, "tcp-idle-timeout": 60 }""")], null, fileDescriptorLimit: 256);
        Assert.Contains("file descriptor limit 256 (hard 256)", server.Log);
        Assert.Contains("tcp-max-clients 1000 does not fit the file descriptor limit 256", server.Log);
        await ServedBesideIdleConnections(server, 400);
        Assert.False(server.Log.Contains("failed accepts"), server.Log);
    }

    [Fact]
    public async Task Out_of_file_descriptors_the_idlest_connection_makes_room_and_accepting_does_not_spin()
    {
        // Started with room for 1,000 connections; then the limit drops under it (prlimit on the
        // running process), so that accepting fails for want of descriptors.
        using var server = new ServerProcess(Zones,
            ["--config", TcpLimitTests.Config("""{ "tcp-max-clients": 1000, "tcp-idle-timeout": 60 }""")], null, fileDescriptorLimit: 4096);
        // Answering loads more of the runtime (and its files): first answer, then count what is open.
        var warm = await TcpAbuse.ProbeAsync(server.EndPoint, IPAddress.Loopback, TcpAbuse.Query("www.example.com.", RRType.A),
            count: 5, timeout: TimeSpan.FromSeconds(10), interval: TimeSpan.FromMilliseconds(100));
        Assert.Equal(5, warm.Answered);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        int open = System.IO.Directory.GetFileSystemEntries($"/proc/{server.Process.Id}/fd").Length;
        var lowered = ExternalTool.Run("prlimit", ["--pid", server.Process.Id.ToString(), $"--nofile={open + 150}:{open + 150}"]);
        Assert.True(lowered.ExitCode == 0, lowered.Error);
        await ServedBesideIdleConnections(server, 400);
        Assert.True(server.Log.Contains("failed accepts"), server.Log);
    }

    /// <summary>
    /// Opens <paramref name="count"/> idle connections (more than the server has descriptors for), then
    /// checks that new clients are answered and that the server rests while nothing happens.
    /// </summary>
    private static async Task ServedBesideIdleConnections(ServerProcess server, int count)
    {
        var idle = new List<System.Net.Sockets.Socket>();
        try
        {
            var from = TcpAbuse.LoopbackSources(1)[0];
            for (int i = 0; i < count; i++)
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork,
                    System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(server.EndPoint, TestContext.Current.CancellationToken);
                idle.Add(socket);
            }
            var query = TcpAbuse.Query("www.example.com.", RRType.A);
            var result = await TcpAbuse.ProbeAsync(server.EndPoint, IPAddress.Loopback, query,
                count: 20, timeout: TimeSpan.FromSeconds(10), interval: TimeSpan.FromMilliseconds(20));
            Assert.True(result.Answered == result.Sent, $"{result}\n{server.Log}");

            // Nothing left to accept: the server rests (an accept loop that spins would take a core).
            double cpu = CpuSeconds(server.Process.Id);
            await Task.Delay(2000, TestContext.Current.CancellationToken);
            cpu = CpuSeconds(server.Process.Id) - cpu;
            Assert.True(cpu < 0.5, $"the server used {cpu:F2} s of CPU in 2 s with nothing to do\n{server.Log}");
            result = await TcpAbuse.ProbeAsync(server.EndPoint, IPAddress.Loopback, query, 5, TimeSpan.FromSeconds(10), TimeSpan.Zero);
            Assert.True(result.Answered == result.Sent, $"{result}\n{server.Log}");
        }
        finally
        {
            foreach (var socket in idle) { socket.Dispose(); }
        }
    }

    /// <summary>User and system CPU time of a process so far (Linux /proc; clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the command name: state is field 3, utime 14 and stime 15 (proc(5)).
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }
}
