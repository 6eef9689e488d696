using System.Buffers.Binary;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Signer.Tests.Support;

/// <summary>
/// A minimal RRSIG signing input (RFC 4034 §3.1.8.1) for the RFC examples: the RRSIG RDATA up to
/// and including the signer's name, then every RR of the RRset in canonical form (§6.2: lower-case
/// owner, the original TTL) and canonical order (§6.3). Enough for a single-owner RRset without
/// wildcards or names inside RDATA that need lowering; the real signer is elsewhere.
/// </summary>
public static class SigningInput
{
    /// <summary>RRSIG RDATA without its signature: 18 fixed octets and the signer's name.</summary>
    public static byte[] RrsigPrefix(byte[] rrsigRdata)
    {
        int nameLength = DnsName.WireLength(rrsigRdata.AsSpan(18));
        return rrsigRdata[..(18 + nameLength)];
    }

    public static byte[] Signature(byte[] rrsigRdata) => rrsigRdata[RrsigPrefix(rrsigRdata).Length..];

    public static byte[] RrsigPrefix(ushort typeCovered, byte algorithm, byte labels, uint originalTtl,
        uint expiration, uint inception, ushort keyTag, DnsName signer)
    {
        var prefix = new byte[18 + signer.Length];
        BinaryPrimitives.WriteUInt16BigEndian(prefix, typeCovered);
        prefix[2] = algorithm;
        prefix[3] = labels;
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(4), originalTtl);
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(8), expiration);
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(12), inception);
        BinaryPrimitives.WriteUInt16BigEndian(prefix.AsSpan(16), keyTag);
        signer.ToLower().Wire.CopyTo(prefix.AsSpan(18));
        return prefix;
    }

    public static byte[] Build(byte[] rrsigPrefix, IEnumerable<ResourceRecord> rrset)
    {
        uint originalTtl = BinaryPrimitives.ReadUInt32BigEndian(rrsigPrefix.AsSpan(4));
        var output = new List<byte>(rrsigPrefix);
        foreach (var rr in rrset.OrderBy(r => r.Rdata, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))))
        {
            output.AddRange(rr.Owner.ToLower().Wire.ToArray());
            var fixedPart = new byte[10];
            BinaryPrimitives.WriteUInt16BigEndian(fixedPart, rr.Type);
            BinaryPrimitives.WriteUInt16BigEndian(fixedPart.AsSpan(2), 1); // class IN
            BinaryPrimitives.WriteUInt32BigEndian(fixedPart.AsSpan(4), originalTtl);
            BinaryPrimitives.WriteUInt16BigEndian(fixedPart.AsSpan(8), (ushort)rr.Rdata.Length);
            output.AddRange(fixedPart);
            output.AddRange(rr.Rdata);
        }
        return [.. output];
    }
}
