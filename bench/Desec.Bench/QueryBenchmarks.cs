using BenchmarkDotNet.Attributes;
using Desec.Auth.Query;
using Desec.Auth.Transport;
using Desec.Auth.Zones;
using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
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
            int length = _handler.Handle(query, _response, TransportKind.Udp, null);
            if (length == 0 || (_response[2] & 0x02) != 0) { throw new InvalidOperationException("no answer or TC"); }
        }
    }

    /// <summary>A query with EDNS (1232 octets), as resolvers send them, DO set or not.</summary>
    internal static byte[] Query(string name, ushort type, bool dnssecOk)
    {
        var bytes = new List<byte> { 0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 };
        bytes.AddRange(DnsName.Parse(name).Wire.ToArray());
        bytes.AddRange([(byte)(type >> 8), (byte)type, 0, 1, 0, 0, 41, 4, 0xD0, 0, 0, (byte)(dnssecOk ? 0x80 : 0), 0, 0, 0]);
        return bytes.ToArray();
    }

    [Benchmark] public int Hit() => _handler.Handle(_hit, _response, TransportKind.Udp, null);
    [Benchmark] public int NoData() => _handler.Handle(_nodata, _response, TransportKind.Udp, null);
    [Benchmark] public int NxDomain() => _handler.Handle(_nxdomain, _response, TransportKind.Udp, null);
    [Benchmark] public int Referral() => _handler.Handle(_referral, _response, TransportKind.Udp, null);
    [Benchmark] public int Wildcard() => _handler.Handle(_wildcard, _response, TransportKind.Udp, null);
    [Benchmark] public int MxWithAdditional() => _handler.Handle(_mx, _response, TransportKind.Udp, null);
}
