using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Zones;
using static Desec.Zone.Tests.Zones.TestZones;

namespace Desec.Zone.Tests.Zones;

/// <summary>The node tree: flags, empty non-terminals, parents, previous links, glue.</summary>
public class ZoneNodeTests
{
    private static readonly Zone.Zones.Zone Sample = BuildOk(Minimal(), [
        A("www", "192.0.2.1"),
        A("*.wild", "192.0.2.2"),
        Cname("alias", "www"),
        Dname("old", "example.net."),
        A("host.a.b.c", "192.0.2.3"),
        // A delegation with glue below its cut, a target elsewhere in the zone and a sibling target.
        Ns("sub", "ns.sub"), Ns("sub", "www"), Ns("sub", "ns.sib"),
        A("ns.sub", "192.0.2.10"), Aaaa("ns.sub", "2001:db8::10"),
        Ns("sib", "ns.sib"), A("ns.sib", "192.0.2.11"),
    ]);

    private static ZoneNode Node(string name) => Sample.Find(Name(name)) ?? throw new Xunit.Sdk.XunitException($"no node {name}");

    [Theory]
    [InlineData("@", NodeFlags.Apex)]
    [InlineData("www", NodeFlags.None)]
    [InlineData("wild", NodeFlags.EmptyNonTerminal | NodeFlags.WildcardChild)]
    [InlineData("*.wild", NodeFlags.Wildcard)]
    [InlineData("alias", NodeFlags.HasCname)]
    [InlineData("old", NodeFlags.HasDname)]
    [InlineData("c", NodeFlags.EmptyNonTerminal)]
    [InlineData("b.c", NodeFlags.EmptyNonTerminal)]
    [InlineData("sub", NodeFlags.Delegation)]
    [InlineData("ns.sub", NodeFlags.Occluded)]
    public void Flags(string name, NodeFlags expected) => Assert.Equal(expected, Node(name).Flags);

    [Theory]
    [InlineData(32768)]
    [InlineData(65280)] // private use, RFC 6895 §3.1
    [InlineData(65534)]
    public void Types_from_32768_up_sort_after_the_others(int type)
    {
        // They sorted as negative numbers, before the SOA, and the zone could not find its SOA (an exception on any door).
        var zone = BuildOk(Minimal(), [Rr("@", (ushort)type, [1]), Rr("@", 99, [2]), Rr("www", (ushort)type, [3]), A("www", "192.0.2.1")]);
        Assert.NotNull(zone.Apex.Find(RRType.SOA));
        Assert.NotNull(zone.Apex.Find((ushort)type));
        Assert.Equal([RRType.NS, RRType.SOA, (ushort)99, (ushort)type], zone.Apex.RRsets.Select(s => s.Type).ToArray());
        Assert.NotNull(zone.Find(Name("www"))!.Find(RRType.A));
    }

    [Fact]
    public void Apex_ns_is_not_a_delegation()
    {
        Assert.True(Sample.Apex.Is(NodeFlags.Apex));
        Assert.False(Sample.Apex.Is(NodeFlags.Delegation));
        Assert.Same(Sample.Apex, Node("@"));
        Assert.Equal(RRType.SOA, Sample.Soa.Type);
        Assert.Equal(2024010101u, Sample.Serial);
    }

    [Fact]
    public void Empty_non_terminals_fill_every_gap_and_hold_nothing()
    {
        foreach (var name in new[] { "c", "b.c", "a.b.c", "wild" })
        {
            var node = Node(name);
            Assert.True(node.IsEmpty);
            Assert.True(node.Is(NodeFlags.EmptyNonTerminal));
        }
        Assert.Equal(Node("b.c"), Node("a.b.c").Parent);
        Assert.Equal(Node("c"), Node("b.c").Parent);
        Assert.Same(Sample.Apex, Node("c").Parent);
        Assert.Null(Sample.Apex.Parent);
    }

    [Fact]
    public void Every_node_but_the_apex_has_its_parent()
    {
        foreach (var node in Sample.Nodes.Skip(1))
        {
            Assert.NotNull(node.Parent);
            Assert.Equal(node.Name.Parent(), node.Parent.Name);
        }
    }

    [Fact]
    public void An_empty_non_terminal_below_a_cut_is_occluded_too()
    {
        var zone = BuildOk(Minimal(), [Ns("sub", "ns.deep.sub"), A("ns.deep.sub", "192.0.2.9")]);
        var ent = zone.Find(Name("deep.sub"))!;
        Assert.Equal(NodeFlags.EmptyNonTerminal | NodeFlags.Occluded, ent.Flags);
        Assert.Same(zone.Find(Name("sub")), ent.OccludedBy);
        Assert.Equal([TargetKind.Glue], Targets(zone, "sub", RRType.NS).Select(t => t.Kind));
    }

