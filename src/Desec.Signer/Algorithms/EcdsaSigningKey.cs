using System.Security.Cryptography;

namespace Desec.Signer.Algorithms;

/// <summary>ECDSA private key for algorithms 13 and 14 (RFC 6605), signing with the framework's ECDsa.</summary>
internal sealed class EcdsaSigningKey : SigningKey
{
    private readonly EcdsaCurve _curve;
    private readonly InstancePool<ECDsa> _pool;
    private readonly byte[] _privateScalar;

    private EcdsaSigningKey(EcdsaVerifyingKey publicPart, EcdsaCurve curve, ECParameters parameters)
        : base(publicPart)
    {
        _curve = curve;
        _privateScalar = curve.Fixed(parameters.D);
        _pool = new InstancePool<ECDsa>(() => ECDsa.Create(parameters));
    }

    public override int SignatureSize => 2 * _curve.FieldSize;

    /// <summary>The private scalar d, big-endian in the field size: BIND's <c>PrivateKey:</c> value.</summary>
    internal ReadOnlySpan<byte> PrivateScalar => _privateScalar;

    public static EcdsaSigningKey Generate(DnssecAlgorithm algorithm)
    {
        var curve = EcdsaCurve.For(algorithm);
        using var ecdsa = ECDsa.Create(curve.Curve);
        return FromParameters(algorithm, curve, ecdsa.ExportParameters(includePrivateParameters: true));
    }

    /// <summary>
    /// The key of private scalar <paramref name="d"/> (big-endian; shorter values are left-padded,
    /// as some tools drop leading zeros); the public point is derived from it.
    /// </summary>
    public static EcdsaSigningKey FromPrivateScalar(DnssecAlgorithm algorithm, ReadOnlySpan<byte> d)
    {
        var curve = EcdsaCurve.For(algorithm);
        if (RsaPublicKeyField.TrimLeadingZeros(d).Length > curve.FieldSize)
        {
            throw new DnssecKeyException($"a {algorithm.Mnemonic} private key has {curve.FieldSize} octets, this one {d.Length}");
        }
        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = curve.Curve, D = curve.Fixed(d) });
            return FromParameters(algorithm, curve, ecdsa.ExportParameters(includePrivateParameters: true));
        }
        catch (CryptographicException e)
        {
            throw new DnssecKeyException($"the {algorithm.Mnemonic} private key is not valid for its curve", e);
        }
    }

    private static EcdsaSigningKey FromParameters(DnssecAlgorithm algorithm, EcdsaCurve curve, ECParameters parameters)
    {
        var publicParameters = new ECParameters { Curve = curve.Curve, Q = parameters.Q };
        var publicPart = EcdsaVerifyingKey.Create(algorithm, curve, publicParameters);
        return new EcdsaSigningKey(publicPart, curve, parameters);
    }

    public override int Sign(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        CheckDestination(destination);
        var ecdsa = _pool.Rent();
        try
        {
            // RFC 6605 §4: the signature is r | s, each in the field size; IEEE P1363 is that form.
            if (!ecdsa.TrySignData(data, destination, _curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out int written))
            {
                throw new CryptographicException("ECDSA signing failed");
            }
            return written;
        }
        finally
        {
            _pool.Return(ecdsa);
        }
    }

    public override void Dispose()
    {
        _pool.Dispose();
        ((EcdsaVerifyingKey)Public).Dispose();
        base.Dispose();
    }
}
