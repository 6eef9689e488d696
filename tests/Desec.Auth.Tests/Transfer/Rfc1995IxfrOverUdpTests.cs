using ARSoft.Tools.Net.Dns;
using Desec.Auth.Config;
using Desec.Auth.Query;
using Desec.Auth.Transfer;
using Desec.Auth.Transport;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Auth.Tests.Transfer;

/// <summary>
/// IXFR over UDP (RFC 1995 §2, §4) through the entry point, with the peer's address matched
/// against the zone's ACL: the incremental answer when it fits in the datagram, else the current
/// SOA alone (the client is to come back over TCP); an up-to-date client gets the SOA alone; a
/// peer the ACL does not admit gets REFUSED; AXFR over UDP stays REFUSED (RFC 5936 §4.2).
/// </summary>
public sealed class Rfc1995IxfrOverUdpTests : IDisposable
{
    private const string Zone = """
        $TTL 3600
        @   SOA ns1 hostmaster 2 7200 3600 1209600 300
            NS  ns1
        ns1 A   192.0.2.1
        """;

    private static readonly DnsName Origin = DnsName.Parse("example.com.");
    private static readonly PeerAddress Allowed = PeerAddress.FromIPv4(0xC0000201, 4000); // 192.0.2.1
    private static readonly PeerAddress Stranger = PeerAddress.FromIPv4(0xC0000202, 4000); // 192.0.2.2
    private readonly string _journals = Path.Combine(Path.GetTempPath(), "ixfr-udp-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_journals, recursive: true); } catch (IOException) { }
    }

    private static ResourceRecord Txt(int i, int size) =>
        new(DnsName.Parse($"t{i}.example.com."), RRType.TXT, 300, [(byte)size, .. Enumerable.Repeat((byte)'x', size)]);

    /// <summary>A handler over the zone at serial 2 whose journal holds the change 1 -> 2 (<paramref name="added"/> TXT records).</summary>
    private QueryHandler Handler(int added, int size = 10)
    {
        var store = TestQueries.Store(("example.com.", Zone));
        var journals = new Journals(_journals);
        journals.Get(Origin).AppendDifference(1, 2, [Txt(0, size)], Enumerable.Range(1, added).Select(i => Txt(i, size)).ToList());
        var transfers = new ZoneTransfers(store, _ => ZoneTransferConfig.ParseAcl(["192.0.2.1"], "test"), journals);
        return new QueryHandler(new Answerer(store), new AnswerOptions { MaxUdpPayload = 4096 }, transfers);
    }

    /// <summary>An IXFR request: the client's SOA (serial <paramref name="serial"/>) in the authority section (RFC 1995 §3).</summary>
    private static byte[] Ixfr(uint serial, ushort udpSize)
    {
        var buffer = new byte[512];
        var writer = new MessageWriter(buffer, new ushort[8], buffer.Length);
        writer.Start(0x1995, Opcode.Query, HeaderFlags.None);
        var opt = new Desec.Zone.Messages.OptRecord { UdpPayloadSize = udpSize };
        writer.Reserve(opt.Length);
        Assert.True(writer.TryWriteQuestion(Origin.Wire, RRType.IXFR, RRClass.IN));
        byte[] names = [.. DnsName.Parse("ns1.example.com.").Wire, .. DnsName.Parse("hostmaster.example.com.").Wire];
        byte[] soa = [.. names, (byte)(serial >> 24), (byte)(serial >> 16), (byte)(serial >> 8), (byte)serial, 0, 0, 0x1C, 0x20, 0, 0, 0x0E, 0x10,
            0, 0x12, 0x75, 0, 0, 0, 1, 0x2C];
        Assert.True(writer.TryAddRecord(MessageSection.Authority, Origin.Wire, RRType.SOA, RRClass.IN, 0, soa));
        Assert.True(writer.TryWriteOpt(opt));
        return buffer[..writer.Finish()];
    }

