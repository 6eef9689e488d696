using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Desec.Signer.Algorithms;

/// <summary>
/// Ed25519 or Ed448 public key (RFC 8080 §3): the RFC 8032 encoded point. Checking is done by
/// BouncyCastle's static RFC 8032 functions, which keep no state, so any thread may call them.
/// </summary>
internal sealed class EdDsaVerifyingKey : VerifyingKey
{
    /// <summary>RFC 8080 §4 uses pure Ed448 with an empty context (RFC 8032 §5.2).</summary>
    internal static readonly byte[] EmptyContext = [];

    private readonly Ed25519.PublicPoint? _ed25519;
    private readonly Ed448.PublicPoint? _ed448;

    private EdDsaVerifyingKey(DnssecAlgorithm algorithm, byte[] publicKey, Ed25519.PublicPoint? ed25519, Ed448.PublicPoint? ed448)
        : base(algorithm, publicKey)
    {
        _ed25519 = ed25519;
        _ed448 = ed448;
    }

    public static EdDsaVerifyingKey FromDnskeyField(DnssecAlgorithm algorithm, ReadOnlySpan<byte> publicKey)
    {
        // The point is decoded once here; an encoding that is not a point is refused now, not at every check.
        if (algorithm.Number == DnssecAlgorithm.Ed25519.Number)
        {
            var point = Ed25519.ValidatePublicKeyPartialExport(publicKey)
                ?? throw new DnssecKeyException("the ED25519 public key is not a point on the curve");
            return new EdDsaVerifyingKey(algorithm, publicKey.ToArray(), point, null);
        }
        if (algorithm.Number == DnssecAlgorithm.Ed448.Number)
        {
            var point = Ed448.ValidatePublicKeyPartialExport(publicKey)
                ?? throw new DnssecKeyException("the ED448 public key is not a point on the curve");
            return new EdDsaVerifyingKey(algorithm, publicKey.ToArray(), null, point);
        }
        throw new ArgumentException($"{algorithm} is not EdDSA", nameof(algorithm));
    }

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Algorithm.SignatureSize) { return false; }
        return _ed25519 is not null
            ? Ed25519.Verify(signature, _ed25519, data)
            : Ed448.Verify(signature, _ed448!, EmptyContext, data);
    }
}
