using BenchmarkDotNet.Attributes;
using Desec.Auth.Query;
using Desec.Auth.Transport;
using Desec.Auth.Zones;
using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Bench;

/// <summary>
/// The answer path from request bytes to response bytes (parse, look up, write), per kind of
/// answer, on an unsigned zone and on the same zone signed with NSEC and with NSEC3, with and
/// without DO. MemoryDiagnoser shows what one query allocates: the target is 0 bytes in every case.
/// </summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private const string ZoneText = """
        $TTL 3600
        @        SOA   ns1 hostmaster 1 7200 3600 1209600 300
                 NS    ns1
                 NS    ns2
                 MX    10 mail
        ns1      A     192.0.2.1
        ns2      A     192.0.2.2
        mail     A     192.0.2.25
        www      A     192.0.2.80
                 AAAA  2001:db8::80
        *.wild   A     192.0.2.100
        sub      NS    ns.sub
        ns.sub   A     192.0.2.53
        """;

    public enum ZoneKind { Unsigned, Nsec, Nsec3 }

    [Params(ZoneKind.Unsigned, ZoneKind.Nsec, ZoneKind.Nsec3)]
    public ZoneKind Zone { get; set; }

    /// <summary>The DO bit (RFC 3225): with it, answers carry RRSIGs and denial proofs.</summary>
    [Params(false, true)]
    public bool Do { get; set; }

    private QueryHandler _handler = null!;
    private readonly byte[] _response = new byte[65535];
    private byte[] _hit = [], _nodata = [], _nxdomain = [], _referral = [], _wildcard = [], _mx = [];

    [GlobalSetup]
    public void Setup()
    {
        var origin = DnsName.Parse("example.com.");
        var parsed = ZoneFileParser.ParseText(ZoneText, "bench", origin);
        var zone = ZoneBuilder.Build(origin, parsed.Records).Zone!;
        ServedZone served;
        if (Zone == ZoneKind.Unsigned) { served = new ServedZone(zone); }
        else
        {
            var key = KeyGenerator.Generate(origin, DnssecAlgorithm.Default, DnskeyRdata.KskFlags);
            var policy = new SigningPolicy { Denial = Zone == ZoneKind.Nsec ? DenialMode.Nsec : DenialMode.Nsec3 };
            var signed = ZoneSigner.Sign(zone, [key], policy, zone.Serial, DateTimeOffset.UtcNow);
            if (!signed.Success) { throw new InvalidOperationException(string.Join("\n", signed.Errors)); }
            served = new ServedZone(signed.Zone!);
        }
        var store = new ZoneStore();
        store.Update(_ => new ZoneSet([served]));
        _handler = new QueryHandler(new Answerer(store), new AnswerOptions());
        _hit = Query("www.example.com.", 1, Do);
        _nodata = Query("www.example.com.", 16, Do);
        _nxdomain = Query("nothing.example.com.", 1, Do);
        _referral = Query("host.sub.example.com.", 1, Do);
        _wildcard = Query("a.wild.example.com.", 1, Do);
        _mx = Query("example.com.", 15, Do);
        // An answer that is cut short (TC) would measure the wrong path.
        foreach (var query in new[] { _hit, _nodata, _nxdomain, _referral, _wildcard, _mx })
        {
            int length = Ask(_handler, query, _response);
            if (length == 0 || !MessageHeader.TryRead(_response.AsSpan(0, length), out var header) || header.Has(HeaderFlags.TC))
            {
                throw new InvalidOperationException("no answer or TC");
            }
        }
    }

    /// <summary>The peer of every query: a resolver's address, as the UDP path hands it over.</summary>
    private static readonly PeerAddress Resolver = PeerAddress.FromIPv4(0xC6336401, 40000); // 198.51.100.1

    /// <summary>A query with EDNS (1232 octets), as resolvers send them, DO set or not.</summary>
    internal static byte[] Query(string name, ushort type, bool dnssecOk) =>
        QueryMessage.Create(0x1234, Opcode.Query, HeaderFlags.None, DnsName.Parse(name).Wire, type, Desec.Zone.Records.RRClass.IN,
            edns: true, new OptRecord { UdpPayloadSize = 1232, DnssecOk = dnssecOk });

    /// <summary>One query through the handler over UDP; the response's length.</summary>
    internal static int Ask(QueryHandler handler, byte[] query, byte[] response) =>
        handler.Handle(new Request(query, TransportKind.Udp, Resolver), response).Length;

    [Benchmark] public int Hit() => Ask(_handler, _hit, _response);
    [Benchmark] public int NoData() => Ask(_handler, _nodata, _response);
    [Benchmark] public int NxDomain() => Ask(_handler, _nxdomain, _response);
    [Benchmark] public int Referral() => Ask(_handler, _referral, _response);
    [Benchmark] public int Wildcard() => Ask(_handler, _wildcard, _response);
    [Benchmark] public int MxWithAdditional() => Ask(_handler, _mx, _response);
}
