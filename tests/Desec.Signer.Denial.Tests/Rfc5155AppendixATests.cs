using Desec.Zone.Records;

namespace Desec.Signer.Denial.Tests;

/// <summary>RFC 5155 §7.1 (zone signing) against the signed zone of Appendix A.</summary>
public class Rfc5155AppendixATests
{
    [Fact]
    public void Chain_equals_the_appendix_chain()
    {
        var expected = TestSupport.Records(TestSupport.Section("rfc5155-hashes.txt", "nsec3-chain]"));
        var actual = Rfc5155Appendix.Chain.Records.ToList();
        Assert.Equal(expected.Select(TestSupport.Text), actual.Select(TestSupport.Text));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Nsec3param_equals_the_appendix_one()
    {
        // RFC 5155 §4.1.2: the NSEC3PARAM flags are 0 even though the chain uses Opt-Out.
        var expected = TestSupport.Records(TestSupport.Section("rfc5155-hashes.txt", "nsec3param]")).Single();
        Assert.Equal(expected, Rfc5155Appendix.Chain.ParamRecord);
    }

    [Fact]
    public void Opt_out_leaves_out_the_unsigned_delegation_and_glue()
    {
        // RFC 5155 §6/§7.1: c.example has no DS; ns1/ns2 below a/c are glue.
        var zone = Rfc5155Appendix.Zone;
        var chain = Rfc5155Appendix.Chain;
        foreach (var name in new[] { "c.example.", "ns1.a.example.", "ns2.a.example.", "ns1.c.example.", "ns2.c.example." })
        {
            Assert.Equal(-1, chain.IndexOf(zone.Find(Desec.Zone.Names.DnsName.Parse(name))!));
        }
        Assert.True(chain.IndexOf(zone.Find(Desec.Zone.Names.DnsName.Parse("a.example."))!) >= 0);
        Assert.Equal(12, chain.Count);
    }

    [Fact]
    public void Entries_are_in_hash_order_and_link_in_a_circle()
    {
        var entries = Rfc5155Appendix.Chain.Entries;
        for (int i = 0; i < entries.Count; i++)
        {
            var next = entries[(i + 1) % entries.Count];
            if (i + 1 < entries.Count) { Assert.True(entries[i].Hash.AsSpan().SequenceCompareTo(next.Hash) < 0); }
            var rdata = entries[i].Record.Rdata;
            // algorithm, flags, iterations (2), salt length + 4 octets of salt, hash length, next hash
            Assert.Equal(next.Hash, rdata.AsSpan(10, 20).ToArray());
            Assert.Equal(RRType.NSEC3, entries[i].Record.Type);
        }
    }
}
