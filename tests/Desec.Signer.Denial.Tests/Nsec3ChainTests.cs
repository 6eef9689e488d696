using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;

namespace Desec.Signer.Denial.Tests;

/// <summary>RFC 5155 §7.1 and §6 on the mixed zone: which names get an NSEC3, and their bitmaps.</summary>
public class Nsec3ChainTests
{
    private static readonly string[] AllNames =
    [
        "example.", "alias.example.", "c.example.", "b.c.example.", "a.b.c.example.", "ent.example.", "x.ent.example.",
        "insecure.example.", "mail.example.", "ns1.example.", "redirect.example.", "secure.example.", "wild.example.",
        "*.wild.example.",
    ];

    private static Dictionary<string, string> TypesByName(Nsec3Chain chain) =>
        chain.Entries.ToDictionary(e => e.Node.Name.ToString(), e => Types(e.Record));

    /// <summary>The type bit maps of an NSEC3 record: after 5 + salt, hash length and hash.</summary>
    private static string Types(ResourceRecord nsec3)
    {
        var rdata = nsec3.Rdata;
        int pos = 5 + rdata[4];
        pos += 1 + rdata[pos];
        return string.Join(" ", TypeBitmap.Decode(rdata.AsSpan(pos)).Select(RRType.ToText));
    }

    [Fact]
    public void Without_opt_out_every_authoritative_name_cut_and_empty_non_terminal_7_1()
    {
        var chain = Nsec3ChainBuilder.Build(MixedZone.Zone, extraApexTypes: [RRType.DNSKEY]);
        var types = TypesByName(chain);
        Assert.Equal(AllNames.Order(), types.Keys.Order());
        Assert.Equal("NS SOA MX RRSIG DNSKEY NSEC3PARAM", types["example."]);
        Assert.Equal("", types["b.c.example."]);       // empty non-terminal: empty bitmap
        Assert.Equal("", types["ent.example."]);
        Assert.Equal("NS", types["insecure.example."]); // unsigned cut: NS only, its A is glue, nothing signed
        Assert.Equal("NS DS RRSIG", types["secure.example."]);
        Assert.Equal("DNAME RRSIG", types["redirect.example."]);
        Assert.Equal("MX TXT RRSIG", types["*.wild.example."]);
        Assert.All(chain.Records, r => Assert.Equal(0, r.Rdata[1])); // no Opt-Out flag
    }

    [Fact]
    public void Opt_out_skips_unsigned_cuts_and_the_empty_non_terminals_only_they_create_7_1()
    {
        var chain = Nsec3ChainBuilder.Build(MixedZone.Zone, new Nsec3Parameters(optOut: true));
        var names = TypesByName(chain).Keys.Order().ToArray();
        Assert.Equal(AllNames.Except(["insecure.example.", "x.ent.example.", "ent.example."]).Order(), names);
        Assert.All(chain.Records, r => Assert.Equal(1, r.Rdata[1])); // RFC 5155 §7.1: "If Opt-Out is being used, set the Opt-Out bit to one."
        Assert.Equal([1, 0, 0, 0, 0], chain.ParamRecord.Rdata);      // NSEC3PARAM flags stay 0 (§4.1.2)
    }

    [Fact]
    public void Opt_out_keeps_an_empty_non_terminal_above_a_signed_cut()
    {
        var zone = TestSupport.ZoneFromText("""
            example. 3600 IN SOA ns1.example. hostmaster.example. 1 7200 3600 1209600 300
            example. 3600 IN NS ns1.example.net.
            a.ent.example. 3600 IN NS ns1.example.net.
            b.ent.example. 3600 IN NS ns1.example.net.
            b.ent.example. 3600 IN DS 1 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            """);
        var chain = Nsec3ChainBuilder.Build(zone, new Nsec3Parameters(optOut: true));
        Assert.Equal(["b.ent.example.", "ent.example.", "example."], TypesByName(chain).Keys.Order());
    }

    [Fact]
    public void Index_of_each_node_points_at_its_entry()
    {
        var zone = MixedZone.Zone;
        var chain = Nsec3ChainBuilder.Build(zone);
        foreach (var node in zone.Nodes)
        {
            int index = chain.IndexOf(node);
            if (index >= 0) { Assert.Same(node, chain.Entries[index].Node); }
            else { Assert.True(node.Is(Desec.Zone.Zones.NodeFlags.Occluded), node.ToString()); }
        }
        Assert.Equal(Nsec3Hash.Compute(DnsName.Parse("mail.example."), Nsec3Parameters.Default),
            chain.Entries[chain.IndexOf(zone.Find(DnsName.Parse("mail.example."))!)].Hash);
    }

    [Fact]
    public void Default_parameters_are_rfc9276()
    {
        var chain = Nsec3ChainBuilder.Build(MixedZone.Zone);
        Assert.Equal("example.\t3600\tIN\tNSEC3PARAM\t1 0 0 -", chain.ParamRecord.ToString());
        Assert.StartsWith("1 0 0 - ", chain.Records.First().ToString().Split('\t')[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Proofs_on_the_mixed_zone_cover_what_they_claim_7_2()
    {
        var chain = Nsec3ChainBuilder.Build(MixedZone.Zone);
        foreach (var text in new[] { "nope.example.", "x.a.b.c.example.", "z.b.c.example.", "q.wild.example.", "a.b.ent.example.", "mail.example." })
        {
            var qname = DnsName.Parse(text);
            Assert.True(Nsec3Proofs.TryClosestEncloser(chain, qname.Wire, out var proof));
            Assert.True(qname.IsSubdomainOf(proof.ClosestEncloser.Name));
            Assert.Equal(Nsec3Hash.Compute(proof.ClosestEncloser.Name, chain.Parameters), chain.Entries[proof.ClosestEncloserMatch].Hash);
            if (proof.QnameMatches) { Assert.Equal(qname, proof.ClosestEncloser.Name); continue; }
            var nextCloser = qname.Ancestor(proof.ClosestEncloser.Name.LabelCount + 1);
            Assert.True(Covers(chain, proof.NextCloserCover, Nsec3Hash.Compute(nextCloser, chain.Parameters)), text);
            var wildcard = Nsec3Hash.Compute(proof.ClosestEncloser.Name.Prepend("*"u8), chain.Parameters);
            Assert.True(proof.WildcardMatches ? chain.Entries[proof.Wildcard].Hash.SequenceEqual(wildcard) : Covers(chain, proof.Wildcard, wildcard), text);
        }
    }

    /// <summary>RFC 5155 §3: owner hash &lt; hash &lt; next hashed owner, wrapping after the last.</summary>
    private static bool Covers(Nsec3Chain chain, int index, byte[] hash)
    {
        var owner = chain.Entries[index].Hash.AsSpan();
        var next = chain.Entries[(index + 1) % chain.Count].Hash.AsSpan();
        bool afterOwner = owner.SequenceCompareTo(hash) < 0, beforeNext = hash.AsSpan().SequenceCompareTo(next) < 0;
        return owner.SequenceCompareTo(next) < 0 ? afterOwner && beforeNext : afterOwner || beforeNext;
    }
}
