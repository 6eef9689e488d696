using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Signer.Denial.Tests;

/// <summary>RFC 4034 §4 and RFC 4035 §2.3: the NSEC chain.</summary>
public class NsecChainTests
{
    private static readonly string[] ExpectedChain =
    [
        // The apex lists DNSKEY because the signer adds it (extra apex types).
        "example.\t300\tIN\tNSEC\talias.example. NS SOA MX RRSIG NSEC DNSKEY",
        "alias.example.\t300\tIN\tNSEC\ta.b.c.example. CNAME RRSIG NSEC",
        // b.c and c are empty non-terminals: no NSEC (RFC 4035 §2.3 covers names owning RRsets only).
        "a.b.c.example.\t300\tIN\tNSEC\tx.ent.example. A RRSIG NSEC",
        // A delegation without DS: NS, and the NSEC with its RRSIG (RFC 4035 §2.3); ent is an empty non-terminal.
        "x.ent.example.\t300\tIN\tNSEC\tinsecure.example. NS RRSIG NSEC",
        // The A at the cut is not authoritative: its bit is cleared (RFC 4035 §2.3); the names below are occluded.
        "insecure.example.\t300\tIN\tNSEC\tmail.example. NS RRSIG NSEC",
        "mail.example.\t300\tIN\tNSEC\tns1.example. A AAAA RRSIG NSEC",
        "ns1.example.\t300\tIN\tNSEC\tredirect.example. A RRSIG NSEC",
        "redirect.example.\t300\tIN\tNSEC\tsecure.example. DNAME RRSIG NSEC",
        // A delegation with DS: NS DS RRSIG NSEC (RFC 4035 §2.4); ns.secure is glue.
        "secure.example.\t300\tIN\tNSEC\t*.wild.example. NS DS RRSIG NSEC",
        // The last NSEC points back at the apex (RFC 4034 §4.1.1).
        "*.wild.example.\t300\tIN\tNSEC\texample. MX TXT RRSIG NSEC",
    ];

    [Fact]
    public void Chain_of_the_mixed_zone()
    {
        var chain = NsecChainBuilder.Build(MixedZone.Zone, [RRType.DNSKEY]);
        Assert.Equal(ExpectedChain, chain.Records.Select(r => r.ToString()));
    }

    [Fact]
    public void Owners_and_index_of_each_node()
    {
        var zone = MixedZone.Zone;
        var chain = NsecChainBuilder.Build(zone);
        Assert.Equal(ExpectedChain.Length, chain.Count);
        foreach (var node in zone.Nodes)
        {
            int index = chain.IndexOf(node);
            if (index >= 0) { Assert.Same(node, chain.Owners[index]); Assert.Equal(node.Name, chain.Records[index].Owner); }
        }
        Assert.Equal(-1, chain.IndexOf(zone.Find(DnsName.Parse("ns.insecure.example."))!));
        Assert.Equal(-1, chain.IndexOf(zone.Find(DnsName.Parse("b.c.example."))!));
        Assert.Equal(-1, chain.IndexOf(zone.Find(DnsName.Parse("deep.below.insecure.example."))!));
    }

    [Fact]
    public void Zone_of_only_an_apex_points_at_itself()
    {
        var zone = TestSupport.ZoneFromText("""
            example. 3600 IN SOA ns1.example. hostmaster.example. 1 7200 3600 1209600 300
            example. 3600 IN NS ns1.example.net.
            """);
        var chain = NsecChainBuilder.Build(zone);
        Assert.Equal("example.\t300\tIN\tNSEC\texample. NS SOA RRSIG NSEC", chain.Records.Single().ToString());
    }

    [Fact]
    public void Next_name_keeps_the_zone_letter_case()
    {
        // RFC 6840 §5.1: the next domain name is not lower-cased in canonical form; we write it as the zone spells it.
        var zone = TestSupport.ZoneFromText("""
            example. 3600 IN SOA ns1.example. hostmaster.example. 1 7200 3600 1209600 300
            example. 3600 IN NS ns1.example.net.
            WWW.example. 3600 IN A 192.0.2.1
            """);
        var chain = NsecChainBuilder.Build(zone);
        Assert.Equal(DnsName.Parse("WWW.example.").Wire.ToArray(), chain.Records[0].Rdata.AsSpan(0, 13).ToArray());
    }

    [Fact]
    public void Records_already_signed_in_the_input_are_not_listed_twice()
    {
        // An input that still carries an old NSEC gets a fresh bitmap: RRSIG and NSEC once each.
        var zone = TestSupport.ZoneFromText("""
            example. 3600 IN SOA ns1.example. hostmaster.example. 1 7200 3600 1209600 300
            example. 3600 IN NS ns1.example.net.
            example. 300 IN NSEC example. NS SOA RRSIG NSEC
            """);
        Assert.Equal("example.\t300\tIN\tNSEC\texample. NS SOA RRSIG NSEC", NsecChainBuilder.Build(zone).Records.Single().ToString());
    }
}
