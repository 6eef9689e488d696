using Desec.Auth.Transfer;
using Desec.Auth.Transport;
using Desec.Zone.Messages;
using Desec.Zone.Records;
using Desec.Zone.Tsig;
using Desec.Zone.Wire;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Query;

/// <summary>
/// The one entry point from the transports: each request is read once (the message layer), its
/// TSIG checked once, and routed by opcode: QUERY to the answerer or, for AXFR and IXFR, to the
/// transfer code; NOTIFY and UPDATE to their handlers (today REFUSED and NOTIMP). Every kind of bad
/// input becomes the response the RFCs ask for; nothing throws. Without <paramref name="transfers"/>
/// every transfer is refused.
/// </summary>
public sealed class QueryHandler : IQueryHandler
{
    private static readonly TsigKeyring NoKeys = new([]);

    private readonly Answerer _answerer;
    private readonly AnswerOptions _options;
    private readonly TransferResponder? _transfers;
    private readonly TsigKeyring _keyring;
    private readonly TimeProvider _clock;
    private readonly ServerCookies _cookies;

    public QueryHandler(Answerer answerer, AnswerOptions options, ZoneTransfers? transfers = null, TsigKeyring? keyring = null,
        TimeProvider? clock = null, ILogger? logger = null)
    {
        _answerer = answerer;
        _options = options;
        _clock = clock ?? TimeProvider.System;
        // No keys configured: every key is unknown (BADKEY, RFC 8945 §5.2.1).
        _keyring = keyring ?? NoKeys;
        _transfers = transfers is null ? null : new TransferResponder(transfers, options.MaxUdpPayload, _clock, logger);
        _cookies = new ServerCookies(options.CookieSecret, _clock);
    }

    public Reply Handle(scoped in Request request, Span<byte> response)
    {
        // RFC 1035 §4.1.1: shorter than a header, or a response, gets nothing back.
        if (!MessageReader.TryStart(request.Message, out var message) || message.Header.IsResponse) { return Reply.Drop; }
        var problem = Read(ref message);
        if (!message.Tsig.Present) { return Respond(request, message, problem, TsigContext.None, response); }

        var now = _clock.GetUtcNow();
        var result = TsigVerifier.Verify(message, _keyring, now, out var tsig);
        if (result is not (TsigResult.Ok or TsigResult.NoTsig))
        {
            // RFC 8945 §5.2: FORMERR, or NOTAUTH with the TSIG error (BADKEY, BADSIG, BADTIME, BADTRUNC).
            using (tsig) { return Reply.Message(TsigErrorResponse.Write(message, tsig, response, now)); }
        }
        var reply = Respond(request, message, problem, tsig, response);
        if (reply.Stream is null) { tsig.Dispose(); } // a stream signs every message and disposes it at its end
        return reply;
    }

    /// <summary>
    /// Reads the question and the records; what is wrong with the request as a whole: FORMERR for
    /// malformed input, NOTIMP for an opcode we do not know, BADVERS for an EDNS version above 0.
    /// </summary>
    private static Rcode Read(ref MessageReader message)
    {
        var opcode = message.Header.Opcode;
        bool known = opcode is Opcode.Query or Opcode.Notify or Opcode.Update;
        // One question (RFC 9619 for QUERY; RFC 1996 §3.7 NOTIFY; the zone section of RFC 2136 §2.3 UPDATE).
        if (message.Header.QuestionCount != 1) { return known ? Rcode.FormErr : Rcode.NotImp; }
        try
        {
            message.ReadQuestion();
            message.ReadRecords();
        }
        catch (DnsWireException)
        {
            return Rcode.FormErr;
        }
        var edns = message.Edns;
        if (edns.CookieMalformed) { return Rcode.FormErr; } // RFC 7873 §5.2.2
        if (edns.Present && edns.Version > 0) { return Rcode.BadVers; } // RFC 6891 §6.1.3
        return known ? Rcode.NoError : Rcode.NotImp;
    }

