using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;
using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Records;
using Desec.Zone.Text;

namespace Desec.Signer.Tests.Rfc8078;

/// <summary>RFC 8078 §4 with erratum 5049: the delete-DS records, their RDATA and presentation.</summary>
public class DeleteRecordTests
{
    private static (string Cds, string Cdnskey) Texts()
    {
        var lines = VectorFile.Load("rfc8078-delete.txt").SelectMany(s => s.Lines).ToList();
        return (lines.Single(l => l.StartsWith("CDS ", StringComparison.Ordinal))["CDS ".Length..],
                lines.Single(l => l.StartsWith("CDNSKEY ", StringComparison.Ordinal))["CDNSKEY ".Length..]);
    }

    private static byte[] Parse(ushort type, string text) =>
        RdataCodecs.Parse(type, RdataTokens.FromString(text, DnsName.Root), new RdataBuilder());

    [Fact]
    public void CDS_delete_RDATA_is_five_zero_octets()
    {
        var (cds, _) = Texts();
        Assert.Equal("0 0 0 00", cds);
        Assert.Equal(DnssecDelete.CdsRdata.ToArray(), Parse(RRType.CDS, cds));
        Assert.Equal(cds, RdataCodecs.Format(RRType.CDS, DnssecDelete.CdsRdata));
        Assert.True(DnssecDelete.IsCdsDelete(Parse(RRType.CDS, cds)));
    }

    [Fact]
    public void CDNSKEY_delete_RDATA_is_flags_0_protocol_3_algorithm_0_key_0()
    {
        var (_, cdnskey) = Texts();
        Assert.Equal("0 3 0 AA==", cdnskey);
        Assert.Equal(new byte[] { 0, 0, 3, 0, 0 }, Parse(RRType.CDNSKEY, cdnskey));
        Assert.Equal(cdnskey, RdataCodecs.Format(RRType.CDNSKEY, DnssecDelete.CdnskeyRdata));
        Assert.True(DnssecDelete.IsCdnskeyDelete(Parse(RRType.CDNSKEY, cdnskey)));
    }

    [Fact]
    public void A_real_key_is_not_a_delete_request()
    {
        var key = TestKeys.For(Desec.Signer.Algorithms.DnssecAlgorithm.EcdsaP256Sha256);
        Assert.False(DnssecDelete.IsCdnskeyDelete(key.ToCdnskey(3600).Rdata));
        Assert.False(DnssecDelete.IsCdsDelete(key.ToCds(3600).Rdata));
        // The erratum's point: the RFC as printed ("CDS 0 0 0 0") has a digest of half an octet.
        Assert.Throws<ZoneTextException>(() => Parse(RRType.CDS, "0 0 0 0"));
    }
}
