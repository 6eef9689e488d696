using System.Net;
using System.Text;
using ARSoft.Tools.Net.Dns;
using Desec.Auth.Config;
using Desec.Auth.Query;
using Desec.Auth.Transfer;
using Desec.Auth.Transport;
using Desec.Auth.Zones;
using Desec.Signer.Signing;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Auth.Tests.Transfer;

/// <summary>AXFR responses (RFC 5936 §2.2): SOA first and last, every record once, packed into messages of at most 65,535 octets.</summary>
public sealed class ZoneTransferStreamTests
{
    private static readonly PeerAddress Loopback = PeerAddress.FromEndPoint(new IPEndPoint(IPAddress.Loopback, 5353));

    private static string BigZone(int names)
    {
        var text = new StringBuilder("""
            $TTL 3600
            @ SOA ns1 hostmaster 2024010101 7200 3600 1209600 300
            @ NS ns1
            ns1 A 192.0.2.1

            """);
        for (int i = 0; i < names; i++) { text.Append($"host{i} A 198.51.{i / 256 % 256}.{i % 256}\nhost{i} TXT \"record {i}\"\n"); }
        return text.ToString();
    }

    private static ZoneStore Signed(int names) => TestQueries.SignedStore(DenialMode.Nsec3, ("example.com.", BigZone(names)));

    private static QueryHandler Handler(ZoneStore store, params string[] allow) =>
        new(new Answerer(store), new AnswerOptions(), new ZoneTransfers(store, _ => ZoneTransferConfig.ParseAcl(allow, "test")));

    /// <summary>The stream the handler answers a request over TCP with; null when it answers with one message.</summary>
    private static IResponseStream? OpenStream(QueryHandler handler, byte[] query, PeerAddress peer)
    {
        var reply = handler.Handle(new Request(query, TransportKind.Tcp, peer), new byte[65_535]);
        Assert.True(reply.Stream is not null || reply.Length > 0);
        return reply.Stream;
    }

    /// <summary>Runs the stream to its end with buffers of <paramref name="size"/> octets and parses every message.</summary>
    private static List<DnsMessage> Transfer(IResponseStream stream, int size = 65_535)
    {
        var messages = new List<DnsMessage>();
        var buffer = new byte[size];
        int length;
        while ((length = stream.WriteNext(buffer)) > 0)
        {
            Assert.True(length <= size);
            messages.Add(DnsMessage.Parse(new ArraySegment<byte>(buffer, 0, length)));
            Assert.True(messages.Count < 100_000, "the stream does not end");
        }
        Assert.Equal(0, stream.WriteNext(buffer)); // stays ended
        return messages;
    }

    private static string Key(ResourceRecord r) => $"{r.Owner.ToLower()} {r.Type} {r.Ttl} {Convert.ToHexString(r.Rdata)}";

    [Theory]
    [InlineData(65_535)]
    [InlineData(4_096)]
    [InlineData(512)]
    public void Big_signed_zone_transfers_completely_in_several_messages(int messageSize)
    {
        var store = Signed(5_000);
        var zone = store.Current.Get(DnsName.Parse("example.com."))!;
        using var stream = OpenStream(Handler(store, "127.0.0.1"), TestQueries.Query("example.com", RRType.AXFR, id: 77), Loopback)!;
        Assert.NotNull(stream);
        var messages = Transfer(stream, messageSize);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.Equal(77, m.TransactionID));
        Assert.All(messages, m => Assert.Equal(ReturnCode.NoError, m.ReturnCode));
        Assert.All(messages, m => Assert.True(m.IsAuthoritiveAnswer));
        Assert.Single(messages[0].Questions);
        Assert.All(messages.Skip(1), m => Assert.Empty(m.Questions)); // RFC 5936 §2.2.1: MAY be left out after the first
        var records = messages.SelectMany(m => m.AnswerRecords).ToList();
        Assert.Equal(RecordType.Soa, records[0].RecordType);
        Assert.Equal(RecordType.Soa, records[^1].RecordType);
        Assert.Equal(2, records.Count(r => r.RecordType == RecordType.Soa));
        Assert.Equal(zone.Zone.Serial, ((SoaRecord)records[0]).SerialNumber);

