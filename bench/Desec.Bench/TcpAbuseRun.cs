using System.Globalization;
using System.Net;
using Desec.Zone.Records;
using Interop.Tests.Serving;

namespace Desec.Bench;

/// <summary>
/// <c>tcp-abuse PORT drip|pipeline [CONNECTIONS] [PROBES]</c>: CONNECTIONS hostile clients (default
/// 1,100, from 127.0.0.2 on, 100 per address) against a DNS server on 127.0.0.1:PORT, and meanwhile
/// PROBES legitimate queries (default 500; <c>www.example.com. A</c>, each on a new connection from
/// 127.0.0.1, 2 s to answer, 20 ms apart). Prints one tab-separated line: pattern, answered share,
/// median and p99 latency of the answered ones in ms, hostile connections opened in all.
/// </summary>
public static class TcpAbuseRun
{
    public static int Run(string[] args)
    {
        if (args.Length is < 2 or > 4 || args[1] is not ("drip" or "pipeline"))
        {
            Console.Error.WriteLine("usage: tcp-abuse PORT drip|pipeline [CONNECTIONS] [PROBES]");
            return 2;
        }
        var server = new IPEndPoint(IPAddress.Loopback, int.Parse(args[0], CultureInfo.InvariantCulture));
        var pattern = args[1] == "drip" ? TcpAbuse.Pattern.Drip : TcpAbuse.Pattern.PipelineNoRead;
        int connections = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_100;
        int probes = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 500;
        Desec.Auth.Transport.FileDescriptorLimit.RaiseToHard();
        return RunAsync(server, pattern, connections, probes).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(IPEndPoint server, TcpAbuse.Pattern pattern, int connections, int probes)
    {
        await using var abuse = new TcpAbuse(server, pattern, connections, TcpAbuse.LoopbackSources((connections + 99) / 100),
            TcpAbuse.Query("example.com.", RRType.DNSKEY));
        if (!await abuse.WaitStartedAsync(TimeSpan.FromSeconds(60)))
        {
            Console.Error.WriteLine($"tcp-abuse: only {abuse.Opened} of {connections} hostile clients connected");
        }
        // Once every hostile client has had its first turn (one drip interval).
        await Task.Delay(TcpAbuse.DripInterval);
        var result = await TcpAbuse.ProbeAsync(server, IPAddress.Loopback, TcpAbuse.Query("www.example.com.", RRType.A),
            probes, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(20));
        Console.WriteLine(string.Join('\t', pattern == TcpAbuse.Pattern.Drip ? "drip" : "pipeline",
            result.AnsweredShare.ToString("F4", CultureInfo.InvariantCulture),
            result.MedianMs.ToString("F2", CultureInfo.InvariantCulture),
            result.P99Ms.ToString("F2", CultureInfo.InvariantCulture),
            abuse.Opened.ToString(CultureInfo.InvariantCulture)));
        Console.Error.WriteLine($"tcp-abuse {pattern}: {result}; {abuse.Open} hostile open at the end, {abuse.Opened} opened, {abuse.FailedConnects} failed connects");
        return 0;
    }
}
