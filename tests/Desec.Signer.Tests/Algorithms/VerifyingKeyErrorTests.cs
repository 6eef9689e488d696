using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;

namespace Desec.Signer.Tests.Algorithms;

/// <summary>DNSKEY RDATA that cannot give a key is refused with a <see cref="DnssecKeyException"/> that says why.</summary>
public class VerifyingKeyErrorTests
{
    private static DnssecKeyException Refused(byte[] rdata) =>
        Assert.Throws<DnssecKeyException>(() => VerifyingKey.FromDnskeyRdata(rdata));

    [Fact]
    public void Too_short() => Assert.Contains("too short", Refused([1, 1, 3, 13]).Message);

    [Fact]
    public void Protocol_not_3()
    {
        var rdata = TestKeys.For(DnssecAlgorithm.EcdsaP256Sha256).DnskeyRdata.ToArray();
        rdata[2] = 2;
        Assert.Contains("protocol", Refused(rdata).Message);
    }

    [Theory]
    [InlineData(5, "RSASHA1")]
    [InlineData(10, "RSASHA512")]
    [InlineData(99, "not assigned")]
    public void Algorithms_not_implemented(byte algorithm, string expected)
    {
        Assert.Contains(expected, Refused(DnskeyRdata.Build(257, algorithm, new byte[64])).Message);
    }

    [Theory]
    [InlineData(13, 63)]
    [InlineData(13, 65)]
    [InlineData(14, 64)]
    [InlineData(15, 31)]
    [InlineData(16, 56)]
    public void Wrong_public_key_length(byte algorithm, int length)
    {
        Assert.Contains("octets", Refused(DnskeyRdata.Build(257, algorithm, new byte[length])).Message);
    }

    [Fact]
    public void ECDSA_point_not_on_the_curve()
    {
        var publicKey = TestKeys.For(DnssecAlgorithm.EcdsaP256Sha256).SigningKey.PublicKey.ToArray();
        publicKey[^1] ^= 1; // y changed: (x, y') is not on P-256
        Assert.Contains("curve", Refused(DnskeyRdata.Build(257, 13, publicKey)).Message);
    }

    [Fact]
    public void Ed25519_encoding_not_a_point()
    {
        // y = 2 (little-endian): x² = (y² - 1)/(d·y² + 1) has no square root, so no point has it.
        var publicKey = new byte[32];
        publicKey[0] = 2;
        Assert.Contains("point", Refused(DnskeyRdata.Build(257, 15, publicKey)).Message);
    }

    [Fact]
    public void Private_keys_of_the_wrong_length()
    {
        Assert.Throws<DnssecKeyException>(() => SigningKey.FromPrivateKey(DnssecAlgorithm.Ed25519, new byte[31]));
        Assert.Throws<DnssecKeyException>(() => SigningKey.FromPrivateKey(DnssecAlgorithm.Ed448, new byte[32]));
        Assert.Throws<DnssecKeyException>(() => SigningKey.FromPrivateKey(DnssecAlgorithm.EcdsaP256Sha256, new byte[33].Select(_ => (byte)1).ToArray()));
        Assert.Throws<DnssecKeyException>(() => SigningKey.FromPrivateKey(DnssecAlgorithm.RsaSha256, new byte[32]));
    }

    [Fact]
    public void ECDSA_scalar_zero_is_refused()
    {
        Assert.Throws<DnssecKeyException>(() => SigningKey.FromPrivateKey(DnssecAlgorithm.EcdsaP256Sha256, new byte[32]));
    }
}
