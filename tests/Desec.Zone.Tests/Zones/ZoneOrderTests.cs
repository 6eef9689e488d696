using Desec.Zone.Records;
using static Desec.Zone.Tests.Zones.TestZones;

namespace Desec.Zone.Tests.Zones;

/// <summary>RFC 4034 §6.1 and §6.3: records come out in canonical order whatever order they went in.</summary>
public class ZoneOrderTests
{
    /// <summary>The example of RFC 4034 §6.1, in canonical order.</summary>
    private static readonly string[] Rfc4034Names =
    [
        "example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.", "z.example.",
        "\\001.z.example.", "*.z.example.", "\\200.z.example.",
    ];

    [Fact]
    public void Records_follow_the_rfc4034_example_order()
    {
        var shuffled = Rfc4034Names.Skip(1).Reverse().Select((n, i) => A(n, $"192.0.2.{i + 1}")).ToList();
        shuffled.Insert(3, Soa());
        shuffled.Insert(5, Ns("@", "ns.example.net."));
        var zone = BuildOk(shuffled);

        var owners = zone.Records.Select(r => r.Owner.ToString()).Distinct().ToList();
        Assert.Equal(Rfc4034Names, owners);
        Assert.Equal(Rfc4034Names, zone.Nodes.Select(n => n.Name.ToString()));
        Assert.Equal(10, zone.RecordCount);
        Assert.Equal(zone.RecordCount, zone.Records.Count());
    }

    [Fact]
    public void Within_an_owner_records_go_by_type_then_rdata()
    {
        var zone = BuildOk(
            [A("@", "192.0.2.9"), Txt("@", "b"), Txt("@", "a"), A("@", "192.0.2.10"), Ns("@", "ns2.example.net."),
             Soa(), Ns("@", "ns1.example.net.")]);
        var lines = zone.Records.Select(r => (r.Type, r.Rdata.Last())).ToList();
        Assert.Equal(
            [(RRType.A, (byte)9), (RRType.A, (byte)10), (RRType.NS, (byte)0), (RRType.NS, (byte)0), (RRType.SOA, (byte)44),
             (RRType.TXT, (byte)'a'), (RRType.TXT, (byte)'b')],
            lines);
        var ns = zone.Apex.Find(RRType.NS)!.Rdatas.Select(r => Desec.Zone.Names.DnsName.FromWire(r).ToString());
        Assert.Equal(["ns1.example.net.", "ns2.example.net."], ns);
    }

    [Fact]
    public void Types_from_32768_up_sort_after_the_others()
    {
        // A type above 32767 once sorted first (a signed sort key), and the apex SOA was then not found.
        var zone = BuildOk([Rr("@", 65280, [7]), Rr("@", RRType.DLV, [1, 2, 3, 4]), Soa(), Ns("@", "ns.example.net."), Rr("@", 32767, [8])]);
        Assert.Equal([RRType.NS, RRType.SOA, (ushort)32767, RRType.DLV, (ushort)65280], zone.Apex.RRsets.Select(s => s.Type));
        Assert.NotNull(zone.Apex.Find(65280));
    }

    [Fact]
    public void Records_carry_the_rrset_ttl()
    {
        var zone = BuildOk(Minimal(), [A("www", "192.0.2.1", ttl: 60)]);
        Assert.Equal(60u, zone.Records.Single(r => r.Owner == Name("www")).Ttl);
    }
}
