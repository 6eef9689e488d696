namespace Desec.Signer.Algorithms;

/// <summary>
/// RFC 3110 §2 public key field: exponent length (one octet, or a zero octet then two octets when
/// the exponent is longer than 255 octets), exponent, modulus; both big-endian without leading zeros.
/// </summary>
internal static class RsaPublicKeyField
{
    /// <summary>RFC 5702 §2: RSASHA256 keys have a modulus of 512 to 4096 bits.</summary>
    public const int MinModulusBits = 512;
    public const int MaxModulusBits = 4096;

    public static byte[] Encode(ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus)
    {
        exponent = TrimLeadingZeros(exponent);
        modulus = TrimLeadingZeros(modulus);
        int header = exponent.Length <= 255 ? 1 : 3;
        var field = new byte[header + exponent.Length + modulus.Length];
        if (header == 1)
        {
            field[0] = (byte)exponent.Length;
        }
        else
        {
            field[1] = (byte)(exponent.Length >> 8);
            field[2] = (byte)exponent.Length;
        }
        exponent.CopyTo(field.AsSpan(header));
        modulus.CopyTo(field.AsSpan(header + exponent.Length));
        return field;
    }

    public static (byte[] Exponent, byte[] Modulus) Decode(ReadOnlySpan<byte> field)
    {
        if (field.Length < 1) { throw new DnssecKeyException("the RSA public key is empty"); }
        int exponentLength = field[0];
        int offset = 1;
        if (exponentLength == 0)
        {
            if (field.Length < 3) { throw new DnssecKeyException("the RSA public key ends inside its exponent length"); }
            exponentLength = field[1] << 8 | field[2];
            offset = 3;
        }
        if (exponentLength == 0) { throw new DnssecKeyException("the RSA public key has an empty exponent"); }
        if (field.Length < offset + exponentLength + 1)
        {
            throw new DnssecKeyException("the RSA public key is shorter than its exponent length says, or has no modulus");
        }
        var exponent = TrimLeadingZeros(field.Slice(offset, exponentLength));
        var modulus = TrimLeadingZeros(field[(offset + exponentLength)..]);
        int bits = BitLength(modulus);
        if (bits < MinModulusBits || bits > MaxModulusBits)
        {
            throw new DnssecKeyException($"the RSA modulus has {bits} bits; RSASHA256 allows {MinModulusBits} to {MaxModulusBits} (RFC 5702 §2)");
        }
        if (exponent.IsEmpty) { throw new DnssecKeyException("the RSA public exponent is zero"); }
        return (exponent.ToArray(), modulus.ToArray());
    }

    public static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        int i = 0;
        while (i < value.Length && value[i] == 0) { i++; }
        return value[i..];
    }

    private static int BitLength(ReadOnlySpan<byte> trimmed) =>
        trimmed.IsEmpty ? 0 : (trimmed.Length - 1) * 8 + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)trimmed[0]));
}
