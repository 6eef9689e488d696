using Desec.Auth.Transport;
using Desec.Auth.Zones;
using Desec.Zone.Messages;
using Desec.Zone.Records;
using Desec.Zone.Tsig;
using Microsoft.Extensions.Logging;

namespace Desec.Auth.Transfer;

/// <summary>
/// Answers AXFR and IXFR requests: over TCP a stream of messages (RFC 5936 §2.2, RFC 1995 §4);
/// over UDP an IXFR in one datagram when it fits, else the current SOA alone (RFC 1995 §2); AXFR
/// over UDP, and every request the zone's ACL does not admit, REFUSED (RFC 5936 §4.2, §2.2.1).
/// </summary>
public sealed class TransferResponder(ZoneTransfers transfers, ushort maxUdpPayload, TimeProvider clock, ILogger? logger)
{
    /// <summary>
    /// The stream that answers an allowed transfer over TCP; null when the request is refused
    /// (answered with one message by <see cref="AnswerInOneMessage"/>). The stream takes
    /// <paramref name="tsig"/> and disposes it.
    /// </summary>
    public IResponseStream? TryOpenStream(scoped in MessageReader request, in PeerAddress peer, TsigContext tsig)
    {
        var question = request.Question;
        var zone = transfers.Authorize(question.Name, peer, VerifiedKeyName(tsig));
        if (zone is null) { return null; }
        bool incremental = question.Type == RRType.IXFR;
        uint? clientSerial = incremental && IxfrRequest.TryReadClientSerial(request, out uint serial) ? serial : null;
        var content = transfers.Content(zone, incremental, clientSerial);
        Log(zone, peer, tsig, content.Description);
        var edns = request.Edns;
        var opt = edns.Present ? new ZoneTransferStream.Opt(maxUdpPayload, edns.DnssecOk) : null;
        return new ZoneTransferStream(content, request.Header.Id, request.Header.Flags, question.Wire, opt, tsig, clock);
    }

    /// <summary>
    /// A transfer request answered with one message: an allowed IXFR over UDP gets the whole
    /// incremental answer when it fits in the datagram, else the current SOA alone, which tells the
    /// client to come back over TCP (RFC 1995 §2, §4); everything else is REFUSED.
    /// </summary>
    public void AnswerInOneMessage(ref MessageWriter writer, scoped in MessageReader request, TransportKind transport, in PeerAddress peer,
        TsigContext tsig)
    {
        var question = request.Question;
        var zone = transport == TransportKind.Udp && question.Type == RRType.IXFR
            ? transfers.Authorize(question.Name, peer, VerifiedKeyName(tsig))
            : null;
        if (zone is null)
        {
            writer.SetRcode(Rcode.Refused);
            return;
        }
        uint? clientSerial = IxfrRequest.TryReadClientSerial(request, out uint serial) ? serial : null;
        var content = transfers.Content(zone, incremental: true, clientSerial);
        writer.SetFlags(HeaderFlags.AA);
        var start = writer.Checkpoint();
        // The AXFR form is not for UDP (RFC 5936 §4.2): only an incremental answer or the SOA alone go in a datagram.
        if (content.IsIncremental && content.TryWriteAll(ref writer))
        {
            Log(zone, peer, tsig, content.Description + " over UDP");
            return;
        }
        writer.RollbackTo(start);
        content.TryWriteSoaAlone(ref writer);
        Log(zone, peer, tsig, $"IXFR over UDP: the SOA alone (serial {zone.Zone.Serial}), the client is to use TCP");
    }

    private static string? VerifiedKeyName(TsigContext tsig) => tsig.Result == TsigResult.Ok ? tsig.Key!.Name.ToString() : null;

    /// <summary>One log line per transfer served: which kind, to whom, with which key. Transfers are rare; this is not the query path.</summary>
    private void Log(ServedZone zone, in PeerAddress peer, TsigContext tsig, string what)
    {
        logger?.LogInformation("zone {Zone}: {What} to {Remote}{Key}", zone.Origin, what, peer,
            tsig.Result == TsigResult.Ok ? $" (key {tsig.Key!.Name})" : "");
    }
}