    private Reply Respond(scoped in Request request, scoped in MessageReader message, Rcode problem, TsigContext tsig, Span<byte> response)
    {
        var question = message.Question;
        bool transfer = problem == Rcode.NoError && message.Header.Opcode == Opcode.Query && question.Class == RRClass.IN
            && question.Type is RRType.AXFR or RRType.IXFR;
        if (transfer && request.Transport == TransportKind.Tcp && _transfers?.TryOpenStream(message, request.Peer, tsig) is { } stream)
        {
            return Reply.Streamed(stream);
        }

        var edns = message.Edns;
        int limit = request.Transport == TransportKind.Tcp ? response.Length
            : edns.Present ? Math.Min(edns.UdpPayloadSize, _options.MaxUdpPayload) : EdnsRequest.MinimumUdpPayload;
        var writer = new MessageWriter(response, stackalloc ushort[64], Math.Min(limit, response.Length));
        // RD and CD are copied (RFC 1035 §4.1.1, RFC 6840 §5.9); RA stays clear: no recursion here.
        writer.Start(message.Header.Id, message.Header.Opcode, HeaderFlags.QR | (message.Header.Flags & (HeaderFlags.RD | HeaderFlags.CD)));
        writer.ReserveTsig(tsig);
        Span<byte> cookie = stackalloc byte[ServerCookies.MaxOptionLength];
        var opt = new OptRecord
        {
            UdpPayloadSize = _options.MaxUdpPayload,
            DnssecOk = edns.DnssecOk,
            Nsid = edns.NsidRequested ? _options.Nsid : default,
            Cookie = cookie[..(problem == Rcode.NoError ? _cookies.Write(edns, request.Peer, cookie) : 0)],
            // No PADDING (RFC 7830 §4, RFC 8467 §4): padding only hides sizes on encrypted transports, and ours are not.
        };
        // RFC 6891 §7: an OPT record in the response exactly when the request had one.
        if (edns.Present) { writer.Reserve(opt.Length); }
        if (!question.IsEmpty) { writer.TryCopyQuestion(question.Wire); }

        if (problem != Rcode.NoError) { writer.SetRcode(problem); }
        else if (transfer) { AnswerTransferInOneMessage(ref writer, request, message, tsig); }
        else
        {
            switch (message.Header.Opcode)
            {
                case Opcode.Query:
                    AnswerQuery(ref writer, question, request.Transport, edns.DnssecOk);
                    break;
                case Opcode.Notify:
                    // This server is the primary: a NOTIFY sent to it is refused (RFC 1996 §3.10 leaves the answer to policy).
                    writer.SetRcode(Rcode.Refused);
                    break;
                default:
                    // UPDATE (RFC 2136) gets its own handler here; until then NOTIMP, as §3 of it allows.
                    writer.SetRcode(Rcode.NotImp);
                    break;
            }
        }
        if (edns.Present) { writer.TryWriteOpt(opt); }
        return Reply.Message(writer.Finish(tsig, _clock.GetUtcNow()));
    }

    private void AnswerQuery(ref MessageWriter writer, Question question, TransportKind transport, bool dnssecOk)
    {
        // RFC 6895 §3.1: meta-types other than the QTYPEs (ANY, AXFR, IXFR) are not questions.
        if (RRType.IsMetaOrQuery(question.Type) && question.Type is not (RRType.ANY or RRType.AXFR or RRType.IXFR))
        {
            writer.SetRcode(Rcode.FormErr);
            return;
        }
        if (question.Class != RRClass.IN)
        {
            writer.SetRcode(Rcode.Refused);
            return;
        }
        _answerer.Answer(ref writer, question.Name, question.Type, transport == TransportKind.Tcp, dnssecOk);
    }

    private void AnswerTransferInOneMessage(ref MessageWriter writer, scoped in Request request, scoped in MessageReader message, TsigContext tsig)
    {
        if (_transfers is null)
        {
            writer.SetRcode(Rcode.Refused);
            return;
        }
        _transfers.AnswerInOneMessage(ref writer, message, request.Transport, request.Peer, tsig);
    }
}
