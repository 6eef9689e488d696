using ARSoft.Tools.Net.Dns;
using Desec.Auth.Query;
using Desec.Auth.Transport;
using Desec.Auth.Zones;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Auth.Tests;

/// <summary>Builds zones from text, queries from parameters, and decodes responses with ARSoft as an independent reader.</summary>
public static class TestQueries
{
    public static ZoneStore Store(params (string Origin, string Text)[] zones)
    {
        var built = new List<Zone.Zones.Zone>();
        foreach (var (origin, text) in zones)
        {
            var parsed = ZoneFileParser.ParseText(text, origin, DnsName.Parse(origin));
            Assert.True(parsed.Success, string.Join("\n", parsed.Errors.Select(e => e.Message)));
            var result = ZoneBuilder.Build(parsed.Origin, parsed.Records);
            Assert.True(result.Success, string.Join("\n", result.Errors));
            built.Add(result.Zone!);
        }
        var store = new ZoneStore();
        store.Update(_ => new ZoneSet(built.Select(z => new ServedZone(z))));
        return store;
    }

    /// <summary>The same zones, signed with a fresh CSK and the given denial mode.</summary>
    public static ZoneStore SignedStore(Desec.Signer.Signing.DenialMode denial, params (string Origin, string Text)[] zones)
    {
        var unsigned = Store(zones).Current.Zones.Select(z => z.Zone).ToList();
        var served = new List<ServedZone>();
        foreach (var zone in unsigned)
        {
            var key = Desec.Signer.Keys.KeyGenerator.Generate(zone.Origin, Desec.Signer.Algorithms.DnssecAlgorithm.Default,
                Desec.Signer.Keys.DnskeyRdata.KskFlags);
            var result = Desec.Signer.Signing.ZoneSigner.Sign(zone, [key], new Desec.Signer.Signing.SigningPolicy { Denial = denial },
                zone.Serial, DateTimeOffset.UtcNow);
            Assert.True(result.Success, string.Join("\n", result.Errors));
            served.Add(new ServedZone(result.Zone!));
        }
        var store = new ZoneStore();
        store.Update(_ => new ZoneSet(served));
        return store;
    }

    /// <summary>A query in wire format. <paramref name="udpSize"/> adds an OPT record (EDNS version <paramref name="ednsVersion"/>).</summary>
    public static byte[] Query(string name, ushort type, ushort id = 0x1234, ushort? udpSize = null, bool dnssecOk = false,
        byte ednsVersion = 0, bool nsid = false, HeaderFlags flags = HeaderFlags.RD, ushort qclass = 1, byte[]? cookie = null,
        Opcode opcode = Opcode.Query)
    {
        var qname = DnsName.Parse(name.EndsWith('.') ? name : name + ".");
        return QueryMessage.Create(id, opcode, flags, qname.Wire, type, qclass, udpSize is not null,
            new Desec.Zone.Messages.OptRecord { UdpPayloadSize = udpSize ?? 0, DnssecOk = dnssecOk, Version = ednsVersion, AskNsid = nsid, Cookie = cookie });
    }

    /// <summary>The peer of the test queries, as a transport hands it over.</summary>
    public static readonly PeerAddress Peer = PeerAddress.FromIPv4(0xC0000201, 53000); // 192.0.2.1

    public static byte[] Answer(ZoneStore store, byte[] query, TransportKind transport = TransportKind.Udp, AnswerOptions? options = null) =>
        Answer(new QueryHandler(new Answerer(store), options ?? new AnswerOptions()), query, transport);

    /// <summary>One request through the handler's entry point; the one message it answers with (empty for none).</summary>
    public static byte[] Answer(IQueryHandler handler, byte[] query, TransportKind transport = TransportKind.Udp, PeerAddress? peer = null)
    {
        var response = new byte[65535];
        var reply = handler.Handle(new Request(query, transport, peer ?? Peer), response);
        Assert.Null(reply.Stream);
        return response.AsSpan(0, reply.Length).ToArray();
    }

    public static DnsMessage Ask(ZoneStore store, string name, ushort type, ushort? udpSize = null,
        TransportKind transport = TransportKind.Udp, AnswerOptions? options = null, bool dnssecOk = false)
    {
        var bytes = Answer(store, Query(name, type, udpSize: dnssecOk ? udpSize ?? 1232 : udpSize, dnssecOk: dnssecOk), transport, options);
        Assert.NotEmpty(bytes);
        return DnsMessage.Parse(new ArraySegment<byte>(bytes));
    }

    /// <summary>The response read with the message layer (question and records); the test fails when it is malformed.</summary>
    public static MessageReader Read(byte[] response) => MessageReader.ReadAll(response);

    public static MessageHeader Header(byte[] response) => Read(response).Header;

    /// <summary>The full RCODE: the header's four bits and the OPT record's upper eight (RFC 6891 §6.1.3).</summary>
    public static Rcode ResponseCode(byte[] response)
    {
        var reader = Read(response);
        return RcodeExtensions.Combine(reader.Header.RcodeBits, reader.Edns.ExtendedRcodeBits);
    }

    /// <summary>Records of a section as "owner TYPE rdata" lines, owners lower-cased, for easy asserts.</summary>
    public static List<string> Lines(IEnumerable<DnsRecordBase> records) =>
        records.Select(r => $"{r.Name.ToString().ToLowerInvariant()} {r.TimeToLive} {r.RecordType.ToString().ToUpperInvariant()} {RdataText(r)}").ToList();

    private static string RdataText(DnsRecordBase record)
    {
        string text = record.ToString();
        // ARSoft prints "name ttl class type rdata"; keep the rdata.
        var parts = text.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 5 ? parts[4] : "";
    }
}
