using BenchmarkDotNet.Attributes;
using Desec.Auth.Query;
using Desec.Auth.Transport;
using Desec.Auth.Zones;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Zones;

namespace Desec.Bench;

/// <summary>
/// The answer path from request bytes to response bytes (parse, look up, write), per kind of
/// answer. MemoryDiagnoser shows what one query allocates: the target is 0 bytes.
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

    private QueryHandler _handler = null!;
    private readonly byte[] _response = new byte[65535];
    private byte[] _hit = [], _nodata = [], _nxdomain = [], _referral = [], _wildcard = [], _mx = [];

    [GlobalSetup]
    public void Setup()
    {
        var origin = DnsName.Parse("example.com.");
        var parsed = ZoneFileParser.ParseText(ZoneText, "bench", origin);
        var zone = ZoneBuilder.Build(origin, parsed.Records).Zone!;
        var store = new ZoneStore();
        store.Update(_ => new ZoneSet([new ServedZone(zone)]));
        _handler = new QueryHandler(new Answerer(store), new AnswerOptions());
        _hit = Query("www.example.com.", 1);
        _nodata = Query("www.example.com.", 16);
        _nxdomain = Query("nothing.example.com.", 1);
        _referral = Query("host.sub.example.com.", 1);
        _wildcard = Query("a.wild.example.com.", 1);
        _mx = Query("example.com.", 15);
    }

    /// <summary>A query with EDNS (1232 octets), as resolvers send them.</summary>
    private static byte[] Query(string name, ushort type)
    {
        var bytes = new List<byte> { 0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 };
        bytes.AddRange(DnsName.Parse(name).Wire.ToArray());
        bytes.AddRange([(byte)(type >> 8), (byte)type, 0, 1, 0, 0, 41, 4, 0xD0, 0, 0, 0, 0, 0, 0]);
        return bytes.ToArray();
    }

    [Benchmark] public int Hit() => _handler.Handle(_hit, _response, TransportKind.Udp, null);
    [Benchmark] public int NoData() => _handler.Handle(_nodata, _response, TransportKind.Udp, null);
    [Benchmark] public int NxDomain() => _handler.Handle(_nxdomain, _response, TransportKind.Udp, null);
    [Benchmark] public int Referral() => _handler.Handle(_referral, _response, TransportKind.Udp, null);
    [Benchmark] public int Wildcard() => _handler.Handle(_wildcard, _response, TransportKind.Udp, null);
    [Benchmark] public int MxWithAdditional() => _handler.Handle(_mx, _response, TransportKind.Udp, null);
}
