using Desec.Signer.Algorithms;

namespace Desec.Signer.Tests.Rfc3110;

/// <summary>RFC 3110 §2: exponent length, exponent, modulus; a long exponent takes a zero then two length octets.</summary>
public class RsaPublicKeyFieldTests
{
    private static byte[] Modulus(int octets)
    {
        var modulus = new byte[octets];
        Random.Shared.NextBytes(modulus);
        modulus[0] |= 0x80;
        return modulus;
    }

    [Fact]
    public void Short_exponent_has_one_length_octet()
    {
        var modulus = Modulus(128);
        var field = RsaPublicKeyField.Encode([0x01, 0x00, 0x01], modulus);
        Assert.Equal(new byte[] { 3, 1, 0, 1 }, field[..4]);
        Assert.Equal(modulus, field[4..]);
        var (exponent, decodedModulus) = RsaPublicKeyField.Decode(field);
        Assert.Equal(new byte[] { 1, 0, 1 }, exponent);
        Assert.Equal(modulus, decodedModulus);
    }

    [Fact]
    public void Long_exponent_has_zero_then_two_length_octets()
    {
        var exponent = new byte[256];
        exponent[0] = 1;
        exponent[^1] = 1;
        var modulus = Modulus(64);
        var field = RsaPublicKeyField.Encode(exponent, modulus);
        Assert.Equal(new byte[] { 0, 1, 0 }, field[..3]);
        var (decodedExponent, decodedModulus) = RsaPublicKeyField.Decode(field);
        Assert.Equal(exponent, decodedExponent);
        Assert.Equal(modulus, decodedModulus);
    }

    [Fact]
    public void Leading_zeros_are_not_written()
    {
        var modulus = Modulus(64);
        var field = RsaPublicKeyField.Encode([0, 0, 3], [0, .. modulus]);
        Assert.Equal([1, 3, .. modulus], field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]          // zero, but no two-octet length
    [InlineData("0000")]
    [InlineData("030100")]      // exponent runs past the end
    [InlineData("03010001")]    // no modulus
    [InlineData("0103" + "FF")] // modulus of 8 bits: below RFC 5702's 512
    public void Malformed_fields_are_refused(string hex)
    {
        Assert.Throws<DnssecKeyException>(() => RsaPublicKeyField.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Modulus_over_4096_bits_is_refused()
    {
        var field = RsaPublicKeyField.Encode([3], Modulus(513));
        Assert.Throws<DnssecKeyException>(() => RsaPublicKeyField.Decode(field));
    }
}
