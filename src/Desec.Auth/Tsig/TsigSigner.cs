using System.Buffers.Binary;
using Desec.Auth.Query;
using Desec.Zone.Names;
using Desec.Zone.Wire;

namespace Desec.Auth.Tsig;

/// <summary>
/// Signing entry points besides <see cref="TsigContext.Sign"/>: a request (as a client signs
/// it, for NOTIFY and for tests), and the short error answer to a request whose TSIG failed.
/// </summary>
public static class TsigSigner
{
    /// <summary>
    /// Signs a request in <c>buffer[..length]</c> (RFC 8945 §4.3.2: the message and the TSIG
    /// variables) and returns the new length, or -1 without room. <paramref name="context"/>
    /// holds the request MAC, which the response's MAC covers.
    /// </summary>
    public static int SignRequest(Span<byte> buffer, int length, TsigKey key, DateTimeOffset now, out TsigContext context,
        ushort fudge = TsigContext.DefaultFudge)
    {
        context = new TsigContext(key) { Fudge = fudge };
        return context.Sign(buffer, length, now);
    }

    /// <summary>
    /// Writes the answer to a request whose TSIG check failed into <paramref name="buffer"/> and
    /// returns its length (or -1 without room): the request's header and question with QR set,
    /// no records, RCODE FORMERR for a malformed TSIG (no TSIG in the answer, §5.2.2.1), else
    /// NOTAUTH with a TSIG record carrying the error (§5.2.1, §5.2.2, §5.2.3, §5.3.2).
    /// </summary>
    public static int WriteErrorResponse(ReadOnlySpan<byte> request, TsigContext context, Span<byte> buffer, DateTimeOffset now)
    {
        if (request.Length < 12 || buffer.Length < 12) { return -1; }
        int questionEnd = 12;
        ushort questions = BinaryPrimitives.ReadUInt16BigEndian(request[4..]);
        try
        {
            var reader = new DnsWireReader(request, 12);
            Span<byte> name = stackalloc byte[DnsName.MaxLength];
            if (questions == 1)
            {
                reader.ReadName(name);
                reader.Skip(4);
                questionEnd = reader.Position;
            }
        }
        catch (DnsWireException)
        {
            questions = 0;
        }
        if (questions != 1) { questionEnd = 12; }
        if (questionEnd > buffer.Length) { return -1; }
        request[..questionEnd].CopyTo(buffer);
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(request[2..]);
        // Keep opcode and RD (RFC 1035 §4.1.1); set QR; clear AA, TC, RA, AD, CD and RCODE.
        flags = (ushort)((flags & 0x7900) | DnsHeader.QR);
        flags |= context.Result == TsigResult.FormErr ? DnsHeader.FormErr : DnsHeader.NotAuth;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], flags);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[4..], questions == 1 ? (ushort)1 : (ushort)0);
        buffer[6..12].Clear();
        return context.Sign(buffer, questionEnd, now);
    }
}
