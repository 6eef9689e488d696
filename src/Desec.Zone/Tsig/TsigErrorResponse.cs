using Desec.Zone.Messages;

namespace Desec.Zone.Tsig;

/// <summary>The short answer to a request whose TSIG check failed (RFC 8945 §5.2).</summary>
public static class TsigErrorResponse
{
    /// <summary>
    /// Writes the answer into <paramref name="buffer"/> and returns its length: the request's ID,
    /// opcode, RD and question with QR set and no records; RCODE FORMERR for a MAC length no one may
    /// send (no TSIG in the answer, §5.2.2.1), else NOTAUTH with a TSIG record carrying the error
    /// (§5.2.1, §5.2.2, §5.2.3, §5.3.2).
    /// </summary>
    public static int Write(scoped in MessageReader request, TsigContext context, Span<byte> buffer, DateTimeOffset now)
    {
        var writer = new MessageWriter(buffer, stackalloc ushort[8], buffer.Length);
        writer.Start(request.Header.Id, request.Header.Opcode, HeaderFlags.QR | (request.Header.Flags & HeaderFlags.RD));
        writer.ReserveTsig(context);
        if (!request.Question.IsEmpty) { writer.TryCopyQuestion(request.Question.Wire); }
        // NOTAUTH comes with the TSIG error (MessageWriter.Finish); a malformed TSIG is FORMERR.
        if (context.Result == TsigResult.FormErr) { writer.SetRcode(Rcode.FormErr); }
        return writer.Finish(context, now);
    }
}