        // Every record of the signed zone once, the SOA as the first and last.
        var expected = zone.Signed!.Records.ToList();
        Assert.Equal(expected.Count + 1, records.Count);
        Assert.True(records.Count(r => (ushort)r.RecordType == RRType.NSEC3) >= 5_000);
        Assert.Equal(expected.Count(r => r.Type == RRType.RRSIG), records.Count(r => r.RecordType == RecordType.RrSig));
        Assert.Equal(messages.Count, ((ZoneTransferStream)stream).Messages);
    }

    [Fact]
    public void Transferred_records_equal_the_served_zone()
    {
        var store = Signed(50);
        var zone = store.Current.Get(DnsName.Parse("example.com."))!;
        using var stream = (ZoneTransferStream)OpenStream(Handler(store, "127.0.0.0/8"), TestQueries.Query("example.com", RRType.AXFR), Loopback)!;
        var buffer = new byte[1_000];
        var seen = new List<string>();
        int length;
        while ((length = stream.WriteNext(buffer)) > 0)
        {
            // Decode with our own reader (names decompressed) and compare canonical RDATA bytes.
            var message = DnsMessage.Parse(new ArraySegment<byte>(buffer, 0, length));
            foreach (var record in message.AnswerRecords)
            {
                seen.Add($"{record.Name.ToString().ToLowerInvariant().TrimEnd('.')}. {(ushort)record.RecordType}");
            }
        }
        var expected = zone.Signed!.Records.Select(r => $"{r.Owner.ToLower().ToString().TrimEnd('.')}. {r.Type}")
            .Append($"example.com. {RRType.SOA}").Order().ToList();
        Assert.Equal(expected, seen.Order().ToList());
        Assert.Equal(seen.Count, stream.Records);
    }

    [Fact]
    public void Unsigned_zone_transfers_its_records()
    {
        var store = TestQueries.Store(("example.com.", BigZone(3)));
        using var stream = OpenStream(Handler(store, "127.0.0.1"), TestQueries.Query("example.com", RRType.AXFR), Loopback)!;
        var records = Transfer(stream).SelectMany(m => m.AnswerRecords).ToList();
        Assert.Equal(3 + 2 * 3 + 1, records.Count);
        Assert.DoesNotContain(records, r => r.RecordType == RecordType.RrSig);
    }

    [Fact]
    public void Edns_query_gets_an_opt_record_in_every_message()
    {
        var store = Signed(300);
        using var stream = OpenStream(Handler(store, "127.0.0.1"), TestQueries.Query("example.com", RRType.AXFR, udpSize: 1232, dnssecOk: true), Loopback)!;
        var messages = Transfer(stream, 2_000);
        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(m.IsEDnsEnabled));
        Assert.All(messages, m => Assert.True(m.IsDnsSecOk));
    }

    [Fact]
    public void Ixfr_is_answered_with_the_whole_zone()
    {
        // RFC 1995 §4: a server without the history may answer IXFR with the zone in AXFR form.
        var store = Signed(10);
        using var stream = OpenStream(Handler(store, "127.0.0.1"), TestQueries.Query("example.com", RRType.IXFR), Loopback)!;
        var records = Transfer(stream).SelectMany(m => m.AnswerRecords).ToList();
        Assert.Equal(RecordType.Soa, records[0].RecordType);
        Assert.NotEqual(RecordType.Soa, records[1].RecordType);
        Assert.Equal(RecordType.Soa, records[^1].RecordType);
    }

    [Theory]
    [InlineData("192.0.2.1", "example.com")]      // not in the ACL
    [InlineData("127.0.0.1", "www.example.com")]  // not a zone apex
    [InlineData("127.0.0.1", "example.org")]      // not served
    public void Refused_transfer_is_a_single_refused_message(string peer, string name)
    {
        var store = Signed(3);
        var handler = Handler(store, "127.0.0.1");
        var remote = PeerAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse(peer), 53));
        var query = TestQueries.Query(name, RRType.AXFR);
        Assert.Null(OpenStream(handler, query, remote));
        var response = TestQueries.Answer(handler, query, TransportKind.Tcp, remote);
        Assert.Equal(Rcode.Refused, TestQueries.ResponseCode(response));
        Assert.Equal(0, TestQueries.Header(response).AnswerCount);
    }

    [Fact]
    public void Without_transfer_settings_everything_is_refused()
    {
        var store = Signed(3);
        var handler = new QueryHandler(new Answerer(store), new AnswerOptions());
        Assert.Null(OpenStream(handler, TestQueries.Query("example.com", RRType.AXFR), Loopback));
    }

    [Fact]
    public void Axfr_over_udp_is_refused_even_when_allowed()
    {
        // RFC 5936 §4.2: AXFR over UDP is not defined.
        var store = Signed(3);
        var response = TestQueries.Answer(Handler(store, "0.0.0.0/0"), TestQueries.Query("example.com", RRType.AXFR), TransportKind.Udp, Loopback);
        Assert.Equal(Rcode.Refused, TestQueries.ResponseCode(response));
    }

    [Fact]
    public void Allowed_ixfr_over_udp_gets_the_soa_alone()
    {
        // RFC 1995 §2: the current SOA alone tells the client to use TCP.
        var store = Signed(3);
        var response = TestQueries.Answer(Handler(store, "127.0.0.1"), TestQueries.Query("example.com", RRType.IXFR), TransportKind.Udp, Loopback);
        var message = DnsMessage.Parse(response);
        Assert.Equal(ReturnCode.NoError, message.ReturnCode);
        Assert.Equal(RecordType.Soa, Assert.Single(message.AnswerRecords).RecordType);
    }

    [Fact]
    public void Normal_queries_are_not_streams()
    {
        var store = Signed(3);
        Assert.Null(OpenStream(Handler(store, "127.0.0.1"), TestQueries.Query("example.com", RRType.SOA), Loopback));
    }
}
