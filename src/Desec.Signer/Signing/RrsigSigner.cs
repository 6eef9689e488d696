using System.Buffers;
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
/// <remarks>
/// Runs once per RRset and key, so it allocates only the RDATA it returns: the signing input is
/// built on the stack (or in a pooled buffer for large sets) and the signature written straight
/// into the RDATA; names are lower-cased in place there instead of through new names.
/// </remarks>
public static class RrsigSigner
{
    /// <summary>Signing inputs up to this size are built on the stack.</summary>
    private const int StackLimit = 1024;

    /// <summary>RRSIG RDATA for <paramref name="set"/>, signed by <paramref name="key"/>, valid from inception to expiration (seconds since 1970, RFC 4034 §3.1.5).</summary>
    public static byte[] Sign(RRset set, DnssecKey key, uint inception, uint expiration)
    {
        var signingKey = key.SigningKey;
        int prefixLength = 18 + key.Zone.Length;
        var rdata = new byte[prefixLength + signingKey.SignatureSize];
        var prefix = rdata.AsSpan(0, prefixLength);
        BinaryPrimitives.WriteUInt16BigEndian(prefix, set.Type);
        prefix[2] = key.Algorithm.Number;
        // RFC 4034 §3.1.3: the labels of the owner, not counting the root or a leading "*".
        prefix[3] = (byte)(set.Owner.LabelCount - (set.Owner.IsWildcard ? 1 : 0));
        BinaryPrimitives.WriteUInt32BigEndian(prefix[4..], set.Ttl);
        BinaryPrimitives.WriteUInt32BigEndian(prefix[8..], expiration);
        BinaryPrimitives.WriteUInt32BigEndian(prefix[12..], inception);
        BinaryPrimitives.WriteUInt16BigEndian(prefix[16..], key.KeyTag);
        key.Zone.Wire.CopyTo(prefix[18..]);
        DnsName.LowerInPlace(prefix[18..]); // RFC 4034 §6.2: the signer's name in canonical form

        int length = SignedDataLength(prefixLength, set.Owner, set);
        byte[]? rented = null;
        Span<byte> data = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            data = data[..length];
            WriteSignedData(data, prefix, set.Owner, set, lowerOwner: true);
            int written = signingKey.Sign(data, rdata.AsSpan(prefixLength));
            return written == signingKey.SignatureSize ? rdata : rdata[..(prefixLength + written)];
        }
        finally
        {
            if (rented is not null) { ArrayPool<byte>.Shared.Return(rented); }
        }
    }

    /// <summary>
    /// True when <paramref name="rrsig"/> (RRSIG RDATA) is a good signature of <paramref name="key"/> over
    /// <paramref name="set"/>: the signed data rebuilt as RFC 4034 §3.1.8.1 and RFC 4035 §5.3.2 say
    /// (the RRSIG RDATA without the signature, then the set in canonical form) and checked with the
    /// public key. Times are not looked at here.
    /// </summary>
    public static bool Verify(RRset set, ReadOnlySpan<byte> rrsig, DnssecKey key)
    {
        // The signer's name follows the 18 fixed octets (RFC 4034 §3.1); walk its labels within bounds.
        int end = 18;
        while (end < rrsig.Length && rrsig[end] != 0) { end += 1 + rrsig[end]; }
        if (end >= rrsig.Length) { return false; }
        int signer = end + 1 - 18;
        var data = SignedData(rrsig[..(18 + signer)], set.Owner.ToLower(), set);
        return key.SigningKey.Verify(data, rrsig[(18 + signer)..]);
    }

    /// <summary>RFC 4034 §3.1.8.1: signature = sign(RRSIG_RDATA | RR(1) | RR(2)...), each RR in canonical form.</summary>
    public static byte[] SignedData(ReadOnlySpan<byte> rrsigPrefix, DnsName lowerOwner, RRset set)
    {
        var data = new byte[SignedDataLength(rrsigPrefix.Length, lowerOwner, set)];
        WriteSignedData(data, rrsigPrefix, lowerOwner, set, lowerOwner: false);
        return data;
    }

    private static int SignedDataLength(int prefixLength, DnsName owner, RRset set)
    {
        int length = prefixLength;
        foreach (var rdata in set.Rdatas) { length += owner.Length + 10 + rdata.Length; }
        return length;
    }

    private static void WriteSignedData(Span<byte> data, ReadOnlySpan<byte> rrsigPrefix, DnsName owner, RRset set, bool lowerOwner)
    {
        rrsigPrefix.CopyTo(data);
        int pos = rrsigPrefix.Length;
        int first = pos;
        foreach (var rdata in set.Rdatas)
        {
            if (pos == first)
            {
                owner.Wire.CopyTo(data[pos..]);
                if (lowerOwner) { DnsName.LowerInPlace(data.Slice(pos, owner.Length)); }
            }
            else
            {
                data.Slice(first, owner.Length).CopyTo(data[pos..]); // the owner as the first RR has it
            }
            pos += owner.Length;
            BinaryPrimitives.WriteUInt16BigEndian(data[pos..], set.Type);
            BinaryPrimitives.WriteUInt16BigEndian(data[(pos + 2)..], RRClass.IN);
            BinaryPrimitives.WriteUInt32BigEndian(data[(pos + 4)..], set.Ttl);
            BinaryPrimitives.WriteUInt16BigEndian(data[(pos + 8)..], (ushort)rdata.Length);
            rdata.CopyTo(data[(pos + 10)..]);
            pos += 10 + rdata.Length;
        }
    }
}
