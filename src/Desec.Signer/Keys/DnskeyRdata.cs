using System.Buffers.Binary;
using Desec.Signer.Algorithms;

namespace Desec.Signer.Keys;

/// <summary>DNSKEY RDATA (RFC 4034 §2.1): flags (2), protocol 3 (1), algorithm (1), public key.</summary>
public static class DnskeyRdata
{
    /// <summary>RFC 4034 §2.1.1: bit 7, the key is a zone key (must be set for keys that sign the zone).</summary>
    public const ushort ZoneKeyFlag = 0x0100;

    /// <summary>RFC 4034 §2.1.1 / RFC 3757: bit 15, Secure Entry Point: the key the parent's DS points at.</summary>
    public const ushort SecureEntryPointFlag = 0x0001;

    /// <summary>RFC 5011 §3: bit 8, the key is revoked.</summary>
    public const ushort RevokeFlag = 0x0080;

    /// <summary>Flags of a zone-signing key (256).</summary>
    public const ushort ZskFlags = ZoneKeyFlag;

    /// <summary>Flags of a key-signing or combined signing key (257).</summary>
    public const ushort KskFlags = ZoneKeyFlag | SecureEntryPointFlag;

    /// <summary>RFC 4034 §2.1.2: the protocol field is always 3.</summary>
    public const byte Protocol = 3;

    public static byte[] Build(ushort flags, byte algorithm, ReadOnlySpan<byte> publicKey)
    {
        var rdata = new byte[4 + publicKey.Length];
        BinaryPrimitives.WriteUInt16BigEndian(rdata, flags);
        rdata[2] = Protocol;
        rdata[3] = algorithm;
        publicKey.CopyTo(rdata.AsSpan(4));
        return rdata;
    }

    public static byte[] Build(ushort flags, SigningKey key) => Build(flags, key.Algorithm.Number, key.PublicKey.Span);

    public static ushort Flags(ReadOnlySpan<byte> rdata) => BinaryPrimitives.ReadUInt16BigEndian(rdata);

    public static byte Algorithm(ReadOnlySpan<byte> rdata) => rdata[3];

    public static ReadOnlySpan<byte> PublicKey(ReadOnlySpan<byte> rdata) => rdata[4..];
}
