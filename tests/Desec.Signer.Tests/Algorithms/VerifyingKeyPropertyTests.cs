using CsCheck;
using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;

namespace Desec.Signer.Tests.Algorithms;

/// <summary>
/// Any DNSKEY RDATA, however malformed (it may come from a provisioned zone), gives a key or a
/// <see cref="DnssecKeyException"/>, nothing else; any signature gives true or false.
/// </summary>
public class VerifyingKeyPropertyTests
{
    private static readonly Gen<byte> AlgorithmNumber = Gen.OneOf(Gen.Const((byte)8), Gen.Const((byte)13), Gen.Const((byte)14),
        Gen.Const((byte)15), Gen.Const((byte)16), Gen.Byte);

    private static readonly Gen<int> KeyLength = Gen.OneOf(Gen.Int[0, 8], Gen.Const(32), Gen.Const(57), Gen.Const(64), Gen.Const(96), Gen.Int[60, 300]);

    private static readonly Gen<byte[]> RandomDnskey =
        Gen.Select(Gen.Byte, AlgorithmNumber, KeyLength.SelectMany(n => Gen.Byte.Array[n]))
           .Select((flagsLow, algorithm, key) => DnskeyRdata.Build((ushort)(0x100 | flagsLow), algorithm, key));

    [Fact]
    public void Malformed_keys_throw_only_DnssecKeyException_and_keep_the_field_as_given()
    {
        RandomDnskey.Sample(rdata =>
        {
            try
            {
                var key = VerifyingKey.FromDnskeyRdata(rdata);
                Assert.Equal(rdata[4..], key.PublicKey.ToArray());
                Assert.False(key.Verify([1, 2, 3], new byte[key.Algorithm.SignatureSize ?? (rdata.Length - 4)]));
            }
            catch (DnssecKeyException)
            {
            }
        }, iter: 1000);
    }

    [Fact]
    public void Random_signatures_do_not_verify_and_do_not_throw()
    {
        var keys = DnssecAlgorithm.All.Select(a => TestKeys.For(a).SigningKey.Public).ToArray();
        Gen.Select(Gen.Int[0, keys.Length - 1], Gen.Byte.Array[0, 300], Gen.Byte.Array[0, 40]).Sample((index, signature, data) =>
        {
            Assert.False(keys[index].Verify(data, signature));
        }, iter: 300);
    }

    [Fact]
    public void Key_tag_is_the_ones_complement_style_sum_of_16_bit_words()
    {
        // RFC 4034 Appendix B restated: the sum of the RDATA as big-endian 16-bit words (an odd
        // last octet is a high half), with the carries out of 16 bits added back once.
        Gen.Byte.Array[4, 200].Where(r => r[3] != 1).Sample(rdata =>
        {
            long sum = 0;
            for (int i = 0; i < rdata.Length; i += 2) { sum += rdata[i] << 8 | (i + 1 < rdata.Length ? rdata[i + 1] : 0); }
            sum += sum >> 16;
            Assert.Equal((ushort)sum, KeyTag.Compute(rdata));
        });
    }

    [Fact]
    public void Private_key_files_round_trip_for_any_EdDSA_key()
    {
        var zone = TestKeys.Zone;
        Gen.Select(Gen.Bool, Gen.Byte.Array[57]).Sample((ed25519, bytes) =>
        {
            var algorithm = ed25519 ? DnssecAlgorithm.Ed25519 : DnssecAlgorithm.Ed448;
            using var signingKey = SigningKey.FromPrivateKey(algorithm, ed25519 ? bytes[..32] : bytes);
            var key = new DnssecKey(zone, 257, signingKey, KeyRole.Csk, KeyTimes.At(DateTimeOffset.UnixEpoch));
            var (read, _) = BindPrivateKeyFile.Parse(BindPrivateKeyFile.Format(key), "p", DateTimeOffset.UnixEpoch);
            using (read) { Assert.Equal(signingKey.PublicKey.ToArray(), read.PublicKey.ToArray()); }
        }, iter: 50);
    }
}
