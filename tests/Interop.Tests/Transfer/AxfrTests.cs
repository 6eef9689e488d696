using System.Text;
using System.Text.RegularExpressions;
using Desec.Auth.Config;
using Desec.Auth.Server;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Interop.Tests.Dnssec;
using Interop.Tests.Serving;
using Microsoft.Extensions.Logging.Abstractions;

namespace Interop.Tests.Transfer;

/// <summary>
/// Zone transfers out (RFC 5936) from the real server: dig and kdig as clients, ldns-verify-zone and
/// dnssec-verify on what they received, access control by address, and Knot as a secondary.
/// </summary>
public sealed class AxfrTests : IDisposable
{
    private const int BulkNames = 5_000;
    private readonly string _source = Path.Combine(Path.GetTempPath(), "axfr-zones-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ServerProcess _server;

    public AxfrTests()
    {
        Directory.CreateDirectory(_source);
        string zones = Path.Combine(AppContext.BaseDirectory, "ServeZones");
        foreach (var file in Directory.GetFiles(zones, "*.zone")) { File.Copy(file, Path.Combine(_source, Path.GetFileName(file))); }
        File.WriteAllText(Path.Combine(_source, "bulk.example.zone"), BulkZone());
        string config = Path.Combine(_source, "config.json");
        // 127.0.0.1 may transfer every zone; child.example.com only to 10.0.0.0/8 (so never here).
        File.WriteAllText(config, """
            {
              "allow-transfer": ["127.0.0.1", "::1"],
              "zone-transfer": { "child.example.com.": { "allow-transfer": ["10.0.0.0/8"] } }
            }
            """);
        _server = new ServerProcess(_source, "--config", config);
    }

    public void Dispose()
    {
        _server.Dispose();
        try { Directory.Delete(_source, recursive: true); } catch (IOException) { }
    }

    private static string BulkZone()
    {
        var text = new StringBuilder("$ORIGIN bulk.example.\n$TTL 3600\n@ SOA ns1 hostmaster 2024010101 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n");
        for (int i = 0; i < BulkNames; i++) { text.Append($"host{i} A 198.51.{i / 256 % 256}.{i % 256}\n"); }
        return text.ToString();
    }

    private ExternalTool.Result Dig(params string[] arguments) =>
        ExternalTool.Run("dig", ["@127.0.0.1", "-p", _server.Port.ToString(), "+tries=1", "+time=10", .. arguments]);

    private string SaveAxfr(string zone)
    {
        var r = Dig("+onesoa", "+nocmd", "+nostats", "+nocomments", zone, "AXFR");
        Assert.True(r.ExitCode == 0 && !r.Output.Contains("Transfer failed", StringComparison.Ordinal), r.Output + r.Error);
        string file = Path.Combine(_source, zone + "axfr");
        File.WriteAllText(file, r.Output);
        return file;
    }

    [Theory]
    [InlineData("example.com.")]
    [InlineData("bulk.example.")]
    public void Axfr_output_verifies(string zone)
    {
        string file = SaveAxfr(zone);
        var ldns = ExternalTool.Run("ldns-verify-zone", [file]);
        Assert.True(ldns.ExitCode == 0, $"ldns-verify-zone:\n{ldns.Output}\n{ldns.Error}");
        var bind = ExternalTool.Run("dnssec-verify", ["-z", "-o", zone, file]);
        Assert.True(bind.ExitCode == 0, $"dnssec-verify:\n{bind.Output}\n{bind.Error}");
    }

    [Fact]
    public void Big_zone_needs_several_messages_and_arrives_whole()
    {
        var r = Dig("bulk.example.", "AXFR");
        var size = Regex.Match(r.Output, @"XFR size: (\d+) records \(messages (\d+), bytes (\d+)\)");
        Assert.True(size.Success, r.Output[^Math.Min(2000, r.Output.Length)..]);
        int records = int.Parse(size.Groups[1].Value);
        int messages = int.Parse(size.Groups[2].Value);
        Assert.True(messages > 1, $"{messages} messages");
        var lines = r.Output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(';')).ToList();
        Assert.Equal(records, lines.Count);
        Assert.Matches(@"^bulk\.example\.\s+\d+\s+IN\s+SOA\s", lines[0]);
        Assert.Matches(@"^bulk\.example\.\s+\d+\s+IN\s+SOA\s", lines[^1]);
        Assert.Equal(lines[0], lines[^1]);
        Assert.Equal(2, lines.Count(l => Regex.IsMatch(l, @"\sIN\s+SOA\s")));
        // Every name with its A record, its RRSIG and one NSEC3 (with its RRSIG) per name.
        Assert.Equal(BulkNames + 1, lines.Count(l => Regex.IsMatch(l, @"\sIN\s+A\s")));
        Assert.True(lines.Count(l => Regex.IsMatch(l, @"\sIN\s+NSEC3\s")) >= BulkNames + 1);
        Assert.True(records > 4 * BulkNames, $"{records} records");
    }

