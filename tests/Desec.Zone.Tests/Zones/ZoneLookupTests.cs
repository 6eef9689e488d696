using Desec.Zone.Names;
using static Desec.Zone.Tests.Zones.TestZones;

namespace Desec.Zone.Tests.Zones;

/// <summary>Look-ups by name and by wire span: case-insensitive, closest encloser, canonical predecessor.</summary>
public class ZoneLookupTests
{
    private static readonly Zone.Zones.Zone Sample = BuildOk(Minimal(), [
        A("www", "192.0.2.1"), A("host.a.b", "192.0.2.2"), A("z", "192.0.2.3"), A("*.wild", "192.0.2.4"),
    ]);

    [Theory]
    [InlineData("www.example.")]
    [InlineData("WWW.EXAMPLE.")]
    [InlineData("wWw.ExAmPlE.")]
    public void Span_look_up_ignores_case(string query)
    {
        Assert.True(Sample.TryFind(DnsName.Parse(query).Wire, out var node));
        Assert.Equal("www.example.", node.Name.ToString());
        Assert.Same(node, Sample.Find(DnsName.Parse(query)));
    }

    [Fact]
    public void Absent_names_are_not_found()
    {
        Assert.False(Sample.TryFind(DnsName.Parse("nope.example.").Wire, out _));
        Assert.Null(Sample.Find(DnsName.Parse("example.org.")));
        Assert.True(Sample.TryFind(DnsName.Parse("b.example.").Wire, out var ent)); // an empty non-terminal exists
        Assert.True(ent.IsEmpty);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 3, (byte)'w', (byte)'w' })]
    [InlineData(new byte[] { 3, (byte)'w', (byte)'w', (byte)'w', 0, 0 })]
    [InlineData(new byte[] { 0xC0, 12 })]
    public void Malformed_wire_names_are_not_found(byte[] wire)
    {
        Assert.False(Sample.TryFind(wire, out _));
        Assert.False(Sample.TryFindClosestEncloser(wire, out _));
        Assert.False(Sample.TryFindPredecessor(wire, out _));
    }

    [Fact]
    public void Span_look_up_does_not_allocate()
    {
        var wire = DnsName.Parse("HOST.a.B.example.").Wire.ToArray();
        var missing = DnsName.Parse("x.y.host.a.b.example.").Wire.ToArray();
        for (int i = 0; i < 3; i++) { Lookups(wire, missing); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        Lookups(wire, missing);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void Lookups(byte[] wire, byte[] missing)
        {
            Sample.TryFind(wire, out _);
            Sample.TryFind(missing, out _);
            Sample.TryFindClosestEncloser(missing, out _);
            Sample.TryFindPredecessor(missing, out _);
        }
    }

    [Theory]
    [InlineData("www.example.", "www.example.")]
    [InlineData("x.y.host.a.b.example.", "host.a.b.example.")]
    [InlineData("q.A.b.example.", "a.b.example.")]
    [InlineData("nope.example.", "example.")]
    [InlineData("x.wild.example.", "wild.example.")]
    [InlineData("EXAMPLE.", "example.")]
    public void Closest_encloser_is_the_deepest_existing_ancestor(string name, string expected)
    {
        Assert.Equal(expected, Sample.FindClosestEncloser(DnsName.Parse(name))!.Name.ToString());
        Assert.True(Sample.TryFindClosestEncloser(DnsName.Parse(name).Wire, out var node));
        Assert.Equal(expected, node.Name.ToString());
    }

    [Theory]
    [InlineData("example.org.")]
    [InlineData("org.")]
    [InlineData(".")]
    public void Closest_encloser_outside_the_zone_is_none(string name) =>
        Assert.Null(Sample.FindClosestEncloser(DnsName.Parse(name)));

    [Fact]
    public void Closest_encloser_in_the_root_zone()
    {
        var root = Desec.Zone.Zones.ZoneBuilder.Build(DnsName.Root, [
            new(DnsName.Root, Records.RRType.SOA, 86400, SoaRdata(1)),
            new(DnsName.Root, Records.RRType.NS, 86400, NameRdata("a.root-servers.net.")),
            new(DnsName.Parse("com."), Records.RRType.NS, 86400, NameRdata("a.gtld-servers.net.")),
        ]).Zone!;
        Assert.Equal("com.", root.FindClosestEncloser(DnsName.Parse("www.example.com."))!.Name.ToString());
        Assert.Same(root.Apex, root.FindClosestEncloser(DnsName.Parse("example.org.")));
    }

    // Canonical order of the sample (RFC 4034 §6.1): example, b, a.b, host.a.b, ns1, wild, *.wild, www, z.
    [Theory]
    [InlineData("aaa.example.", "example.")]
    [InlineData("c.example.", "host.a.b.example.")]
    [InlineData("a.host.a.b.example.", "host.a.b.example.")]
    [InlineData("NT.example.", "ns1.example.")]
    [InlineData("a.wild.example.", "*.wild.example.")]
    [InlineData("wwx.example.", "www.example.")]
    [InlineData("zz.example.", "z.example.")]
    [InlineData("z.example.", "www.example.")]
    [InlineData("example.", "z.example.")]
    public void Predecessor_is_the_last_name_sorting_before(string name, string expected)
    {
        Assert.Equal(expected, Sample.FindPredecessor(DnsName.Parse(name)).Name.ToString());
        Assert.True(Sample.TryFindPredecessor(DnsName.Parse(name).Wire, out var node));
        Assert.Equal(expected, node.Name.ToString());
    }

    [Fact]
    public void Predecessor_of_an_existing_name_is_its_previous_node()
    {
        foreach (var node in Sample.Nodes) { Assert.Same(node.Previous, Sample.FindPredecessor(node.Name)); }
    }
}
