using Desec.Zone.Names;
using Desec.Zone.Text;

namespace Desec.Signer.Denial.Tests;

/// <summary>RFC 5155 §7.2 (the proofs) against the example responses of Appendix B.</summary>
public class Rfc5155AppendixBTests
{
    public static TheoryData<string> Cases() => new("B.1", "B.2", "B.2.1", "B.3", "B.4", "B.5", "B.6");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Proof_holds_exactly_the_appendix_nsec3s(string section)
    {
        var lines = TestSupport.Section("rfc5155-appendix-b.txt", section + " ");
        var qname = DnsName.Parse(lines.Single(l => l.StartsWith("query", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        var expected = lines.Where(l => l.StartsWith("nsec3 ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).Order().ToArray();

        var chain = Rfc5155Appendix.Chain;
        var proof = section switch
        {
            "B.1" => Nsec3Proofs.NameError(chain, qname),              // §7.2.2
            "B.2" or "B.2.1" => Nsec3Proofs.NoData(chain, qname),      // §7.2.3
            "B.3" => Nsec3Proofs.UnsignedReferral(chain, qname),       // §7.2.7
            "B.4" => Nsec3Proofs.WildcardAnswer(chain, qname),         // §7.2.6
            "B.5" => Nsec3Proofs.WildcardNoData(chain, qname),         // §7.2.5
            "B.6" => Nsec3Proofs.DsNoData(chain, qname),               // §7.2.4
            _ => throw new ArgumentException(section),
        };
        var actual = proof.ToArray().Select(i => Nsec3Hash.ToLabel(chain.Entries[i].Hash)).Order().ToArray();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_same_proof_from_the_nodes_the_query_path_resolved(string section)
    {
        // The answerer looks a name up once and hands the closest encloser (or the node) to the proof code.
        var lines = TestSupport.Section("rfc5155-appendix-b.txt", section + " ");
        var qname = DnsName.Parse(lines.Single(l => l.StartsWith("query", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        var chain = Rfc5155Appendix.Chain;
        Assert.True(Rfc5155Appendix.Zone.TryFindEncloser(qname.Wire, withPrevious: false, out var encloser, out _));
        var (byName, byNode) = section switch
        {
            "B.1" => (Nsec3Proofs.NameError(chain, qname), Nsec3Proofs.NameError(chain, qname.Wire, encloser)),
            "B.2" or "B.2.1" => (Nsec3Proofs.NoData(chain, qname), Nsec3Proofs.NoData(chain, qname.Wire, encloser)),
            "B.3" => (Nsec3Proofs.UnsignedReferral(chain, qname), Nsec3Proofs.NoData(chain, qname.Wire, encloser)),
            "B.4" => (Nsec3Proofs.WildcardAnswer(chain, qname), Nsec3Proofs.WildcardAnswer(chain, qname.Wire, encloser)),
            "B.5" => (Nsec3Proofs.WildcardNoData(chain, qname), Nsec3Proofs.NameError(chain, qname.Wire, encloser)),
            "B.6" => (Nsec3Proofs.DsNoData(chain, qname), Nsec3Proofs.NoData(chain, qname.Wire, encloser)),
            _ => throw new ArgumentException(section),
        };
        Assert.Equal(byName.ToArray(), byNode.ToArray());
    }

    [Fact]
    public void Closest_encloser_proof_of_b1_names_each_role()
    {
        // B.1: a.c.x.w.example: closest encloser x.w.example, next closer c.x.w.example, wildcard *.x.w.example.
        var chain = Rfc5155Appendix.Chain;
        Assert.True(Nsec3Proofs.TryClosestEncloser(chain, DnsName.Parse("a.c.x.w.example.").Wire, out var proof));
        Assert.Equal("x.w.example.", proof.ClosestEncloser.Name.ToString());
        Assert.Equal("b4um86eghhds6nea196smvmlo4ors995", Label(proof.ClosestEncloserMatch));
        Assert.Equal("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", Label(proof.NextCloserCover));
        Assert.Equal("35mthgpgcu1qg68fab165klnsnk3dpvl", Label(proof.Wildcard));
        Assert.False(proof.WildcardMatches);
        Assert.False(proof.QnameMatches);
    }

    [Fact]
    public void Closest_encloser_skips_the_opt_out_delegation()
    {
        // B.3: c.example exists but has no NSEC3; example is the closest provable encloser (§7.2.7).
        Assert.True(Nsec3Proofs.TryClosestEncloser(Rfc5155Appendix.Chain, DnsName.Parse("MC.C.example.").Wire, out var proof));
        Assert.Equal("example.", proof.ClosestEncloser.Name.ToString());
        var cover = Rfc5155Appendix.Chain.Entries[proof.NextCloserCover].Record.Rdata;
        Assert.Equal(1, cover[1] & 1); // the covering NSEC3 has the Opt-Out flag (RFC 5155 §6)
    }

    [Fact]
    public void Wildcard_matches_in_b5()
    {
        Assert.True(Nsec3Proofs.TryClosestEncloser(Rfc5155Appendix.Chain, DnsName.Parse("a.z.w.example.").Wire, out var proof));
        Assert.True(proof.WildcardMatches);
        Assert.Equal("r53bq7cc2uvmubfu5ocmm6pers9tk9en", Label(proof.Wildcard));
    }

    [Fact]
    public void Names_outside_the_zone_get_no_proof()
    {
        Assert.False(Nsec3Proofs.TryClosestEncloser(Rfc5155Appendix.Chain, DnsName.Parse("example.com.").Wire, out _));
        Assert.Equal(0, Nsec3Proofs.NameError(Rfc5155Appendix.Chain, DnsName.Parse("example.com.")).Count);
    }

    [Fact]
    public void Find_covers_hashes_before_the_first_and_after_the_last_owner_with_the_last_nsec3()
    {
        var chain = Rfc5155Appendix.Chain;
        Span<byte> low = stackalloc byte[Nsec3Hash.Length];
        Span<byte> high = stackalloc byte[Nsec3Hash.Length];
        high.Fill(0xFF);
        Assert.Equal(chain.Count - 1, chain.FindCovering(low));
        Assert.Equal(chain.Count - 1, chain.FindCovering(high));
        Assert.True(Base32Hex.TryDecode("ji6neoaepv8b5o6k4ev33abha8ht9fgc", out var ent));
        int index = chain.FindMatching(ent);
        Assert.Equal("y.w.example.", chain.Entries[index].Node.Name.ToString());
        Assert.Equal(-1, chain.FindCovering(ent));
    }

    private static string Label(int index) => Nsec3Hash.ToLabel(Rfc5155Appendix.Chain.Entries[index].Hash);
}