    [Fact]
    public void Kdig_transfers_over_tcp_in_several_messages()
    {
        var r = ExternalTool.Run("kdig", ["@127.0.0.1", "-p", _server.Port.ToString(), "+time=10", "bulk.example.", "AXFR"]);
        Assert.Equal(0, r.ExitCode);
        var size = Regex.Match(r.Output, @"Received \d+ B \((\d+) messages, (\d+) records\)");
        Assert.True(size.Success, r.Output[^Math.Min(2000, r.Output.Length)..]);
        Assert.True(int.Parse(size.Groups[1].Value) > 1);
    }

    [Fact]
    public void Address_outside_the_acl_is_refused()
    {
        // Linux answers from all of 127.0.0.0/8 on loopback, so 127.0.0.2 is another peer.
        var r = ExternalTool.Run("kdig", ["@127.0.0.1", "-p", _server.Port.ToString(), "-b", "127.0.0.2", "+time=5", "example.com.", "AXFR"]);
        Assert.Contains("REFUSED", r.Output + r.Error);
        Assert.DoesNotContain("RRSIG", r.Output);
    }

    [Fact]
    public void Zone_acl_overrides_the_global_one()
    {
        var r = ExternalTool.Run("kdig", ["@127.0.0.1", "-p", _server.Port.ToString(), "+time=5", "child.example.com.", "AXFR"]);
        Assert.Contains("REFUSED", r.Output + r.Error);
    }

    [Fact]
    public void Non_apex_and_unknown_zones_are_refused()
    {
        foreach (var name in (string[])["www.example.com.", "example.org."])
        {
            var r = ExternalTool.Run("kdig", ["@127.0.0.1", "-p", _server.Port.ToString(), "+time=5", name, "AXFR"]);
            Assert.Contains("REFUSED", r.Output + r.Error);
        }
    }

    [Fact]
    public void Axfr_over_udp_is_refused()
    {
        // RFC 5936 §4.2: AXFR over UDP is not defined; the server refuses it.
        var query = KnotDifferentialTests.Query("example.com.", RRType.AXFR, id: 0x1234, edns: false);
        var response = RawDnsClient.Udp(_server.EndPoint, query);
        Assert.NotNull(response);
        Assert.True(MessageHeader.TryRead(response, out var header));
        Assert.Equal(0x1234, header.Id);
        Assert.Equal(Rcode.Refused.HeaderBits(), header.RcodeBits);
        Assert.Equal(0, header.AnswerCount);
    }

    [Fact]
    public void Queries_pipelined_after_a_transfer_are_answered_in_order()
    {
        // kdig sends one query per connection; a raw TCP client sends AXFR then SOA on one connection.
        using var client = new System.Net.Sockets.TcpClient();
        client.Connect(_server.EndPoint);
        using var stream = client.GetStream();
        stream.ReadTimeout = 10_000;
        RawDnsClient.Send(stream, KnotDifferentialTests.Query("bulk.example.", RRType.AXFR, id: 1, edns: false));
        RawDnsClient.Send(stream, KnotDifferentialTests.Query("bulk.example.", RRType.SOA, id: 2, edns: false));
        int soas = 0, messages = 0;
        while (soas < 2)
        {
            var message = RawDnsClient.Receive(stream);
            Assert.NotNull(message);
            Assert.True(MessageHeader.TryRead(message, out var header));
            Assert.Equal(1, header.Id);
            messages++;
            soas += CountSoa(message);
        }
        Assert.True(messages > 1);
        var after = RawDnsClient.Receive(stream);
        Assert.NotNull(after);
        Assert.True(MessageHeader.TryRead(after, out var afterHeader));
        Assert.Equal(2, afterHeader.Id);
    }

