using System.Buffers.Binary;
using System.Security.Cryptography;
using Desec.Zone.Names;

namespace Desec.Signer.Keys;

/// <summary>
/// DS RDATA for a DNSKEY (RFC 4034 §5.1): key tag, algorithm, digest type and
/// digest = hash(owner name in canonical wire form | DNSKEY RDATA) (§5.1.4). The same RDATA is a
/// CDS record's (RFC 7344 §3.1).
/// </summary>
public static class DsRecord
{
    /// <summary>RFC 3658 / RFC 4034 §5.1.3: SHA-1. Computable for the record, but RFC 8624 §3.3 says not to publish it.</summary>
    public const byte Sha1 = 1;

    /// <summary>RFC 4509: SHA-256, the digest type to publish (RFC 8624 §3.3).</summary>
    public const byte Sha256 = 2;

    /// <summary>RFC 6605 §3: SHA-384.</summary>
    public const byte Sha384 = 4;

    /// <summary>Digest octets of a digest type; null when the type is not one of 1, 2, 4.</summary>
    public static int? DigestLength(byte digestType) => digestType switch
    {
        Sha1 => SHA1.HashSizeInBytes,
        Sha256 => SHA256.HashSizeInBytes,
        Sha384 => SHA384.HashSizeInBytes,
        _ => null,
    };

    public static string? DigestMnemonic(byte digestType) => digestType switch
    {
        Sha1 => "SHA-1",
        Sha256 => "SHA-256",
        Sha384 => "SHA-384",
        _ => null,
    };

    /// <summary>The DS RDATA of the DNSKEY RDATA <paramref name="dnskeyRdata"/> at <paramref name="owner"/>.</summary>
    public static byte[] Compute(DnsName owner, ReadOnlySpan<byte> dnskeyRdata, byte digestType = Sha256)
    {
        int digestLength = DigestLength(digestType)
            ?? throw new ArgumentException($"digest type {digestType} is not 1 (SHA-1), 2 (SHA-256) or 4 (SHA-384)", nameof(digestType));
        if (dnskeyRdata.Length < 4) { throw new ArgumentException("DNSKEY RDATA is at least 4 octets", nameof(dnskeyRdata)); }

        // §5.1.4: the owner in canonical form (RFC 4034 §6.2: uncompressed, lower case) then the RDATA.
        var input = new byte[owner.Length + dnskeyRdata.Length];
        owner.Wire.CopyTo(input);
        DnsName.LowerInPlace(input.AsSpan(0, owner.Length));
        dnskeyRdata.CopyTo(input.AsSpan(owner.Length));

        var rdata = new byte[4 + digestLength];
        BinaryPrimitives.WriteUInt16BigEndian(rdata, KeyTag.Compute(dnskeyRdata));
        rdata[2] = DnskeyRdata.Algorithm(dnskeyRdata);
        rdata[3] = digestType;
        var digest = rdata.AsSpan(4);
        _ = digestType switch
        {
            Sha1 => SHA1.HashData(input, digest),
            Sha256 => SHA256.HashData(input, digest),
            _ => SHA384.HashData(input, digest),
        };
        return rdata;
    }
}
