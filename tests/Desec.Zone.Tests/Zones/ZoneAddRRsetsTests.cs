using System.Buffers.Binary;
using Desec.Zone.Records;
using Desec.Zone.Zones;
using static Desec.Zone.Tests.Zones.TestZones;

namespace Desec.Zone.Tests.Zones;

/// <summary>
/// Zone.WithAddedRRsets, which the signer uses to add RRSIG and NSEC RRsets (RFC 4035 §2.2, §2.3)
/// without building the zone again: the result must be the zone a full build of all records gives.
/// </summary>
public class ZoneAddRRsetsTests
{
    private static readonly List<ResourceRecord> Unsigned = [.. Minimal(),
        A("www", "192.0.2.1"),
        A("*.wild", "192.0.2.2"),
        Cname("alias", "www"),
        A("host.a.b", "192.0.2.3"),
        Ns("sub", "ns.sub"), A("ns.sub", "192.0.2.10"),
    ];

    /// <summary>A fake RRSIG RDATA: only the type covered (RFC 4034 §3.1.1) matters to the zone.</summary>
    private static byte[] Rrsig(ushort covered, byte tag)
    {
        var rdata = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(rdata, covered);
        rdata[19] = tag;
        return rdata;
    }

    /// <summary>Two RRSIGs over each RRset of a node that holds data (a real signer skips more) and an NSEC with made-up RDATA.</summary>
    private static List<RRset> Additions(Zone.Zones.Zone zone, ZoneNode node)
    {
        var sets = new List<RRset>();
        if (node.IsEmpty || node.Is(NodeFlags.Occluded)) { return sets; }
        foreach (var set in node.RRsets.Reverse()) // out of order on purpose
        {
            sets.Add(new RRset(node.Name, RRType.RRSIG, set.Ttl, [Rrsig(set.Type, 1), Rrsig(set.Type, 2)]));
        }
        sets.Add(new RRset(node.Name, RRType.NSEC, 300, [[0, 1, 2]]));
        return sets;
    }

    [Fact]
    public void Gives_the_zone_a_full_build_gives_and_leaves_the_original_alone()
    {
        var zone = BuildOk(Unsigned);
        var before = zone.Records.Select(r => r.ToString()).ToList();
        var added = zone.Nodes.Select(n => (IReadOnlyList<RRset>?)Additions(zone, n)).ToArray();

        var fast = zone.WithAddedRRsets(added);
        var full = BuildOk(zone.Records.Concat(added.SelectMany(a => a!).SelectMany(s => s.Records)));

        Assert.Equal(before, zone.Records.Select(r => r.ToString()));
        Assert.Equal(full.Records.Select(r => r.ToString()), fast.Records.Select(r => r.ToString()));
        Assert.Equal(full.RecordCount, fast.RecordCount);
        Assert.Equal(full.Serial, fast.Serial);
        Assert.Equal(full.Nodes.Count, fast.Nodes.Count);
        for (int i = 0; i < full.Nodes.Count; i++)
        {
            ZoneNode expected = full.Nodes[i], actual = fast.Nodes[i];
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.Flags, actual.Flags);
            Assert.Equal(i, actual.Index);
            Assert.Equal(expected.RRsets.Select(s => (s.Type, s.Ttl, s.Count)), actual.RRsets.Select(s => (s.Type, s.Ttl, s.Count)));
            Assert.Same(fast.Nodes[expected.Previous.Index], actual.Previous);
            Assert.Equal(expected.Parent?.Index, actual.Parent?.Index);
            if (actual.Parent is not null) { Assert.Same(fast.Nodes[actual.Parent.Index], actual.Parent); }
            Assert.Equal(expected.OccludedBy?.Index, actual.OccludedBy?.Index);
            Assert.Equal(expected.AdditionalTargets(RRType.NS).ToArray(), actual.AdditionalTargets(RRType.NS).ToArray());
            Assert.Same(actual, fast.Find(actual.Name));
        }
        Assert.NotNull(fast.Find(Name("www"))!.FindSignatures(RRType.A));
        Assert.Null(zone.Find(Name("www"))!.FindSignatures(RRType.A));
    }

    [Fact]
    public void Refuses_an_RRset_of_another_owner()
    {
        var zone = BuildOk(Unsigned);
        var added = new IReadOnlyList<RRset>?[zone.Nodes.Count];
        added[0] = [new RRset(Name("www"), RRType.NSEC, 300, [[0, 1, 2]])];
        Assert.Throws<ArgumentException>(() => zone.WithAddedRRsets(added));
    }
}
