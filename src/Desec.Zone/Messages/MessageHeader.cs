using System.Buffers.Binary;

namespace Desec.Zone.Messages;

/// <summary>
/// The twelve-octet header of a DNS message (RFC 1035 §4.1.1) as typed fields: ID, flags,
/// opcode, the header's four RCODE bits and the four section counts.
/// </summary>
public readonly record struct MessageHeader(
    ushort Id, HeaderFlags Flags, Opcode Opcode, byte RcodeBits,
    ushort QuestionCount, ushort AnswerCount, ushort AuthorityCount, ushort AdditionalCount)
{
    public const int Length = 12;

    private const ushort FlagBits = (ushort)(HeaderFlags.QR | HeaderFlags.AA | HeaderFlags.TC | HeaderFlags.RD | HeaderFlags.RA | HeaderFlags.Z
        | HeaderFlags.AD | HeaderFlags.CD);

    public bool Has(HeaderFlags flag) => (Flags & flag) == flag;

    public bool IsResponse => Has(HeaderFlags.QR);

    /// <summary>Reads a header; false when the message is shorter than one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out MessageHeader header)
    {
        if (message.Length < Length)
        {
            header = default;
            return false;
        }
        ushort word = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        header = new MessageHeader(
            BinaryPrimitives.ReadUInt16BigEndian(message),
            (HeaderFlags)(word & FlagBits),
            OpcodeOf(word),
            (byte)(word & 0xF),
            BinaryPrimitives.ReadUInt16BigEndian(message[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(message[6..]),
            BinaryPrimitives.ReadUInt16BigEndian(message[8..]),
            BinaryPrimitives.ReadUInt16BigEndian(message[10..]));
        return true;
    }

    /// <summary>Writes the header into the first twelve octets of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, Id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SecondWord(Flags, Opcode, RcodeBits));
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], QuestionCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], AnswerCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], AuthorityCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], AdditionalCount);
    }

    /// <summary>QR, opcode, AA, TC, RD, RA, Z, AD, CD and RCODE as one word (RFC 1035 §4.1.1).</summary>
    public static ushort SecondWord(HeaderFlags flags, Opcode opcode, byte rcodeBits) =>
        (ushort)(((ushort)flags & FlagBits) | (((byte)opcode & 0xF) << 11) | (rcodeBits & 0xF));

    private static Opcode OpcodeOf(ushort word) => (Opcode)((word >> 11) & 0xF);
}
