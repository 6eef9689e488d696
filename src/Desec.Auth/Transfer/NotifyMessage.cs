using System.Buffers.Binary;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Auth.Transfer;

/// <summary>The NOTIFY request (RFC 1996 §3.7) as sent, and what counts as its acknowledgement (§4.7).</summary>
public static class NotifyMessage
{
    private const ushort NotifyOpcodeAndAa = (4 << 11) | 0x0400;

    /// <summary>
    /// Opcode NOTIFY, AA set, the zone's SOA as the question and, when given, the new SOA record in
    /// the answer section: §3.7 lets a primary add it as a hint, and the serial shows which version is meant.
    /// </summary>
    public static byte[] Build(DnsName zone, ushort id, ResourceRecord? soa = null)
    {
        int answer = soa is null ? 0 : 2 + 10 + soa.Rdata.Length;
        var message = new byte[12 + zone.Length + 4 + answer];
        BinaryPrimitives.WriteUInt16BigEndian(message, id);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), NotifyOpcodeAndAa);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), 1);
        zone.Wire.CopyTo(message.AsSpan(12));
        int position = 12 + zone.Length;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(position), RRType.SOA);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(position + 2), RRClass.IN);
        position += 4;
        if (soa is not null)
        {
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), 1);
            // The owner is the question's name: a compression pointer to offset 12 (RFC 1035 §4.1.4).
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(position), 0xC00C);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(position + 2), RRType.SOA);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(position + 4), RRClass.IN);
            BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(position + 6), soa.Ttl);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(position + 10), (ushort)soa.Rdata.Length);
            soa.Rdata.CopyTo(message.AsSpan(position + 12));
        }
        return message;
    }

    /// <summary>The message as sent: signed with <paramref name="key"/> (RFC 8945 §4.3.2) when there is one, and the request MAC.</summary>
    public static (byte[] Message, byte[] RequestMac) Signed(byte[] message, Tsig.TsigKey? key, DateTimeOffset now)
    {
        if (key is null) { return (message, []); }
        var buffer = new byte[message.Length + 512];
        message.CopyTo(buffer, 0);
        int length = Tsig.TsigSigner.SignRequest(buffer, message.Length, key, now, out var context);
        using (context) { return (buffer[..length], context.PriorMac.ToArray()); }
    }

    /// <summary>The ID of a message (the first two octets); -1 when it is too short to be one.</summary>
    public static int IdOf(ReadOnlySpan<byte> message) => message.Length < 12 ? -1 : BinaryPrimitives.ReadUInt16BigEndian(message);

    /// <summary>RFC 1996 §4.7: the reply has the same ID, QR set and opcode NOTIFY.</summary>
    public static bool IsAcknowledgement(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> request) =>
        reply.Length >= 12 && reply[0] == request[0] && reply[1] == request[1]
        && (reply[2] & 0x80) != 0 && ((reply[2] >> 3) & 0xF) == 4;
}