    /// <summary>Answer records of type SOA in a message, read with the project's message reader.</summary>
    private static int CountSoa(byte[] message)
    {
        var answers = MessageReader.ReadAll(message).Section(MessageSection.Answer);
        int soas = 0;
        while (answers.TryNext(out var record))
        {
            if (record.Type == RRType.SOA) { soas++; }
        }
        return soas;
    }

    [Fact]
    public void Knot_secondary_transfers_and_serves_the_signed_zone()
    {
        using var knot = new KnotSecondary(_server.EndPoint, ["example.com.", "bulk.example."]);
        Assert.True(knot.WaitForZone("example.com.", TimeSpan.FromSeconds(30)), "Knot did not load example.com.:\n" + knot.Log);
        Assert.True(knot.WaitForZone("bulk.example.", TimeSpan.FromSeconds(30)), "Knot did not load bulk.example.:\n" + knot.Log);

        // Knot answers from the transferred data, signatures included.
        foreach (var (name, type) in ((string, string)[])[("www.example.com.", "A"), ("example.com.", "DNSKEY"), ("host4999.bulk.example.", "A")])
        {
            var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", knot.Port.ToString(), "+norec", "+dnssec", "+tries=1", "+time=3", name, type]);
            Assert.Contains("status: NOERROR", r.Output);
            Assert.Matches($@"\sIN\s+RRSIG\s+{type}\s", r.Output);
        }
        var nx = ExternalTool.Run("dig", ["@127.0.0.1", "-p", knot.Port.ToString(), "+norec", "+dnssec", "+tries=1", "+time=3", "nothing.example.com.", "A"]);
        Assert.Contains("status: NXDOMAIN", nx.Output);
        Assert.Matches(@"\sIN\s+NSEC3\s", nx.Output);
        Assert.Contains("AXFR", knot.Log);

        // And a validating resolver pointed at Knot alone accepts the answers.
        var anchor = ExternalTool.Run("dig", ["@127.0.0.1", "-p", _server.Port.ToString(), "+norec", "+noall", "+answer", "example.com.", "DNSKEY"]).Output;
        using var unbound = new UnboundProcess(["example.com"], knot.EndPoint, anchor);
        foreach (var (name, type, status) in ((string, string, string)[])[("www.example.com.", "A", "NOERROR"), ("nothing.example.com.", "A", "NXDOMAIN")])
        {
            var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", unbound.Port.ToString(), "+dnssec", "+tries=1", "+time=5", name, type]);
            Assert.Contains($"status: {status}", r.Output);
            Assert.Matches(@"flags:[^;]* ad[ ;]", r.Output);
        }
    }

    [Fact]
    public async Task Axfr_records_equal_the_served_zone()
    {
        // In-process, so that the transfer can be compared with the zone the server holds.
        string zones = Path.Combine(_source, "inproc");
        Directory.CreateDirectory(zones);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "ServeZones", "example.com.zone"), Path.Combine(zones, "example.com.zone"));
        var config = new ServerConfig { Zones = zones, State = Path.Combine(_source, "inproc-state"), Listen = ["127.0.0.1:0"], AllowTransfer = ["127.0.0.0/8"] };
        await using var server = new DnsServer(config, NullLoggerFactory.Instance);
        await server.StartAsync(CancellationToken.None);
        var served = server.Store.Current.Get(DnsName.Parse("example.com."))!;
        var text = new StringBuilder();
        foreach (var record in served.Signed!.Records) { record.AppendTo(text); text.Append('\n'); }
        string expectedFile = Path.Combine(_source, "served.zone");
        File.WriteAllText(expectedFile, text.ToString());

        var r = ExternalTool.Run("dig", ["@127.0.0.1", "-p", server.TcpEndPoints[0].Port.ToString(), "+onesoa", "+nocmd", "+nostats", "+nocomments", "example.com.", "AXFR"]);
        string axfrFile = Path.Combine(_source, "inproc.axfr");
        File.WriteAllText(axfrFile, r.Output);
        await server.StopAsync(CancellationToken.None);

        Assert.Equal(Canonical(expectedFile), Canonical(axfrFile));
    }

    /// <summary>The zone's records one per line in ldns's canonical form, sorted.</summary>
    private static List<string> Canonical(string file)
    {
        var r = ExternalTool.Run("ldns-read-zone", ["-c", file]);
        Assert.True(r.ExitCode == 0, r.Error);
        return r.Output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(';')).Select(l => Regex.Replace(l, @"\s+", " ")).Order().ToList();
    }
}
