using System.Net;
using Desec.Auth.Transfer;
using Desec.Auth.Transport;
using Desec.Auth.Tsig;
using Desec.Zone.Records;

namespace Desec.Auth.Query;

/// <summary>Settings of the answering path.</summary>
public sealed record AnswerOptions
{
    /// <summary>Largest UDP response, whatever the query offers (RFC 6891 §6.2.5; 1232 avoids fragmentation).</summary>
    public ushort MaxUdpPayload { get; init; } = 1232;

    /// <summary>The NSID to send when asked (RFC 5001); empty sends none.</summary>
    public byte[] Nsid { get; init; } = [];
}

/// <summary>
/// The protocol side of a transport: parse, answer, and turn every kind of bad input into the
/// response the RFCs ask for. Never throws for bad input. Zone transfers (AXFR, IXFR answered
/// with the full zone) over TCP are streams (<see cref="OpenStream"/>); without
/// <paramref name="transfers"/> every transfer is refused.
/// </summary>
public sealed class QueryHandler(Answerer answerer, AnswerOptions options, ZoneTransfers? transfers = null,
    TsigKeyring? keyring = null, TimeProvider? clock = null, Microsoft.Extensions.Logging.ILogger? logger = null) : IQueryHandler
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private static readonly TsigKeyring NoKeys = new([]);

    public IResponseStream? OpenStream(ReadOnlySpan<byte> request, EndPoint? remote)
    {
        if (transfers is null || !QueryParser.AsksForTransfer(request)) { return null; }
        if (QueryParser.Parse(request, out var query) != QueryParseResult.Ok) { return null; }
        if (query.QType is not (RRType.AXFR or RRType.IXFR)) { return null; }
        var tsig = Verify(request, query);
        if (tsig.Result is not (TsigResult.Ok or TsigResult.NoTsig))
        {
            tsig.Dispose();
            return null; // Handle answers with the TSIG error
        }
        var zone = transfers.Authorize(request.Slice(DnsHeader.Length, query.QuestionNameLength), remote, VerifiedKeyName(tsig));
        if (zone is null)
        {
            tsig.Dispose();
            return null; // Handle answers REFUSED
        }
        ushort flags = (ushort)(DnsHeader.QR | DnsHeader.AA | (query.Flags & (DnsHeader.RD | DnsHeader.CD)));
        var opt = query.HasEdns ? new ZoneTransferStream.Opt(options.MaxUdpPayload, query.DnssecOk) : null;
        var question = request[DnsHeader.Length..query.QuestionEnd];
        if (query.QType == RRType.IXFR && IxfrRequest.TryReadClientSerial(request, query.QuestionEnd, out uint clientSerial))
        {
            var soa = zone.Zone.Soa.Records.First();
            uint current = zone.Zone.Serial;
            // RFC 1995 §4: a client that is up to date gets the current SOA alone.
            if (clientSerial == current || Desec.Signer.Signing.SerialArithmetic.IsGreater(clientSerial, current))
            {
                LogTransfer(zone, remote, tsig, $"IXFR from serial {clientSerial}: up to date, the SOA alone");
                return ZoneTransferStream.SoaOnly(soa, query.Id, flags, question, opt, tsig, _clock);
            }
            // The condensed difference from the client's version, when the journal reaches back to it.
            if (transfers.JournalOf(zone.Origin)?.ChangesBetween(clientSerial, current) is { } changes)
            {
                var oldSoa = soa with { Rdata = Desec.Signer.Signing.ZoneSigner.WithSerial(soa.Rdata, clientSerial) };
                IEnumerable<Zone.Records.ResourceRecord> body = [oldSoa, .. changes.Removed, soa, .. changes.Added];
                LogTransfer(zone, remote, tsig,
                    $"IXFR from serial {clientSerial} to {current}: {changes.Removed.Count} records removed, {changes.Added.Count} added");
                return new ZoneTransferStream(soa, body, query.Id, flags, question, opt, tsig, _clock);
            }
        }
        // AXFR, or an IXFR the journal cannot serve: the whole zone in AXFR form (RFC 1995 §4).
        LogTransfer(zone, remote, tsig, query.QType == RRType.IXFR
            ? $"IXFR answered in AXFR form (serial {zone.Zone.Serial}; the journal does not reach back to the client's)"
            : $"AXFR of serial {zone.Zone.Serial}");
        return new ZoneTransferStream(zone, query.Id, flags, question, opt, tsig, _clock);
    }

    /// <summary>One log line per transfer served: which kind, to whom, with which key. Transfers are rare; this is not the query path.</summary>
    private void LogTransfer(Desec.Auth.Zones.ServedZone zone, EndPoint? remote, TsigContext tsig, string what)
    {
        if (logger is null) { return; }
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "zone {Zone}: {What} to {Remote}{Key}", zone.Origin, what, remote,
            tsig.Result == TsigResult.Ok ? $" (key {tsig.Key!.Name})" : "");
    }

    /// <summary>Checks the request's TSIG (RFC 8945 §5.2) when it has one; <see cref="TsigContext.None"/> otherwise.</summary>
    private TsigContext Verify(ReadOnlySpan<byte> request, in ParsedQuery query)
    {
        if (!query.HasTsig) { return TsigContext.None; }
        if (keyring is null)
        {
            // No keys configured: every key is unknown (BADKEY, RFC 8945 §5.2.1).
            TsigVerifier.Verify(request, NoKeys, _clock.GetUtcNow(), out var unknown);
            return unknown;
        }
        TsigVerifier.Verify(request, keyring, _clock.GetUtcNow(), out var context);
        return context;
    }

    private static string? VerifiedKeyName(TsigContext tsig) =>
        tsig.Result == TsigResult.Ok ? tsig.Key!.Name.ToString() : null;

    public int Handle(ReadOnlySpan<byte> request, Span<byte> response, TransportKind transport, EndPoint? remote)
    {
        var result = QueryParser.Parse(request, out var query);
        if (result == QueryParseResult.Drop) { return 0; }
        if (!query.HasTsig) { return Answer(request, response, transport, remote, result, query, TsigContext.None); }

        using var tsig = Verify(request, query);
        if (tsig.Result is not (TsigResult.Ok or TsigResult.NoTsig))
        {
            // RFC 8945 §5.2: FORMERR, or NOTAUTH with the TSIG error (BADKEY, BADSIG, BADTIME, BADTRUNC).
            return TsigSigner.WriteErrorResponse(request, tsig, response, _clock.GetUtcNow());
        }
        return Answer(request, response, transport, remote, result, query, tsig);
    }

    private int Answer(ReadOnlySpan<byte> request, Span<byte> response, TransportKind transport, EndPoint? remote,
        QueryParseResult result, in ParsedQuery query, TsigContext tsig)
    {
        bool tcp = transport == TransportKind.Tcp;
        int limit = tcp ? response.Length : query.HasEdns ? Math.Min(query.UdpPayloadSize, options.MaxUdpPayload) : 512;
        var nsid = query.NsidRequested ? options.Nsid : [];
        int optLength = query.HasEdns ? ResponseBuilder.OptLength(nsid.Length) : 0;
        int tsigLength = tsig.MaxRecordLength; // kept free at the end for the TSIG record
        // RD and CD are copied (RFC 1035 §4.1.1, RFC 6840 §5.9); RA stays clear: no recursion here.
        ushort flags = (ushort)(DnsHeader.QR | (query.Opcode << 11) | (query.Flags & (DnsHeader.RD | DnsHeader.CD)));
        var question = query.QuestionEnd > 0 ? request[DnsHeader.Length..query.QuestionEnd] : default;

        limit = Math.Min(limit, response.Length);
        var builder = new ResponseBuilder(response, stackalloc ushort[64], limit - tsigLength, optLength);
        builder.Start(query.Id, flags, question);
        int extendedRcode = 0;
        switch (result)
        {
            case QueryParseResult.FormErr: builder.SetRcode(DnsHeader.FormErr); break;
            case QueryParseResult.NotImp: builder.SetRcode(DnsHeader.NotImp); break;
            case QueryParseResult.Refused: builder.SetRcode(DnsHeader.Refused); break;
            case QueryParseResult.BadVers: extendedRcode = DnsHeader.BadVers; break;
            default:
                if (query.QType is RRType.AXFR or RRType.IXFR)
                {
                    AnswerTransferInOneMessage(ref builder, request, query, tcp, remote, VerifiedKeyName(tsig));
                    break;
                }
                answerer.Answer(ref builder, request.Slice(DnsHeader.Length, query.QuestionNameLength), query.QType, tcp, query.DnssecOk);
                break;
        }
        int length = builder.Finish(query.HasEdns, options.MaxUdpPayload, extendedRcode, query.DnssecOk, nsid);
        return tsig.Sign(response[..limit], length, _clock.GetUtcNow());
    }

    /// <summary>
    /// A transfer request that is not streamed: AXFR over UDP is not defined (RFC 5936 §4.2) and
    /// refused; an allowed IXFR over UDP gets the current SOA alone, which tells the client to
    /// come back over TCP (RFC 1995 §2, §4); refused transfers over TCP end here too.
    /// </summary>
    private void AnswerTransferInOneMessage(ref ResponseBuilder builder, ReadOnlySpan<byte> request, in ParsedQuery query, bool tcp,
        EndPoint? remote, string? verifiedKeyName)
    {
        if (!tcp && query.QType == RRType.IXFR && transfers is not null)
        {
            var zone = transfers.Authorize(request.Slice(DnsHeader.Length, query.QuestionNameLength), remote, verifiedKeyName);
            if (zone is not null)
            {
                builder.SetFlag(DnsHeader.AA);
                builder.TryAdd(zone.Zone.Soa);
                return;
            }
        }
        builder.SetRcode(DnsHeader.Refused);
    }
}
