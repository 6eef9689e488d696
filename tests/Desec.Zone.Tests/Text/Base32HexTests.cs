using Desec.Zone.Text;

namespace Desec.Zone.Tests.Text;

/// <summary>Base32Hex (RFC 4648 §7), as NSEC3 uses it: no padding (RFC 5155 §3.3), any case in, lower case out.</summary>
public class Base32HexTests
{
    // RFC 4648 §10 test vectors for BASE32-HEX, with the padding NSEC3 leaves out.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "CO======")]
    [InlineData("fo", "CPNG====")]
    [InlineData("foo", "CPNMU===")]
    [InlineData("foob", "CPNMUOG=")]
    [InlineData("fooba", "CPNMUOJ1")]
    [InlineData("foobar", "CPNMUOJ1E8======")]
    public void Rfc4648_section_10_vectors(string input, string padded)
    {
        string unpadded = padded.TrimEnd('=');
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(input);
        Assert.Equal(unpadded.ToLowerInvariant(), Base32Hex.Encode(bytes));
        Assert.True(Base32Hex.TryDecode(unpadded, out var upper));
        Assert.Equal(bytes, upper);
        Assert.True(Base32Hex.TryDecode(unpadded.ToLowerInvariant(), out var lower));
        Assert.Equal(bytes, lower);
    }

    // RFC 5155 Appendix A: the hash of "example" with salt aabbccdd and 12 iterations.
    [Fact]
    public void Rfc5155_hash_decodes_to_20_octets_and_back()
    {
        Assert.True(Base32Hex.TryDecode("0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM", out var hash));
        Assert.Equal(20, hash.Length);
        Assert.Equal("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", Base32Hex.Encode(hash));
    }

    [Theory]
    [InlineData("C")] // 1 character: 5 bits, not a whole octet
    [InlineData("CPN")] // 3 characters
    [InlineData("CPNMUO")] // 6 characters
    [InlineData("CP")] // 'P' leaves non-zero trailing bits
    [InlineData("CO======")] // padding
    [InlineData("CW")] // W is past the alphabet
    [InlineData("cz")]
    [InlineData("C O")]
    [InlineData("ÇO")]
    public void Bad_input_is_refused(string text) => Assert.False(Base32Hex.TryDecode(text, out _));

    [Fact]
    public void Every_length_and_value_round_trips()
    {
        var random = new Random(5155);
        for (int length = 0; length <= 64; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            string text = Base32Hex.Encode(data);
            Assert.Equal((length * 8 + 4) / 5, text.Length);
            Assert.True(Base32Hex.TryDecode(text, out var back));
            Assert.Equal(data, back);
        }
    }

    [Fact]
    public void Encoding_keeps_the_byte_order()
    {
        // Base32hex keeps the sort order of the octets (RFC 4648 §7), which NSEC3 chains rely on.
        var a = new byte[] { 0x00, 0xFF, 0x10 };
        var b = new byte[] { 0x01, 0x00, 0x00 };
        Assert.True(string.CompareOrdinal(Base32Hex.Encode(a), Base32Hex.Encode(b)) < 0);
    }
}
