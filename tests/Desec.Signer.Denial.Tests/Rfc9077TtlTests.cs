namespace Desec.Signer.Denial.Tests;

/// <summary>RFC 9077 §3: NSEC and NSEC3 TTL = min(SOA MINIMUM, SOA TTL).</summary>
public class Rfc9077TtlTests
{
    [Theory]
    [InlineData(3600u, 300u, 300u)]  // MINIMUM smaller
    [InlineData(600u, 3600u, 600u)]  // the SOA's own TTL smaller: RFC 9077 changed this case
    [InlineData(900u, 900u, 900u)]
    public void Denial_ttl_is_the_smaller_of_soa_ttl_and_minimum(uint soaTtl, uint minimum, uint expected)
    {
        var zone = TestSupport.ZoneFromText($"""
            example. {soaTtl} IN SOA ns1.example. hostmaster.example. 1 7200 3600 1209600 {minimum}
            example. 3600 IN NS ns1.example.net.
            www.example. 86400 IN A 192.0.2.1
            """);
        Assert.Equal(expected, DenialRules.Ttl(zone));
        Assert.All(NsecChainBuilder.Build(zone).Records, r => Assert.Equal(expected, r.Ttl));
        var nsec3 = Nsec3ChainBuilder.Build(zone);
        Assert.All(nsec3.Records, r => Assert.Equal(expected, r.Ttl));
        Assert.Equal(expected, nsec3.Ttl);
    }
}
