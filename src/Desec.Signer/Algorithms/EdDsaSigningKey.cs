using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Desec.Signer.Algorithms;

/// <summary>
/// Ed25519 or Ed448 private key (RFC 8080): the RFC 8032 private key (32 or 57 random octets).
/// Signing uses BouncyCastle's stateless RFC 8032 functions: thread-safe without copies or locks.
/// EdDSA is deterministic: one key and one message give one signature.
/// </summary>
internal sealed class EdDsaSigningKey : SigningKey
{
    private readonly byte[] _privateKey;
    private readonly byte[] _publicKey;

    private EdDsaSigningKey(EdDsaVerifyingKey publicPart, byte[] privateKey) : base(publicPart)
    {
        _privateKey = privateKey;
        _publicKey = publicPart.PublicKey.ToArray();
    }

    public override int SignatureSize => Algorithm.SignatureSize!.Value;

    /// <summary>The RFC 8032 private key: BIND's <c>PrivateKey:</c> value.</summary>
    internal ReadOnlySpan<byte> PrivateKey => _privateKey;

    private static int PrivateKeySize(DnssecAlgorithm algorithm) => algorithm.Number switch
    {
        15 => Ed25519.SecretKeySize,
        16 => Ed448.SecretKeySize,
        _ => throw new ArgumentException($"{algorithm} is not EdDSA", nameof(algorithm)),
    };

    public static EdDsaSigningKey Generate(DnssecAlgorithm algorithm)
    {
        // RFC 8032 §5.1.5 / §5.2.5: the private key is that many random octets.
        var privateKey = new byte[PrivateKeySize(algorithm)];
        RandomNumberGenerator.Fill(privateKey);
        return FromPrivateBytes(algorithm, privateKey);
    }

    public static EdDsaSigningKey FromPrivateBytes(DnssecAlgorithm algorithm, ReadOnlySpan<byte> privateKey)
    {
        int size = PrivateKeySize(algorithm);
        if (privateKey.Length != size)
        {
            throw new DnssecKeyException($"an {algorithm.Mnemonic} private key has {size} octets, this one {privateKey.Length}");
        }
        var publicKey = new byte[algorithm.PublicKeySize!.Value];
        if (algorithm.Number == DnssecAlgorithm.Ed25519.Number) { Ed25519.GeneratePublicKey(privateKey, publicKey); }
        else { Ed448.GeneratePublicKey(privateKey, publicKey); }
        return new EdDsaSigningKey(EdDsaVerifyingKey.FromDnskeyField(algorithm, publicKey), privateKey.ToArray());
    }

    public override int Sign(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        CheckDestination(destination);
        destination = destination[..SignatureSize]; // BouncyCastle wants the exact length
        if (Algorithm.Number == DnssecAlgorithm.Ed25519.Number)
        {
            // Spans on purpose: with the byte[] the overload (sk, ctx, m, sig) would win, which is Ed25519ctx, not Ed25519.
            Ed25519.Sign(new ReadOnlySpan<byte>(_privateKey), new ReadOnlySpan<byte>(_publicKey), data, destination);
        }
        else
        {
            Ed448.Sign(new ReadOnlySpan<byte>(_privateKey), new ReadOnlySpan<byte>(_publicKey), EdDsaVerifyingKey.EmptyContext, data, destination);
        }
        return SignatureSize;
    }
}
