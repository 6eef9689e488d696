using System.Buffers.Binary;
using Desec.Signer.Keys;
using Desec.Zone.Records;

namespace Desec.Signer.Apex;

/// <summary>
/// Checks the DNSKEY, CDS and CDNSKEY records an operator provisions for other signers (RFC 8901),
/// so that a bad one refuses the zone with a reason instead of breaking validation for resolvers.
/// </summary>
public static class ProvisionedKeyCheck
{
    /// <summary>DNSSEC algorithm numbers assigned by IANA for zone signing.</summary>
    private static readonly HashSet<byte> AssignedAlgorithms = [1, 3, 5, 6, 7, 8, 10, 12, 13, 14, 15, 16, 17, 23];

    /// <summary>Null when the record is acceptable, else why not.</summary>
    public static string? Check(ResourceRecord record) => record.Type switch
    {
        RRType.DNSKEY => CheckKey(record.Rdata, allowDelete: false),
        RRType.CDNSKEY => CheckKey(record.Rdata, allowDelete: true),
        RRType.CDS => CheckDs(record.Rdata),
        _ => null,
    };

    private static string? CheckKey(byte[] rdata, bool allowDelete)
    {
        if (allowDelete && DnssecDelete.IsCdnskeyDelete(rdata)) { return null; }
        if (rdata.Length < 5) { return "RDATA too short for a key"; }
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(rdata);
        byte protocol = rdata[2], algorithm = rdata[3];
        var key = rdata.AsSpan(4);
        // RFC 4034 §2.1.1-2.1.2: zone keys have flags 256 (ZSK) or 257 (SEP); protocol is always 3.
        if (flags is not (DnskeyRdata.ZskFlags or DnskeyRdata.KskFlags)) { return $"flags {flags}: only 256 and 257 are zone keys"; }
        if (protocol != 3) { return $"protocol {protocol}: must be 3 (RFC 4034 §2.1.2)"; }
        if (!AssignedAlgorithms.Contains(algorithm)) { return $"algorithm {algorithm} is not an assigned DNSSEC algorithm"; }
        return PlausibleKey(algorithm, key);
    }

    /// <summary>Public key sizes fixed by RFC 6605 and RFC 8080; RSA per RFC 3110 §2 with a sane modulus.</summary>
    private static string? PlausibleKey(byte algorithm, ReadOnlySpan<byte> key)
    {
        int? expected = algorithm switch { 13 => 64, 14 => 96, 15 => 32, 16 => 57, _ => null };
        if (expected is { } size)
        {
            return key.Length == size ? null : $"public key of {key.Length} octets; algorithm {algorithm} keys have {size}";
        }
        if (algorithm is 5 or 7 or 8 or 10)
        {
            if (key.Length < 3) { return "RSA public key too short"; }
            int exponentLength = key[0], offset = 1;
            if (exponentLength == 0) { exponentLength = BinaryPrimitives.ReadUInt16BigEndian(key[1..]); offset = 3; }
            int modulusBits = (key.Length - offset - exponentLength) * 8;
            if (exponentLength == 0 || modulusBits < 512 || modulusBits > 4096)
            {
                return $"RSA public key with a {Math.Max(0, modulusBits)}-bit modulus (RFC 3110; 512 to 4096 expected)";
            }
            return null;
        }
        return key.Length == 0 ? "empty public key" : null;
    }

    private static string? CheckDs(byte[] rdata)
    {
        if (DnssecDelete.IsCdsDelete(rdata)) { return null; }
        if (rdata.Length < 5) { return "RDATA too short for a DS"; }
        byte algorithm = rdata[2], digestType = rdata[3];
        if (!AssignedAlgorithms.Contains(algorithm)) { return $"algorithm {algorithm} is not an assigned DNSSEC algorithm"; }
        int? length = digestType == 3 ? 32 : DsRecord.DigestLength(digestType);
        if (length is null) { return $"digest type {digestType} is not assigned"; }
        int actual = rdata.Length - 4;
        return actual == length ? null : $"digest of {actual} octets; digest type {digestType} has {length}";
    }
}
