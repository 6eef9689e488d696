using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Tsig;

namespace Desec.Auth.Transfer;

/// <summary>The NOTIFY request (RFC 1996 §3.7) as sent, and what counts as its acknowledgement (§4.7).</summary>
public static class NotifyMessage
{
    /// <summary>
    /// Opcode NOTIFY, AA set, the zone's SOA as the question and, when given, the new SOA record in
    /// the answer section (§3.7 lets a primary add it as a hint, and the serial shows which version is
    /// meant); signed with <paramref name="key"/> when there is one (RFC 8945 §4.3.2). Returns the
    /// message and the request MAC that the acknowledgement's TSIG must cover.
    /// </summary>
    public static (byte[] Message, byte[] RequestMac) Build(DnsName zone, ushort id, ResourceRecord? soa, TsigKey? key, DateTimeOffset now)
    {
        using var tsig = key is null ? null : TsigContext.ForRequest(key);
        int answer = soa is null ? 0 : zone.Length + 10 + soa.Rdata.Length;
        var buffer = new byte[MessageHeader.Length + zone.Length + 4 + answer + (tsig?.MaxRecordLength ?? 0)];
        var writer = new MessageWriter(buffer, stackalloc ushort[8], buffer.Length);
        writer.Start(id, Opcode.Notify, HeaderFlags.AA);
        if (tsig is not null) { writer.ReserveTsig(tsig); }
        if (!writer.TryWriteQuestion(zone.Wire, RRType.SOA, RRClass.IN)) { throw new InvalidOperationException("the NOTIFY question does not fit"); }
        if (soa is not null && !writer.TryAddRecord(MessageSection.Answer, zone.Wire, RRType.SOA, RRClass.IN, soa.Ttl, soa.Rdata))
        {
            throw new InvalidOperationException("the NOTIFY's SOA does not fit");
        }
        int length = tsig is null ? writer.Finish() : writer.Finish(tsig, now);
        return (buffer[..length], tsig?.PriorMac.ToArray() ?? []);
    }

    /// <summary>The ID of a message; -1 when it is too short to be one.</summary>
    public static int IdOf(ReadOnlySpan<byte> message) => MessageHeader.TryRead(message, out var header) ? header.Id : -1;

    /// <summary>RFC 1996 §4.7: the reply has the same ID, QR set and opcode NOTIFY.</summary>
    public static bool IsAcknowledgement(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> request) =>
        MessageHeader.TryRead(reply, out var answer) && MessageHeader.TryRead(request, out var asked)
        && answer.Id == asked.Id && answer.IsResponse && answer.Opcode == Opcode.Notify;
}
