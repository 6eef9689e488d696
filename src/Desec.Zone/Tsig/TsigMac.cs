using System.Buffers.Binary;
using System.Security.Cryptography;
using Desec.Zone.Messages;
using Desec.Zone.Records;

namespace Desec.Zone.Tsig;

/// <summary>The pieces a TSIG MAC covers (RFC 8945 §4.3), fed to an incremental HMAC.</summary>
internal static class TsigMac
{
    /// <summary>
    /// The TSIG variables (§4.3.3): key name and algorithm name in canonical (lower-case,
    /// uncompressed) form, CLASS ANY, TTL 0, time signed, fudge, error, Other Data.
    /// </summary>
    public static void AppendVariables(IncrementalHash hmac, ReadOnlySpan<byte> canonicalKeyName, ReadOnlySpan<byte> canonicalAlgorithmName,
        ulong timeSigned, ushort fudge, TsigError error, ReadOnlySpan<byte> otherData)
    {
        hmac.AppendData(canonicalKeyName);
        Span<byte> classTtl = stackalloc byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(classTtl, RRClass.ANY);
        BinaryPrimitives.WriteUInt32BigEndian(classTtl[2..], 0);
        hmac.AppendData(classTtl);
        hmac.AppendData(canonicalAlgorithmName);
        Span<byte> rest = stackalloc byte[6 + 2 + 2 + 2];
        TsigRecord.WriteUInt48(rest, timeSigned);
        BinaryPrimitives.WriteUInt16BigEndian(rest[6..], fudge);
        BinaryPrimitives.WriteUInt16BigEndian(rest[8..], (ushort)error);
        BinaryPrimitives.WriteUInt16BigEndian(rest[10..], (ushort)otherData.Length);
        hmac.AppendData(rest);
        hmac.AppendData(otherData);
    }

    /// <summary>The TSIG timers only (§4.3.3), which is all that messages after the first of a stream cover (§5.3.1).</summary>
    public static void AppendTimers(IncrementalHash hmac, ulong timeSigned, ushort fudge)
    {
        Span<byte> timers = stackalloc byte[8];
        TsigRecord.WriteUInt48(timers, timeSigned);
        BinaryPrimitives.WriteUInt16BigEndian(timers[6..], fudge);
        hmac.AppendData(timers);
    }

    /// <summary>A prior MAC (the request's, or the previous message's) as it enters the next MAC: length-prefixed (§4.3.1, §5.3.1).</summary>
    public static void AppendPriorMac(IncrementalHash hmac, ReadOnlySpan<byte> mac)
    {
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)mac.Length);
        hmac.AppendData(length);
        hmac.AppendData(mac);
    }

    /// <summary>
    /// The DNS message as the MAC sees it (§4.3.2): the part before the TSIG record, with
    /// <paramref name="originalId"/> in place of the ID and the additional count one less than
    /// on the wire (the TSIG record not counted).
    /// </summary>
    public static void AppendMessageWithoutTsig(IncrementalHash hmac, ReadOnlySpan<byte> messageWithoutTsig, ushort originalId)
    {
        if (!MessageHeader.TryRead(messageWithoutTsig, out var header)) { throw new ArgumentException("shorter than a DNS header", nameof(messageWithoutTsig)); }
        Span<byte> unsigned = stackalloc byte[MessageHeader.Length];
        (header with { Id = originalId, AdditionalCount = (ushort)(header.AdditionalCount - 1) }).WriteTo(unsigned);
        hmac.AppendData(unsigned);
        hmac.AppendData(messageWithoutTsig[MessageHeader.Length..]);
    }
}
