using Desec.Zone.Records;

namespace Desec.Signer.Denial.Tests;

/// <summary>
/// Our NSEC and NSEC3 records (owners, next names, bitmaps, TTLs) equal those of ldns-signzone and
/// BIND's dnssec-signzone for the same unsigned zone; RRSIGs are not compared.
/// </summary>
public class ExternalSignerTests
{
    private const string Origin = "example.";

    private static void RequireTools(params string[] tools)
    {
        if (!ExternalSigner.Available(tools)) { Assert.Skip($"needs {string.Join(", ", tools)} on the PATH"); }
    }

    private static string[] Texts(IEnumerable<ResourceRecord> records, params ushort[] types)
    {
        var texts = records.Where(r => types.Contains(r.Type)).Select(TestSupport.Text).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(texts);
        return texts;
    }

    [Fact]
    public void Nsec_chain_equals_ldns_signzone()
    {
        RequireTools("ldns-keygen", "ldns-signzone");
        using var signer = new ExternalSigner();
        var theirs = signer.Ldns(MixedZone.Text, Origin);
        var ours = NsecChainBuilder.Build(MixedZone.Zone, [RRType.DNSKEY]).Records;
        Assert.Equal(Texts(theirs, RRType.NSEC), Texts(ours, RRType.NSEC));
    }

    [Fact]
    public void Nsec_chain_equals_dnssec_signzone()
    {
        RequireTools("ldns-keygen", "dnssec-signzone");
        using var signer = new ExternalSigner();
        var theirs = signer.Bind(MixedZone.Text, Origin);
        var ours = NsecChainBuilder.Build(MixedZone.Zone, [RRType.DNSKEY]).Records;
        Assert.Equal(Texts(theirs, RRType.NSEC), Texts(ours, RRType.NSEC));
    }

    [Fact]
    public void Nsec3_chain_equals_ldns_signzone_with_rfc9276_parameters()
    {
        RequireTools("ldns-keygen", "ldns-signzone");
        using var signer = new ExternalSigner();
        var theirs = signer.Ldns(MixedZone.Text, Origin, "-n", "-t", "0");
        var chain = Nsec3ChainBuilder.Build(MixedZone.Zone, Nsec3Parameters.Default, [RRType.DNSKEY]);
        Assert.Equal(Texts(theirs, RRType.NSEC3, RRType.NSEC3PARAM), Texts([.. chain.Records, chain.ParamRecord], RRType.NSEC3, RRType.NSEC3PARAM));
    }

    [Fact]
    public void Opt_out_nsec3_chain_equals_dnssec_signzone()
    {
        // ldns-signzone -p sets the flag but keeps unsigned delegations; BIND leaves them out, as we do.
        RequireTools("ldns-keygen", "dnssec-signzone");
        using var signer = new ExternalSigner();
        var theirs = signer.Bind(MixedZone.Text, Origin, "-3", "-", "-H", "0", "-A");
        var chain = Nsec3ChainBuilder.Build(MixedZone.Zone, new Nsec3Parameters(optOut: true), [RRType.DNSKEY]);
        Assert.Equal(Texts(theirs, RRType.NSEC3), Texts(chain.Records, RRType.NSEC3));
    }

    [Fact]
    public void Appendix_a_opt_out_chain_equals_dnssec_signzone()
    {
        RequireTools("ldns-keygen", "dnssec-signzone");
        using var signer = new ExternalSigner();
        var text = File.ReadAllText(TestSupport.DataPath("rfc5155-appendix-a.zone"));
        var theirs = signer.Bind(text, Origin, "-3", "aabbccdd", "-H", "12", "-A");
        // With our throwaway key at the apex instead of the appendix's two: DNSKEY is listed all the same.
        var zone = TestSupport.ZoneFromText(text);
        var chain = Nsec3ChainBuilder.Build(zone, Rfc5155Appendix.Parameters, [RRType.DNSKEY]);
        Assert.Equal(Texts(theirs, RRType.NSEC3), Texts(chain.Records, RRType.NSEC3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_zone_chains_equal_both_tools(int seed)
    {
        RequireTools("ldns-keygen", "ldns-signzone", "dnssec-signzone");
        string text = RandomZone.Text(seed, 400);
        var zone = TestSupport.ZoneFromText(text);
        using var signer = new ExternalSigner();
        Assert.Equal(Texts(signer.Ldns(text, Origin), RRType.NSEC),
            Texts(NsecChainBuilder.Build(zone, [RRType.DNSKEY]).Records, RRType.NSEC));
        Assert.Equal(Texts(signer.Ldns(text, Origin, "-n", "-t", "0"), RRType.NSEC3),
            Texts(Nsec3ChainBuilder.Build(zone, Nsec3Parameters.Default, [RRType.DNSKEY]).Records, RRType.NSEC3));
        Assert.Equal(Texts(signer.Bind(text, Origin, "-3", "ab01", "-H", "3", "-A"), RRType.NSEC3),
            Texts(Nsec3ChainBuilder.Build(zone, Nsec3Parameters.Parse("1 1 3 ab01"), [RRType.DNSKEY]).Records, RRType.NSEC3));
    }
}
