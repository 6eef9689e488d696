using Desec.Zone.Names;

namespace Desec.Signer.Denial.Tests;

/// <summary>RFC 4035 §3.1.3: which NSEC records prove what, on the mixed zone.</summary>
public class NsecProofTests
{
    private static readonly Lazy<NsecChain> LazyChain = new(() => NsecChainBuilder.Build(MixedZone.Zone));

    private static NsecChain Chain => LazyChain.Value;

    private static string[] Owners(DenialProof proof) =>
        proof.ToArray().Select(i => Chain.Records[i].Owner.ToString()).ToArray();

    [Fact]
    public void Name_error_covers_the_name_and_the_wildcard_3_1_3_2()
    {
        // nope.example sorts between mail and ns1; *.example right after the apex.
        Assert.Equal(["mail.example.", "example."], Owners(NsecProofs.NameError(Chain, DnsName.Parse("nope.example."))));
    }

    [Fact]
    public void Name_error_lists_a_record_covering_both_once_3_1_3_2()
    {
        // x.a.b.c.example and *.a.b.c.example both sort between a.b.c and x.ent.
        var proof = NsecProofs.NameError(Chain, DnsName.Parse("x.A.b.c.example."));
        Assert.Equal(["a.b.c.example."], Owners(proof));
    }

    [Fact]
    public void Name_error_below_an_empty_non_terminal_3_1_3_2()
    {
        // Closest encloser b.c (empty non-terminal): *.b.c is covered by alias -> a.b.c, z.b.c by a.b.c -> x.ent.
        Assert.Equal(["a.b.c.example.", "alias.example."], Owners(NsecProofs.NameError(Chain, DnsName.Parse("z.b.c.example."))));
    }

    [Fact]
    public void No_data_uses_the_nsec_at_the_name_3_1_3_1()
    {
        Assert.Equal(["mail.example."], Owners(NsecProofs.NoData(Chain, DnsName.Parse("MAIL.example."))));
    }

    [Fact]
    public void No_data_at_an_empty_non_terminal_uses_the_nsec_before_it()
    {
        // alias.example NSEC next a.b.c.example: b.c.example lies between them and has descendants.
        Assert.Equal(["alias.example."], Owners(NsecProofs.NoData(Chain, DnsName.Parse("b.c.example."))));
    }

    [Fact]
    public void Ds_no_data_at_an_unsigned_delegation_uses_its_nsec_3_1_4_1()
    {
        var proof = NsecProofs.NoData(Chain, DnsName.Parse("insecure.example."));
        Assert.Equal(["insecure.example."], Owners(proof));
        Assert.False(Desec.Zone.Text.TypeBitmap.Contains(Chain.Records[proof[0]].Rdata.AsSpan(DnsName.Parse("mail.example.").Length), Desec.Zone.Records.RRType.DS));
    }

    [Fact]
    public void Wildcard_answer_covers_the_query_name_3_1_3_3()
    {
        Assert.Equal(["*.wild.example."], Owners(NsecProofs.WildcardAnswer(Chain, DnsName.Parse("foo.wild.example."))));
    }

    [Fact]
    public void Wildcard_no_data_covers_the_name_and_matches_the_wildcard_3_1_3_4()
    {
        // The record covering foo.wild is the wildcard's own NSEC: listed once.
        Assert.Equal(["*.wild.example."], Owners(NsecProofs.WildcardNoData(Chain, DnsName.Parse("foo.wild.example."))));
    }

    [Fact]
    public void Covering_and_matching_lookups()
    {
        Assert.Equal(-1, Chain.FindCovering(DnsName.Parse("ns1.example.")));
        Assert.Equal(0, Chain.Find(DnsName.Parse("example.").Wire, out bool matches));
        Assert.True(matches);
        // Glue is covered by the NSEC before it: secure.example -> *.wild.example covers ns.secure.example.
        Assert.Equal("secure.example.", Chain.Records[Chain.FindCovering(DnsName.Parse("ns.secure.example."))].Owner.ToString());
        // Past the last name: the last NSEC (whose next name is the apex) covers it.
        Assert.Equal(Chain.Count - 1, Chain.FindCovering(DnsName.Parse("zzz.wild.example.")));
    }

    /// <summary>
    /// The proofs from the nodes the query path resolved (the node, the node before a missing name,
    /// the wildcard that matched) are the ones found by name: nothing is looked up twice.
    /// </summary>
    [Theory]
    [InlineData("mail.example.")]
    [InlineData("b.c.example.")]
    [InlineData("insecure.example.")]
    [InlineData("nope.example.")]
    [InlineData("x.a.b.c.example.")]
    [InlineData("z.b.c.example.")]
    [InlineData("zzz.example.")]
    [InlineData("host.wild.example.")]
    [InlineData("a.b.wild.example.")]
    public void The_same_proof_from_the_nodes_the_query_path_resolved(string name)
    {
        var zone = Chain.Zone;
        var qname = DnsName.Parse(name);
        Assert.True(zone.TryFindEncloser(qname.Wire, withPrevious: true, out var encloser, out var previous));
        if (previous is null)
        {
            Assert.Equal(NsecProofs.NoData(Chain, qname).ToArray(), NsecProofs.NoData(Chain, encloser).ToArray());
            return;
        }
        Assert.Equal(NsecProofs.WildcardAnswer(Chain, qname).ToArray(), NsecProofs.WildcardAnswer(Chain, previous).ToArray());
        if (zone.FindWildcardChild(encloser) is { } wildcard)
        {
            Assert.Equal(NsecProofs.WildcardNoData(Chain, qname).ToArray(), NsecProofs.WildcardNoData(Chain, previous, wildcard).ToArray());
        }
        else
        {
            Assert.Equal(NsecProofs.NameError(Chain, qname).ToArray(),
                NsecProofs.NameError(Chain, previous, zone.FindWildcardPredecessor(encloser)).ToArray());
        }
    }
}
