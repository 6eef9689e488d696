using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;
using Desec.Zone.Records;

namespace Desec.Signer.Tests.Rfc4034;

/// <summary>RFC 4034 Appendix B: key tags of the RFC's own DNSKEY examples.</summary>
public class KeyTagTests
{
    private const string File = "rfc4034-keytag-ds.txt";

    [Theory]
    [InlineData("rfc4034-5.4", 60485)]   // §5.4 DS example
    [InlineData("rfc4034-2.3", 2642)]    // §2.3 DNSKEY example, tag printed in §3.3
    public void Key_tag_of_the_RFC_examples(string section, int expected)
    {
        var dnskey = VectorFile.Section(File, section).Record(RRType.DNSKEY);
        Assert.Equal((ushort)expected, KeyTag.Compute(dnskey.Rdata));
    }

    [Fact]
    public void Section_5_4_RDATA_matches_the_derived_hex()
    {
        var section = VectorFile.Section(File, "rfc4034-5.4");
        Assert.Equal(Convert.FromHexString(section.Value("rdata_hex")), section.Record(RRType.DNSKEY).Rdata);
    }

    [Fact]
    public void Carries_out_of_16_bits_are_folded_back_in()
    {
        // Four octets 0xFF: words 0xFFFF + 0xFFFF = 0x1FFFE; folded: 0xFFFE + 1 = 0xFFFF.
        Assert.Equal(0xFFFF, KeyTag.Compute([0xFF, 0xFF, 0xFF, 0xFF]));
        // An odd length: the last octet is the high half of a word.
        Assert.Equal(0x0100 + 0x0305 + 0x0700, KeyTag.Compute([0x01, 0x00, 0x03, 0x05, 0x07]));
    }

    [Fact]
    public void Algorithm_1_uses_the_modulus_tail()
    {
        // Appendix B.1: the most significant 16 of the least significant 24 bits of the modulus.
        byte[] rdata = [0x01, 0x00, 0x03, 0x01, 0x01, 0x03, 0xAB, 0xCD, 0xEF];
        Assert.Equal(0xABCD, KeyTag.Compute(rdata));
    }
}
