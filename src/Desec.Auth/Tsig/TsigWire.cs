using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Desec.Auth.Tsig;

/// <summary>The TSIG record's layout (RFC 8945 §4.2) and the pieces its MAC covers (§4.3).</summary>
internal static class TsigWire
{
    public const ushort Type = 250;
    public const ushort ClassAny = 255;

    /// <summary>TYPE, CLASS, TTL, RDLENGTH after the owner name.</summary>
    public const int FixedRrFields = 10;

    /// <summary>RDATA octets besides the algorithm name, the MAC and Other Data: time (6), fudge, MAC size, original ID, error, other length.</summary>
    public const int FixedRdataFields = 6 + 2 + 2 + 2 + 2 + 2;

    /// <summary>Octets of Other Data in a BADTIME response: the server's time as a 48-bit number (§5.2.3).</summary>
    public const int BadTimeOtherLength = 6;

    public static int RecordLength(int keyNameLength, int algorithmNameLength, int macLength, int otherLength) =>
        keyNameLength + FixedRrFields + algorithmNameLength + FixedRdataFields + macLength + otherLength;

    public static void WriteUInt48(Span<byte> destination, ulong value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)value);
    }

    public static ulong ReadUInt48(ReadOnlySpan<byte> source) =>
        ((ulong)BinaryPrimitives.ReadUInt16BigEndian(source) << 32) | BinaryPrimitives.ReadUInt32BigEndian(source[2..]);

    /// <summary>
    /// Feeds the TSIG variables (§4.3.3) to the MAC: key name and algorithm name in canonical
    /// (lower-case, uncompressed) form, CLASS ANY, TTL 0, time signed, fudge, error, Other Data.
    /// </summary>
    public static void AppendVariables(IncrementalHash hmac, ReadOnlySpan<byte> canonicalKeyName, ReadOnlySpan<byte> canonicalAlgorithmName,
        ulong timeSigned, ushort fudge, ushort error, ReadOnlySpan<byte> otherData)
    {
        hmac.AppendData(canonicalKeyName);
        Span<byte> classTtl = stackalloc byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(classTtl, ClassAny);
        BinaryPrimitives.WriteUInt32BigEndian(classTtl[2..], 0);
        hmac.AppendData(classTtl);
        hmac.AppendData(canonicalAlgorithmName);
        Span<byte> rest = stackalloc byte[6 + 2 + 2 + 2];
        WriteUInt48(rest, timeSigned);
        BinaryPrimitives.WriteUInt16BigEndian(rest[6..], fudge);
        BinaryPrimitives.WriteUInt16BigEndian(rest[8..], error);
        BinaryPrimitives.WriteUInt16BigEndian(rest[10..], (ushort)otherData.Length);
        hmac.AppendData(rest);
        hmac.AppendData(otherData);
    }

    /// <summary>The TSIG timers only (§4.3.3), which is all that messages after the first of a stream cover (§5.3.1).</summary>
    public static void AppendTimers(IncrementalHash hmac, ulong timeSigned, ushort fudge)
    {
        Span<byte> timers = stackalloc byte[8];
        WriteUInt48(timers, timeSigned);
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
    /// Feeds the DNS message as the MAC sees it: with <paramref name="originalId"/> in place of the
    /// ID and the additional count <paramref name="additionalCount"/> (one less than the count
    /// on the wire when the TSIG record is in the message, §4.3.2).
    /// </summary>
    public static void AppendMessage(IncrementalHash hmac, ReadOnlySpan<byte> messageWithoutTsig, ushort originalId, ushort additionalCount)
    {
        Span<byte> header = stackalloc byte[12];
        messageWithoutTsig[..12].CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(header, originalId);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], additionalCount);
        hmac.AppendData(header);
        hmac.AppendData(messageWithoutTsig[12..]);
    }

    /// <summary>
    /// Writes a TSIG record at <paramref name="offset"/> and returns its length, or -1 when it
    /// does not fit. Names are written uncompressed, as they are given.
    /// </summary>
    public static int WriteRecord(Span<byte> buffer, int offset, ReadOnlySpan<byte> keyName, ReadOnlySpan<byte> algorithmName,
        ulong timeSigned, ushort fudge, ReadOnlySpan<byte> mac, ushort originalId, ushort error, ReadOnlySpan<byte> otherData)
    {
        int length = RecordLength(keyName.Length, algorithmName.Length, mac.Length, otherData.Length);
        if (offset < 0 || offset + length > buffer.Length) { return -1; }
        var span = buffer.Slice(offset, length);
        int p = 0;
        keyName.CopyTo(span); p += keyName.Length;
        BinaryPrimitives.WriteUInt16BigEndian(span[p..], Type); p += 2;
        BinaryPrimitives.WriteUInt16BigEndian(span[p..], ClassAny); p += 2;
        BinaryPrimitives.WriteUInt32BigEndian(span[p..], 0); p += 4;
        BinaryPrimitives.WriteUInt16BigEndian(span[p..], (ushort)(length - p - 2)); p += 2;
        algorithmName.CopyTo(span[p..]); p += algorithmName.Length;
        WriteUInt48(span[p..], timeSigned); p += 6;
        BinaryPrimitives.WriteUInt16BigEndian(span[p..], fudge); p += 2;
        BinaryPrimitives.WriteUInt16BigEndian(span[p..], (ushort)mac.Length); p += 2;
        mac.CopyTo(span[p..]); p += mac.Length;
        BinaryPrimitives.WriteUInt16BigEndian(span[p..], originalId); p += 2;
        BinaryPrimitives.WriteUInt16BigEndian(span[p..], error); p += 2;
        BinaryPrimitives.WriteUInt16BigEndian(span[p..], (ushort)otherData.Length); p += 2;
        otherData.CopyTo(span[p..]);
        return length;
    }

    public static ulong UnixSeconds(DateTimeOffset time) => (ulong)Math.Max(0, time.ToUnixTimeSeconds());
}
