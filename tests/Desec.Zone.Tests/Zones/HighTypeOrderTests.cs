using Desec.Zone.Records;
using Desec.Zone.Zones;
using static Desec.Zone.Tests.Zones.TestZones;

namespace Desec.Zone.Tests.Zones;

/// <summary>
/// RRsets of types 32768 and above (RFC 6895 §3.1: private use from 65280, the rest unassigned but
/// legal in zones as TYPEnnn, RFC 3597 §5) sort after the lower types, as every look-up by type
/// expects. Found by the signed-zone fuzz target (fuzz/): such a type, shifted into a signed sort
/// key, sorted first, so the apex SOA or a delegation's NS was not found and the build threw.
/// </summary>
public class HighTypeOrderTests
{
    [Fact]
    public void A_high_type_at_the_apex_leaves_the_soa_and_ns_found()
    {
        // The fuzzer's input: an apex NS record turned into TYPE62209.
        var zone = BuildOk(Minimal(), [Rr("@", 62209, NameRdata("ns1.example.com."))]);
        Assert.Equal(RRType.SOA, zone.Soa.Type);
        Assert.NotNull(zone.Apex.Find(RRType.NS));
        Assert.NotNull(zone.Apex.Find(62209));
    }

    [Fact]
    public void A_high_type_at_a_delegation_leaves_its_ns_and_glue_found()
    {
        // The fuzzer's second input: TYPE48431 beside a delegation's NS and DS.
        var zone = BuildOk(Minimal(), [
            Ns("sub", "ns.sub"), Rr("sub", RRType.DS, [0x30, 0x39, 13, 2, .. new byte[32]]),
            Rr("sub", 48431, [1, 2, 3]), A("ns.sub", "192.0.2.53"),
        ]);
        var cut = zone.Find(Name("sub"))!;
        Assert.True(cut.Is(NodeFlags.Delegation));
        Assert.NotNull(cut.Find(RRType.NS));
        Assert.NotNull(cut.Find(RRType.DS));
        Assert.NotNull(cut.Find(48431));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(40)] // past the insertion sort's slice: the other sort path
    public void Rrsets_of_one_owner_come_in_ascending_type_order(int extraTypes)
    {
        var records = Enumerable.Range(0, extraTypes)
            .Select(i => Rr("host", (ushort)(65535 - 1000 * i), [(byte)i]))
            .Append(A("host", "192.0.2.1")).Append(Txt("host", "low"));
        var node = BuildOk(Minimal(), records).Find(Name("host"))!;
        var types = node.RRsets.Select(s => (int)s.Type).ToList();
        Assert.Equal(types.Order(), types);
        Assert.All(types, t => Assert.NotNull(node.Find((ushort)t)));
    }
}
