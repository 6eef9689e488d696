using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;
using Desec.Zone.Records;

namespace Desec.Signer.Tests.Rfc6605;

/// <summary>
/// RFC 6605 §6.1 (P-256) and §6.2 (P-384): the private key gives the DNSKEY, the key tag is the
/// RFC's, and the printed RRSIG over the A RRset verifies with the DNSKEY alone. ECDSA signatures
/// are randomized, so our own signature over the same input is checked by verifying it.
/// </summary>
public class EcdsaExampleTests
{
    private const string File = "rfc6605-examples.txt";

    public static TheoryData<string, byte> Examples => new()
    {
        { "rfc6605-6.1", 13 },
        { "rfc6605-6.2", 14 },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Private_key_gives_the_DNSKEY_public_key(string section, byte algorithm)
    {
        var vectors = VectorFile.Section(File, section);
        using var key = SigningKey.FromPrivateKey(TestKeys.Algorithm(algorithm), Convert.FromBase64String(vectors.Field("PrivateKey")));
        var dnskey = vectors.Record(RRType.DNSKEY);
        Assert.Equal(DnskeyRdata.PublicKey(dnskey.Rdata).ToArray(), key.PublicKey.ToArray());
        Assert.Equal(dnskey.Rdata, DnskeyRdata.Build(257, key));
        Assert.Equal(ushort.Parse(vectors.Value("key_tag")), KeyTag.Compute(dnskey.Rdata));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Printed_signature_verifies_with_the_DNSKEY(string section, byte algorithm)
    {
        var vectors = VectorFile.Section(File, section);
        var verifier = VerifyingKey.FromDnskeyRdata(vectors.Record(RRType.DNSKEY).Rdata);
        Assert.Equal(algorithm, verifier.Algorithm.Number);
        var rrsig = vectors.Record(RRType.RRSIG).Rdata;
        var input = SigningInput.Build(SigningInput.RrsigPrefix(rrsig), [vectors.Record(RRType.A)]);
        var signature = SigningInput.Signature(rrsig);
        Assert.Equal(verifier.Algorithm.SignatureSize, signature.Length);
        Assert.True(verifier.Verify(input, signature));

        // One bit changed in the data or in the signature, and it no longer verifies.
        var changedInput = (byte[])input.Clone();
        changedInput[^1] ^= 1;
        Assert.False(verifier.Verify(changedInput, signature));
        var changedSignature = (byte[])signature.Clone();
        changedSignature[5] ^= 0x10;
        Assert.False(verifier.Verify(input, changedSignature));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Our_signature_over_the_example_verifies(string section, byte algorithm)
    {
        var vectors = VectorFile.Section(File, section);
        using var key = SigningKey.FromPrivateKey(TestKeys.Algorithm(algorithm), Convert.FromBase64String(vectors.Field("PrivateKey")));
        var input = SigningInput.Build(SigningInput.RrsigPrefix(vectors.Record(RRType.RRSIG).Rdata), [vectors.Record(RRType.A)]);
        var signature = key.Sign(input);
        Assert.Equal(algorithm == 13 ? 64 : 96, signature.Length);
        Assert.True(VerifyingKey.FromDnskeyRdata(vectors.Record(RRType.DNSKEY).Rdata).Verify(input, signature));
    }
}
