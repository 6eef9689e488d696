using System.Buffers.Binary;

namespace Desec.Auth.Query;

/// <summary>Header flag bits and codes (RFC 1035 §4.1.1, RFC 4035 §3.2, RFC 6891 §6.1.3).</summary>
public static class DnsHeader
{
    public const int Length = 12;

    public const ushort QR = 0x8000, AA = 0x0400, TC = 0x0200, RD = 0x0100, RA = 0x0080, AD = 0x0020, CD = 0x0010;

    public const byte OpcodeQuery = 0, OpcodeNotify = 4;

    public const byte NoError = 0, FormErr = 1, ServFail = 2, NXDomain = 3, NotImp = 4, Refused = 5, NotAuth = 9;

    /// <summary>BADVERS is extended RCODE 16: 0 in the header, 1 in the OPT record's upper bits (RFC 6891 §9).</summary>
    public const int BadVers = 16;

    public static ushort Id(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt16BigEndian(message);
    public static ushort Flags(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
    public static byte Opcode(ushort flags) => (byte)((flags >> 11) & 0xF);
    public static ushort Count(ReadOnlySpan<byte> message, int index) => BinaryPrimitives.ReadUInt16BigEndian(message[(4 + 2 * index)..]);
}
