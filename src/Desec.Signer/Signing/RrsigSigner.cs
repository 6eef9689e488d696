using System.Buffers.Binary;
using Desec.Signer.Keys;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Signer.Signing;

/// <summary>
/// Makes the RRSIG over one RRset (RFC 4034 §3.1.8.1): the RRSIG RDATA without its signature,
/// then every RR of the set in canonical form (RFC 4034 §6.2: lower-case owner, original TTL,
/// RDATA canonical and in canonical order, §6.3), signed with the key.
/// </summary>
public static class RrsigSigner
{
    /// <summary>RRSIG RDATA for <paramref name="set"/>, signed by <paramref name="key"/>, valid from inception to expiration (seconds since 1970, RFC 4034 §3.1.5).</summary>
    public static byte[] Sign(RRset set, DnssecKey key, uint inception, uint expiration)
    {
        var signer = key.Zone.ToLower();
        var owner = set.Owner.ToLower();
        // RFC 4034 §3.1.3: the labels of the owner, not counting the root or a leading "*".
        int labels = owner.LabelCount - (owner.IsWildcard ? 1 : 0);

        int prefixLength = 18 + signer.Length;
        var prefix = new byte[prefixLength];
        BinaryPrimitives.WriteUInt16BigEndian(prefix, set.Type);
        prefix[2] = key.Algorithm.Number;
        prefix[3] = (byte)labels;
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(4), set.Ttl);
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(8), expiration);
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(12), inception);
        BinaryPrimitives.WriteUInt16BigEndian(prefix.AsSpan(16), key.KeyTag);
        signer.Wire.CopyTo(prefix.AsSpan(18));

        var data = SignedData(prefix, owner, set);
        var signature = key.SigningKey.Sign(data);
        var rdata = new byte[prefixLength + signature.Length];
        prefix.CopyTo(rdata, 0);
        signature.CopyTo(rdata, prefixLength);
        return rdata;
    }

    /// <summary>RFC 4034 §3.1.8.1: signature = sign(RRSIG_RDATA | RR(1) | RR(2)...), each RR in canonical form.</summary>
    public static byte[] SignedData(ReadOnlySpan<byte> rrsigPrefix, DnsName lowerOwner, RRset set)
    {
        int length = rrsigPrefix.Length;
        foreach (var rdata in set.Rdatas) { length += lowerOwner.Length + 10 + rdata.Length; }
        var data = new byte[length];
        rrsigPrefix.CopyTo(data);
        int pos = rrsigPrefix.Length;
        foreach (var rdata in set.Rdatas)
        {
            lowerOwner.Wire.CopyTo(data.AsSpan(pos));
            pos += lowerOwner.Length;
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(pos), set.Type);
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(pos + 2), RRClass.IN);
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(pos + 4), set.Ttl);
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(pos + 8), (ushort)rdata.Length);
            rdata.CopyTo(data, pos + 10);
            pos += 10 + rdata.Length;
        }
        return data;
    }
}
