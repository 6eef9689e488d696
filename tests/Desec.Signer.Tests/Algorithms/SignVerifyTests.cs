using System.Collections.Concurrent;
using CsCheck;
using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;

namespace Desec.Signer.Tests.Algorithms;

/// <summary>Every algorithm: what one key signs, its public key (also from DNSKEY RDATA alone) verifies; nothing else does.</summary>
public class SignVerifyTests
{
    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNumbers), MemberType = typeof(TestKeys))]
    public void Signature_verifies_with_the_key_and_with_the_DNSKEY_alone(byte number)
    {
        var key = TestKeys.For(TestKeys.Algorithm(number));
        byte[] data = "an RRSIG signing input"u8.ToArray();
        var signature = key.SigningKey.Sign(data);
        Assert.Equal(key.SigningKey.SignatureSize, signature.Length);
        Assert.True(key.SigningKey.Verify(data, signature));
        var fromDnskey = VerifyingKey.FromDnskeyRdata(key.DnskeyRdata);
        Assert.Equal(number, fromDnskey.Algorithm.Number);
        Assert.Equal(key.SigningKey.PublicKey.ToArray(), fromDnskey.PublicKey.ToArray());
        Assert.True(fromDnskey.Verify(data, signature));
    }

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNumbers), MemberType = typeof(TestKeys))]
    public void Sizes_are_those_of_the_RFCs(byte number)
    {
        var algorithm = TestKeys.Algorithm(number);
        var key = TestKeys.For(algorithm);
        int expectedSignature = algorithm.SignatureSize ?? 2048 / 8;
        Assert.Equal(expectedSignature, key.SigningKey.SignatureSize);
        if (algorithm.PublicKeySize is { } size) { Assert.Equal(size, key.SigningKey.PublicKey.Length); }
        else { Assert.Equal(1 + 3 + 256, key.SigningKey.PublicKey.Length); } // RFC 3110: length, 65537, 2048-bit modulus
    }

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNumbers), MemberType = typeof(TestKeys))]
    public void Wrong_data_wrong_signature_or_wrong_key_fail(byte number)
    {
        var algorithm = TestKeys.Algorithm(number);
        var key = TestKeys.For(algorithm).SigningKey;
        byte[] data = "www.example.com. A 192.0.2.1"u8.ToArray();
        var signature = key.Sign(data);

        var otherData = (byte[])data.Clone();
        otherData[0] ^= 0x20;
        Assert.False(key.Verify(otherData, signature));

        var otherSignature = (byte[])signature.Clone();
        otherSignature[^1] ^= 1;
        Assert.False(key.Verify(data, otherSignature));

        Assert.False(key.Verify(data, signature[..^1]));
        Assert.False(key.Verify(data, [.. signature, 0]));
        Assert.False(key.Verify(data, []));

        if (number != DnssecAlgorithm.RsaSha256.Number) // one RSA key per test run
        {
            using var other = SigningKey.Generate(algorithm);
            Assert.False(other.Verify(data, signature));
        }
    }

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNumbers), MemberType = typeof(TestKeys))]
    public void Span_overload_writes_the_signature_and_refuses_a_short_destination(byte number)
    {
        var key = TestKeys.For(TestKeys.Algorithm(number)).SigningKey;
        byte[] data = [1, 2, 3];
        var buffer = new byte[key.SignatureSize + 10];
        int written = key.Sign(data, buffer);
        Assert.Equal(key.SignatureSize, written);
        Assert.True(key.Verify(data, buffer.AsSpan(0, written)));
        Assert.Throws<ArgumentException>(() => key.Sign(data, new byte[key.SignatureSize - 1]));
    }

    [Theory]
    [MemberData(nameof(TestKeys.AlgorithmNumbers), MemberType = typeof(TestKeys))]
    public void Many_threads_sign_with_one_key_at_once(byte number)
    {
        var key = TestKeys.For(TestKeys.Algorithm(number)).SigningKey;
        var results = new ConcurrentBag<bool>();
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount) }, i =>
        {
            byte[] data = BitConverter.GetBytes(i);
            var signature = key.Sign(data);
            results.Add(key.Verify(data, signature) && !key.Verify(BitConverter.GetBytes(i + 1), signature));
        });
        Assert.Equal(64, results.Count);
        Assert.All(results, Assert.True);
    }

    [Fact]
    public void Any_data_round_trips_for_every_fast_algorithm()
    {
        var keys = DnssecAlgorithm.All.Where(a => a != DnssecAlgorithm.RsaSha256).Select(a => TestKeys.For(a).SigningKey).ToArray();
        Gen.Byte.Array[0, 600].Sample(data =>
        {
            foreach (var key in keys) { Assert.True(key.Verify(data, key.Sign(data))); }
        }, iter: 50);
    }

    [Fact]
    public void EdDSA_is_deterministic_ECDSA_is_not()
    {
        byte[] data = [9, 8, 7];
        var ed = TestKeys.For(DnssecAlgorithm.Ed25519).SigningKey;
        Assert.Equal(ed.Sign(data), ed.Sign(data));
        var ec = TestKeys.For(DnssecAlgorithm.EcdsaP256Sha256).SigningKey;
        Assert.NotEqual(ec.Sign(data), ec.Sign(data));
    }
}
