using System.Net;
using System.Net.Sockets;
using Desec.Zone.Records;

namespace Interop.Tests.Serving;

/// <summary>
/// RFC 7766 §6.2.2 and §10: a cap on concurrent connections at which a new connection closes the
/// idlest one rather than being turned away (issue 12: turning new ones away let idle or hostile
/// connections lock out every new client); IPv6 loopback.
/// </summary>
public sealed class TcpLimitTests
{
    private static readonly string Zones = Path.Combine(AppContext.BaseDirectory, "ServeZones");

    internal static string Config(string json)
    {
        string path = Path.Combine(Path.GetTempPath(), $"desec-auth-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_connection_over_the_cap_closes_the_idlest_and_the_others_keep_working()
    {
        // tcp-max-connections: the older name of tcp-max-clients, still accepted.
        using var server = new ServerProcess(Zones, "--config", Config("""{ "tcp-max-connections": 3 }"""));
        var open = Enumerable.Range(0, 3).Select(_ => { var c = new TcpClient(); c.Connect(server.EndPoint); return c; }).ToList();
        try
        {
            // All three accepted, the first one idle longest.
            foreach (var c in open)
            {
                RawDnsClient.Send(c.GetStream(), KnotDifferentialTests.Query("www.example.com.", RRType.A));
                Assert.NotNull(RawDnsClient.Receive(c.GetStream()));
                Thread.Sleep(20);
            }
            using var extra = new TcpClient();
            extra.Connect(server.EndPoint);
            var stream = extra.GetStream();
            stream.ReadTimeout = 5000;
            RawDnsClient.Send(stream, KnotDifferentialTests.Query("www.example.com.", RRType.A));
            Assert.NotNull(RawDnsClient.Receive(stream));

            var idlest = open[0].GetStream();
            idlest.ReadTimeout = 5000;
            Assert.Null(RawDnsClient.Receive(idlest)); // closed by the server
            foreach (var c in open.Skip(1).Append(extra))
            {
                RawDnsClient.Send(c.GetStream(), KnotDifferentialTests.Query("www.example.com.", RRType.A));
                Assert.NotNull(RawDnsClient.Receive(c.GetStream()));
            }
        }
        finally
        {
            foreach (var c in open) { c.Dispose(); }
        }
    }

    [Fact]
    public void Serves_on_ipv6_loopback()
    {
        int port = FreePort.Get();
        using var server = new ServerProcess(Zones, "--listen", $"[::1]:{port}");
        var response = RawDnsClient.Udp(new IPEndPoint(IPAddress.IPv6Loopback, port), KnotDifferentialTests.Query("www.example.com.", RRType.A), 3000);
        Assert.NotNull(response);
        Assert.Equal(2, ResponseSummary.Parse(response).Answer.Count);
    }

    [Fact]
    public void Unknown_config_key_stops_start_up_with_its_name()
    {
        var result = ExternalTool.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "desec-auth.dll"), "serve",
            "--zones", Zones, "--config", Config("""{ "listen-addresses": ["127.0.0.1:1"] }""")]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("listen-addresses", result.Error);
    }
}
