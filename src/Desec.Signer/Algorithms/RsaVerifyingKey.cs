using System.Security.Cryptography;

namespace Desec.Signer.Algorithms;

/// <summary>RSASHA256 public key (RFC 5702): checks PKCS #1 v1.5 signatures with the framework's RSA.</summary>
internal sealed class RsaVerifyingKey : VerifyingKey, IDisposable
{
    private readonly InstancePool<RSA> _pool;

    private RsaVerifyingKey(DnssecAlgorithm algorithm, RSAParameters parameters, byte[] publicKey)
        : base(algorithm, publicKey)
    {
        ModulusLength = parameters.Modulus!.Length;
        _pool = new InstancePool<RSA>(() => RSA.Create(parameters));
    }

    /// <summary>Octets of the modulus, which is also the length of every signature (RFC 3110 §3).</summary>
    public int ModulusLength { get; }

    public static RsaVerifyingKey FromDnskeyField(DnssecAlgorithm algorithm, ReadOnlySpan<byte> publicKey)
    {
        var (exponent, modulus) = RsaPublicKeyField.Decode(publicKey);
        // The field is kept as given (leading zeros too): it is the key's identity, its key tag's input.
        return Create(algorithm, new RSAParameters { Exponent = exponent, Modulus = modulus }, publicKey.ToArray());
    }

    internal static RsaVerifyingKey Create(DnssecAlgorithm algorithm, RSAParameters publicParameters, byte[]? field = null)
    {
        var exponent = RsaPublicKeyField.TrimLeadingZeros(publicParameters.Exponent).ToArray();
        var modulus = RsaPublicKeyField.TrimLeadingZeros(publicParameters.Modulus).ToArray();
        // A zero exponent or modulus is no key (RFC 3110 §2), and the framework fails on it with an IndexOutOfRangeException.
        if (exponent.Length == 0 || modulus.Length == 0) { throw new DnssecKeyException("the RSA public key has a zero exponent or modulus (RFC 3110 §2)"); }
        var parameters = new RSAParameters { Exponent = exponent, Modulus = modulus };
        var key = new RsaVerifyingKey(algorithm, parameters, field ?? RsaPublicKeyField.Encode(exponent, modulus));
        try
        {
            key._pool.Return(key._pool.Rent());
        }
        catch (CryptographicException e)
        {
            throw new DnssecKeyException("the RSA public key is not usable", e);
        }
        return key;
    }

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != ModulusLength) { return false; }
        var rsa = _pool.Rent();
        try
        {
            return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false; // a key OpenSSL accepted at import but cannot use (odd RSA moduli): no signature verifies
        }
        finally
        {
            _pool.Return(rsa);
        }
    }

    public void Dispose() => _pool.Dispose();
}
