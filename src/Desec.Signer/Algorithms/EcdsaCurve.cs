using System.Security.Cryptography;

namespace Desec.Signer.Algorithms;

/// <summary>RFC 6605 §2: the curve and hash of algorithms 13 and 14, and their field size in octets.</summary>
internal sealed record EcdsaCurve(ECCurve Curve, HashAlgorithmName Hash, int FieldSize)
{
    public static readonly EcdsaCurve P256 = new(ECCurve.NamedCurves.nistP256, HashAlgorithmName.SHA256, 32);
    public static readonly EcdsaCurve P384 = new(ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384, 48);

    public static EcdsaCurve For(DnssecAlgorithm algorithm) => algorithm.Number switch
    {
        13 => P256,
        14 => P384,
        _ => throw new ArgumentException($"{algorithm} is not ECDSA", nameof(algorithm)),
    };

    /// <summary>RFC 6605 §4: the DNSKEY public key is Q as x | y, each a fixed-size big-endian field.</summary>
    public byte[] EncodePublicKey(ECPoint q)
    {
        var key = new byte[2 * FieldSize];
        WriteFixed(q.X!, key.AsSpan(0, FieldSize));
        WriteFixed(q.Y!, key.AsSpan(FieldSize));
        return key;
    }

    /// <summary>Big-endian integer left-padded with zeros to the field size (leading zeros beyond it are dropped).</summary>
    public static void WriteFixed(ReadOnlySpan<byte> value, Span<byte> field)
    {
        while (value.Length > field.Length && value[0] == 0) { value = value[1..]; }
        if (value.Length > field.Length) { throw new DnssecKeyException($"a value of {value.Length} octets does not fit a {field.Length}-octet field"); }
        field[..^value.Length].Clear();
        value.CopyTo(field[^value.Length..]);
    }

    public byte[] Fixed(ReadOnlySpan<byte> value)
    {
        var field = new byte[FieldSize];
        WriteFixed(value, field);
        return field;
    }
}
