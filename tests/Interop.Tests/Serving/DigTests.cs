using System.Net.Sockets;
using Desec.Zone.Records;

namespace Interop.Tests.Serving;

/// <summary>End to end: the real server queried by real dig and kdig over UDP and TCP.</summary>
public sealed class DigTests : IDisposable
{
    private readonly ServerProcess _server = new(Path.Combine(AppContext.BaseDirectory, "ServeZones"), "--config", WriteConfig());

    public void Dispose() => _server.Dispose();

    private static string WriteConfig()
    {
        string path = Path.Combine(Path.GetTempPath(), $"desec-auth-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "nsid": "test-ns", "tcp-idle-timeout": 2 }""");
        return path;
    }

    private ExternalTool.Result Dig(params string[] arguments) =>
        ExternalTool.Run("dig", ["@127.0.0.1", "-p", _server.Port.ToString(), "+norec", "+tries=1", "+time=3", .. arguments]);

    private ExternalTool.Result Kdig(params string[] arguments) =>
        ExternalTool.Run("kdig", ["@127.0.0.1", "-p", _server.Port.ToString(), "+norec", "+retry=0", "+time=3", .. arguments]);

    [Theory]
    [InlineData("")]
    [InlineData("+tcp")]
    public void Dig_gets_an_authoritative_answer(string transport)
    {
        var r = Dig([.. transport.Length > 0 ? [transport] : Array.Empty<string>(), "www.example.com", "A"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("status: NOERROR", r.Output);
        Assert.Matches(@"flags: qr aa;", r.Output);
        Assert.Contains("192.0.2.80", r.Output);
        Assert.Contains("192.0.2.81", r.Output);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+tcp")]
    public void Kdig_gets_nxdomain_with_soa(string transport)
    {
        var r = Kdig([.. transport.Length > 0 ? [transport] : Array.Empty<string>(), "nothing.example.com", "A"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("NXDOMAIN", r.Output);
        Assert.Contains("SOA", r.Output);
    }

    [Fact]
    public void Udp_truncates_and_dig_retries_over_tcp()
    {
        var truncated = Dig("+ignore", "+noedns", "big.example.com", "TXT");
        Assert.Matches(@"flags: qr aa tc;", truncated.Output);
        Assert.Contains("ANSWER: 0", truncated.Output);
        var full = Dig("+noedns", "big.example.com", "TXT");
        Assert.Contains("Truncated, retrying in TCP mode", full.Output);
        Assert.Contains("ANSWER: 6", full.Output);
    }

    [Fact]
    public void Edns_buffer_size_avoids_truncation()
    {
        var r = Dig("+bufsize=1232", "big.example.com", "TXT");
        Assert.DoesNotContain("Truncated", r.Output);
        Assert.Contains("ANSWER: 6", r.Output);
        Assert.Contains("udp: 1232", r.Output);
    }

    [Fact]
    public void Edns_version_1_gets_badvers()
    {
        var r = Dig("+edns=1", "+noednsnegotiation", "www.example.com", "A");
        Assert.Contains("status: BADVERS", r.Output);
    }

    [Fact]
    public void Nsid_is_returned_when_asked()
    {
        var r = Dig("+nsid", "www.example.com", "A");
        Assert.Contains("NSID: 74 65 73 74 2d 6e 73 (\"test-ns\")", r.Output);
    }

    /// <summary>
    /// RFC 7873 §5.2.3: a client cookie comes back with a server cookie (RFC 9018: 16 octets), which
    /// dig checks ("good"); sent back within the hour it is echoed unchanged (§5.2.4).
    /// </summary>
    [Fact]
    public void Dig_cookie_gets_a_server_cookie_that_is_echoed_when_sent_back()
    {
        var first = Dig("+cookie", "www.example.com", "A");
        var match = System.Text.RegularExpressions.Regex.Match(first.Output, @"; COOKIE: ([0-9a-f]{16})([0-9a-f]{32}) \(good\)");
        Assert.True(match.Success, first.Output);
        Assert.StartsWith("01000000", match.Groups[2].Value); // version 1, reserved zero (RFC 9018 §4.2)
        var again = Dig($"+cookie={match.Groups[1].Value}{match.Groups[2].Value}", "www.example.com", "A");
        Assert.Contains($"; COOKIE: {match.Groups[1].Value}{match.Groups[2].Value} (good)", again.Output);
        Assert.Contains("status: NOERROR", again.Output);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+tcp")]
    public void Kdig_cookie_gets_client_and_server_cookie(string transport)
    {
        var r = Kdig([.. transport.Length > 0 ? [transport] : Array.Empty<string>(), "+cookie", "www.example.com", "A"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@";; COOKIE: [0-9A-F]{16}01000000[0-9A-F]{24}", r.Output);
        Assert.Contains("NOERROR", r.Output);
    }

    /// <summary>RFC 7830 §4 and RFC 8467 §4: padding hides sizes on encrypted transports only; over UDP and TCP none is sent.</summary>
    [Theory]
    [InlineData("dig", "")]
    [InlineData("kdig", "+tcp")]
    public void Padding_is_not_sent_on_unencrypted_transports(string tool, string transport)
    {
        string[] arguments = [.. transport.Length > 0 ? [transport] : Array.Empty<string>(), tool == "dig" ? "+padding=128" : "+padding",
            "www.example.com", "A"];
        var r = tool == "dig" ? Dig(arguments) : Kdig(arguments);
        Assert.Contains("NOERROR", r.Output);
        Assert.Matches("(OPT|EDNS) PSEUDOSECTION", r.Output); // the answer has an OPT record, only no PADDING in it
        Assert.DoesNotMatch(@"(?m)^;+ PADDING:", r.Output); // dig "; PADDING: ...", kdig ";; PADDING: ..."
    }

    [Fact]
    public void Kdig_nsid_and_cookie_together()
    {
        var r = Kdig("+nsid", "+cookie", "www.example.com", "A");
        Assert.Contains("NSID: 746573742D6E73 \"test-ns\"", r.Output);
        Assert.Contains("COOKIE:", r.Output);
    }

    [Fact]
    public void Mixed_case_question_is_echoed()
    {
        // dig prints the question section of the response as it came back.
        var r = Dig("WwW.ExAmPlE.cOm", "A");
        Assert.Contains(";WwW.ExAmPlE.cOm.", r.Output);
        Assert.Matches(@"(?m)^WwW\.ExAmPlE\.cOm\.\s+3600\s+IN\s+A\s+192\.0\.2\.80", r.Output);
    }

    [Fact]
    public void Referral_over_tcp_with_kdig()
    {
        var r = Kdig("+tcp", "host.sub.example.com", "A");
        Assert.Contains("NOERROR", r.Output);
        Assert.DoesNotContain(" aa", r.Output.Split('\n').First(l => l.Contains("Flags", StringComparison.Ordinal)));
        Assert.Contains("ns.sub.example.com.", r.Output);
    }

    [Fact]
    public void Tcp_pipelined_queries_are_all_answered_in_one_connection()
    {
        using var client = new TcpClient();
        client.Connect(_server.EndPoint);
        using var stream = client.GetStream();
        // RFC 7766 §6.2.1.1: several queries sent before reading any answer.
        for (ushort id = 1; id <= 20; id++) { RawDnsClient.Send(stream, KnotDifferentialTests.Query("www.example.com.", RRType.A, id)); }
        var ids = new HashSet<int>();
        for (int i = 0; i < 20; i++)
        {
            var response = RawDnsClient.Receive(stream);
            Assert.NotNull(response);
            Assert.True(Desec.Zone.Messages.MessageHeader.TryRead(response, out var header));
            ids.Add(header.Id);
        }
        Assert.Equal(20, ids.Count);
    }

    [Fact]
    public void Idle_tcp_connection_is_closed_after_the_timeout()
    {
        using var client = new TcpClient();
        client.Connect(_server.EndPoint);
        using var stream = client.GetStream();
        stream.ReadTimeout = 10_000;
        var started = DateTime.UtcNow;
        int read = stream.Read(new byte[1]); // blocks until the server closes (2 s idle timeout)
        Assert.Equal(0, read);
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 1, 8);
    }

    [Fact]
    public void Server_keeps_answering_after_malformed_packets()
    {
        var random = new Random(99);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(_server.EndPoint);
        for (int i = 0; i < 2000; i++)
        {
            var junk = new byte[random.Next(0, 300)];
            random.NextBytes(junk);
            socket.Send(junk);
        }
        // A half-sent TCP frame and a connection closed mid-message.
        using (var client = new TcpClient())
        {
            client.Connect(_server.EndPoint);
            client.GetStream().Write([0x01, 0x00, 0xAB]);
        }
        var r = Dig("www.example.com", "A");
        Assert.Contains("status: NOERROR", r.Output);
        Assert.Contains("192.0.2.80", r.Output);
    }
}
