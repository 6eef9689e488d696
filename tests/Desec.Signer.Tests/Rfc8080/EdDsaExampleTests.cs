using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Signer.Tests.Rfc8080;

/// <summary>
/// RFC 8080 §6: Ed25519 and Ed448 keys. The private key gives the DNSKEY; signing the MX RRset
/// with the RRSIG fields of the examples gives exactly the derived signature (EdDSA is
/// deterministic), which verifies with the DNSKEY. The printed signatures are wrong (erratum
/// 4935): they were made over Labels = 3.
/// </summary>
public class EdDsaExampleTests
{
    private const string File = "rfc8080-examples.txt";

    // rrsig_fields = MX <alg> 2 3600 1440021600 1438207200 <key_tag> example.com.
    private const uint Expiration = 1440021600;
    private const uint Inception = 1438207200;

    public static TheoryData<string> Examples => new()
    {
        "rfc8080-6.1 Ed25519 #1",
        "rfc8080-6.1 Ed25519 #2",
        "rfc8080-6.2 Ed448 #1",
        "rfc8080-6.2 Ed448 #2",
    };

    // The RRset of every example (RFC 8080 §6.1, §6.2).
    private static readonly ResourceRecord Mx = ParseMx();

    private static ResourceRecord ParseMx()
    {
        var result = Desec.Zone.Text.ZoneFileParser.ParseText("example.com. 3600 IN MX 10 mail.example.com.", "rfc8080", DnsName.Root);
        return result.Records.Single();
    }

    private static (SigningKey Key, ResourceRecord Dnskey, VectorSection Vectors) Load(string section)
    {
        var vectors = VectorFile.Section(File, section);
        var dnskey = vectors.Record(RRType.DNSKEY);
        var algorithm = DnssecAlgorithm.FromNumber(DnskeyRdata.Algorithm(dnskey.Rdata))!;
        return (SigningKey.FromPrivateKey(algorithm, Convert.FromBase64String(vectors.Field("PrivateKey"))), dnskey, vectors);
    }

    private static byte[] Input(ResourceRecord dnskey, byte labels) =>
        SigningInput.Build(
            SigningInput.RrsigPrefix(RRType.MX, DnskeyRdata.Algorithm(dnskey.Rdata), labels, 3600, Expiration, Inception,
                KeyTag.Compute(dnskey.Rdata), DnsName.Parse("example.com.")),
            [Mx]);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Private_key_gives_the_DNSKEY_and_key_tag(string section)
    {
        var (key, dnskey, vectors) = Load(section);
        using (key)
        {
            Assert.Equal(dnskey.Rdata, DnskeyRdata.Build(257, key));
            Assert.Equal(ushort.Parse(vectors.Value("key_tag")), KeyTag.Compute(dnskey.Rdata));
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Signature_is_the_derived_one_and_verifies(string section)
    {
        var (key, dnskey, vectors) = Load(section);
        using (key)
        {
            var input = Input(dnskey, labels: 2);
            var signature = key.Sign(input);
            Assert.Equal(Convert.ToBase64String(Convert.FromBase64String(vectors.Value("derived_sig"))), Convert.ToBase64String(signature));
            var verifier = VerifyingKey.FromDnskeyRdata(dnskey.Rdata);
            Assert.True(verifier.Verify(input, signature));
            input[^1] ^= 1;
            Assert.False(verifier.Verify(input, signature));
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Printed_signature_is_over_labels_3_as_erratum_4935_says(string section)
    {
        var (key, dnskey, vectors) = Load(section);
        using (key)
        {
            var printed = Convert.FromBase64String(vectors.Value("printed_sig_WRONG"));
            var verifier = VerifyingKey.FromDnskeyRdata(dnskey.Rdata);
            Assert.False(verifier.Verify(Input(dnskey, labels: 2), printed));
            Assert.True(verifier.Verify(Input(dnskey, labels: 3), printed));
        }
    }
}
