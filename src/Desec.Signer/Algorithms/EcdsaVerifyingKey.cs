using System.Security.Cryptography;

namespace Desec.Signer.Algorithms;

/// <summary>ECDSA public key (RFC 6605): checks r|s signatures with the framework's ECDsa.</summary>
internal sealed class EcdsaVerifyingKey : VerifyingKey, IDisposable
{
    private readonly EcdsaCurve _curve;
    private readonly InstancePool<ECDsa> _pool;

    private EcdsaVerifyingKey(DnssecAlgorithm algorithm, EcdsaCurve curve, ECParameters parameters, byte[] publicKey)
        : base(algorithm, publicKey)
    {
        _curve = curve;
        _pool = new InstancePool<ECDsa>(() => ECDsa.Create(parameters));
    }

    public static EcdsaVerifyingKey FromDnskeyField(DnssecAlgorithm algorithm, ReadOnlySpan<byte> publicKey)
    {
        var curve = EcdsaCurve.For(algorithm);
        var parameters = new ECParameters
        {
            Curve = curve.Curve,
            Q = new ECPoint { X = publicKey[..curve.FieldSize].ToArray(), Y = publicKey[curve.FieldSize..].ToArray() },
        };
        return Create(algorithm, curve, parameters);
    }

    /// <summary>Builds the key and checks that the point is on the curve (the first instance imports it).</summary>
    internal static EcdsaVerifyingKey Create(DnssecAlgorithm algorithm, EcdsaCurve curve, ECParameters publicParameters)
    {
        var key = new EcdsaVerifyingKey(algorithm, curve, publicParameters, curve.EncodePublicKey(publicParameters.Q));
        try
        {
            key._pool.Return(key._pool.Rent());
        }
        catch (CryptographicException e)
        {
            throw new DnssecKeyException($"the {algorithm.Mnemonic} public key is not a point on its curve", e);
        }
        return key;
    }

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 2 * _curve.FieldSize) { return false; }
        var ecdsa = _pool.Rent();
        try
        {
            return ecdsa.VerifyData(data, signature, _curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false; // a key OpenSSL accepted at import but cannot use (odd RSA moduli): no signature verifies
        }
        finally
        {
            _pool.Return(ecdsa);
        }
    }

    public void Dispose() => _pool.Dispose();
}