    private static List<string> Answers(byte[] response) =>
        TestQueries.Lines(DnsMessage.Parse(response).AnswerRecords).Select(l => string.Join(' ', l.Split(' ')[..3])).ToList();

    [Fact]
    public void Rfc1995_4_the_incremental_answer_when_it_fits()
    {
        var response = TestQueries.Answer(Handler(added: 2), Ixfr(1, 4096), TransportKind.Udp, Allowed);
        Assert.Equal(Rcode.NoError, TestQueries.ResponseCode(response));
        Assert.True(TestQueries.Header(response).Has(HeaderFlags.AA));
        Assert.False(TestQueries.Header(response).Has(HeaderFlags.TC));
        // SOA(2), SOA(1), removed, SOA(2), added, SOA(2).
        Assert.Equal(["example.com. 3600 SOA", "example.com. 3600 SOA", "t0.example.com. 300 TXT", "example.com. 3600 SOA",
            "t1.example.com. 300 TXT", "t2.example.com. 300 TXT", "example.com. 3600 SOA"], Answers(response));
        var soas = DnsMessage.Parse(response).AnswerRecords.OfType<SoaRecord>().Select(s => s.SerialNumber).ToList();
        Assert.Equal([2u, 1u, 2u, 2u], soas);
    }

    [Fact]
    public void Rfc1995_2_the_soa_alone_when_the_answer_does_not_fit_the_datagram()
    {
        var response = TestQueries.Answer(Handler(added: 40, size: 60), Ixfr(1, 1232), TransportKind.Udp, Allowed);
        Assert.Equal(Rcode.NoError, TestQueries.ResponseCode(response));
        Assert.False(TestQueries.Header(response).Has(HeaderFlags.TC));
        Assert.Equal(["example.com. 3600 SOA"], Answers(response));
        Assert.True(response.Length <= 1232);
    }

    [Theory]
    [InlineData(2u)] // up to date (RFC 1995 §4)
    [InlineData(7u)] // newer than ours
    [InlineData(4_000_000_000u)] // unknown to the journal: the AXFR form is not for UDP
    public void Rfc1995_4_the_soa_alone_for_an_up_to_date_or_unknown_serial(uint serial)
    {
        var response = TestQueries.Answer(Handler(added: 1), Ixfr(serial, 4096), TransportKind.Udp, Allowed);
        Assert.Equal(Rcode.NoError, TestQueries.ResponseCode(response));
        var soa = Assert.IsType<SoaRecord>(Assert.Single(DnsMessage.Parse(response).AnswerRecords));
        Assert.Equal(2u, soa.SerialNumber);
    }

    [Fact]
    public void Rfc5936_2_2_1_a_peer_outside_the_acl_is_refused_over_udp()
    {
        var response = TestQueries.Answer(Handler(added: 1), Ixfr(1, 4096), TransportKind.Udp, Stranger);
        Assert.Equal(Rcode.Refused, TestQueries.ResponseCode(response));
        Assert.Equal(0, TestQueries.Header(response).AnswerCount);
    }

    [Fact]
    public void Rfc5936_4_2_axfr_over_udp_is_refused_from_an_allowed_peer()
    {
        var query = TestQueries.Query("example.com", RRType.AXFR, udpSize: 4096);
        Assert.Equal(Rcode.Refused, TestQueries.ResponseCode(TestQueries.Answer(Handler(added: 1), query, TransportKind.Udp, Allowed)));
    }

    [Fact]
    public void Rfc1995_4_over_tcp_the_same_request_is_a_stream_of_the_difference()
    {
        var reply = Handler(added: 2).Handle(new Request(Ixfr(1, 4096), TransportKind.Tcp, Allowed), new byte[65535]);
        using var stream = Assert.IsType<ZoneTransferStream>(reply.Stream);
        var buffer = new byte[65535];
        int length = stream.WriteNext(buffer);
        Assert.Equal(7, DnsMessage.Parse(buffer.AsSpan(0, length).ToArray()).AnswerRecords.Count);
        Assert.Equal(0, stream.WriteNext(buffer));
    }
}