    [Fact]
    public void Previous_links_follow_canonical_order_and_wrap_around()
    {
        var nodes = Sample.Nodes;
        for (int i = 1; i < nodes.Count; i++)
        {
            Assert.Same(nodes[i - 1], nodes[i].Previous);
            Assert.Equal(i, nodes[i].Index);
            Assert.True(nodes[i - 1].Name.CompareTo(nodes[i].Name) < 0);
        }
        // Decided: the list is circular, like an NSEC chain (RFC 4034 §4.1.1), so the apex's previous is the last node.
        Assert.Same(nodes[^1], Sample.Apex.Previous);
        Assert.Same(Sample.Apex, nodes[0]);
    }

    [Fact]
    public void A_zone_of_only_its_apex_is_its_own_previous()
    {
        var zone = BuildOk([Soa(), Ns("@", "ns.example.net.")]);
        Assert.Same(zone.Apex, zone.Apex.Previous);
        Assert.Single(zone.Nodes);
    }

    /// <summary>The additional targets of a node's RRset of a type, as (name, kind) pairs.</summary>
    private static List<(DnsName Name, TargetKind Kind)> Targets(Zone.Zones.Zone zone, string owner, ushort type) =>
        [.. zone.Find(Name(owner))!.AdditionalTargets(type).ToArray().Select(t => (zone.NodeAt(t.Node).Name, t.Kind))];

    [Fact]
    public void Ns_targets_of_a_cut_are_glue_below_it_sibling_glue_below_another_cut_or_authoritative_data_rfc9471_2()
    {
        // ns.sub is below the cut (glue); www is authoritative data of this zone; ns.sib sits below the sibling cut sib.
        Assert.Equal([(Name("www"), TargetKind.Authoritative), (Name("ns.sub"), TargetKind.Glue), (Name("ns.sib"), TargetKind.Occluded)],
            Targets(Sample, "sub", RRType.NS).OrderBy(t => t.Kind));
        Assert.Equal([(Name("ns.sib"), TargetKind.Glue)], Targets(Sample, "sib", RRType.NS));
        Assert.Empty(Targets(Sample, "www", RRType.NS));
    }

    [Fact]
    public void Glue_at_the_cut_itself_counts()
    {
        var zone = BuildOk(Minimal(), [Ns("sub", "sub"), A("sub", "192.0.2.5")]);
        Assert.Equal([(Name("sub"), TargetKind.Glue)], Targets(zone, "sub", RRType.NS));
    }

    private static ResourceRecord Mx(byte preference, string exchange) => Rr("@", RRType.MX, [0, preference, .. NameRdata(exchange)]);

    [Fact]
    public void Mx_and_srv_targets_are_authoritative_names_with_addresses_each_listed_once_rfc1034_3_6()
    {
        var zone = BuildOk(Minimal(), [
            Mx(10, "mail"), Mx(20, "mail"), Mx(30, "noaddress"), Mx(40, "mx.example.net."), Mx(50, "hidden.sub"),
            A("mail", "192.0.2.25"), Txt("noaddress", "x"), Ns("sub", "ns.example.net."), A("hidden.sub", "192.0.2.26"),
            Rr("_sip._udp", RRType.SRV, [0, 10, 0, 60, 0x13, 0xC4, .. NameRdata("mail")])]);
        Assert.Equal([(Name("mail"), TargetKind.Authoritative)], Targets(zone, "@", RRType.MX));
        Assert.Equal([(Name("mail"), TargetKind.Authoritative)], Targets(zone, "_sip._udp", RRType.SRV));
        Assert.Empty(Targets(zone, "@", RRType.A));
    }

    [Fact]
    public void RRsets_are_sorted_by_type()
    {
        var zone = BuildOk(Minimal(), [Txt("@", "t"), A("@", "192.0.2.1"), Rr("@", RRType.MX, [0, 10, 0])]);
        Assert.Equal([RRType.A, RRType.NS, RRType.SOA, RRType.MX, RRType.TXT], zone.Apex.RRsets.Select(s => s.Type));
        Assert.Equal(RRType.MX, zone.Apex.Find(RRType.MX)!.Type);
        Assert.Null(zone.Apex.Find(RRType.AAAA));
    }

    [Fact]
    public void The_owner_keeps_the_letter_case_it_was_first_given()
    {
        var zone = BuildOk(Minimal(), [A("WwW", "192.0.2.1"), A("www", "192.0.2.2")]);
        Assert.Equal("WwW.example.", zone.Find(Name("www"))!.Name.ToString());
    }
}
