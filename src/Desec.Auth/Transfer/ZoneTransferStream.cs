using Desec.Auth.Transport;
using Desec.Zone.Messages;
using Desec.Zone.Records;
using Desec.Zone.Tsig;

namespace Desec.Auth.Transfer;

/// <summary>
/// A zone transfer answer (RFC 5936 §2.2, RFC 1995 §4) written one message at a time over TCP:
/// the records of a <see cref="TransferContent"/> packed into as few messages as fit, each signed
/// when the request was (RFC 8945 §5.3.1). Only the record being written and an enumerator are
/// held, never the whole transfer; the zone version is the one captured at the start, so a reload
/// during the transfer cannot mix two versions.
/// </summary>
public sealed class ZoneTransferStream : IResponseStream
{
    /// <summary>Entries of the compression table; past that, names are written whole (still correct, less compact).</summary>
    private const int CompressionEntries = 256;

    private readonly ushort _id;
    private readonly HeaderFlags _flags;
    private readonly byte[] _question;
    private readonly Opt? _opt;
    private readonly IEnumerator<ResourceRecord> _records;
    private readonly TsigContext _tsig;
    private readonly TimeProvider _clock;
    private ResourceRecord? _pending;
    private bool _finished;

    /// <summary>The EDNS(0) OPT record echoed in each message when the request had one (RFC 6891 §7).</summary>
    public sealed record Opt(ushort UdpPayloadSize, bool DnssecOk);

    /// <param name="flags">RD and CD as the request had them (RFC 1035 §4.1.1); QR and AA are set here.</param>
    /// <param name="question">The question section of the request, echoed in the first message (RFC 5936 §2.2.1).</param>
    /// <param name="tsig">The verified request's TSIG: every message is signed in turn (RFC 8945 §5.3.1); the stream disposes it.</param>
    public ZoneTransferStream(TransferContent content, ushort id, HeaderFlags flags, ReadOnlySpan<byte> question, Opt? opt,
        TsigContext? tsig = null, TimeProvider? clock = null)
    {
        _tsig = tsig ?? TsigContext.None;
        _clock = clock ?? TimeProvider.System;
        _id = id;
        _flags = HeaderFlags.QR | HeaderFlags.AA | (flags & (HeaderFlags.RD | HeaderFlags.CD));
        _question = question.ToArray();
        _opt = opt;
        _records = content.Records().GetEnumerator();
    }

    /// <summary>Messages written so far.</summary>
    public int Messages { get; private set; }

    /// <summary>Records written so far (both SOAs counted).</summary>
    public long Records { get; private set; }

    public int WriteNext(Span<byte> buffer)
    {
        if (_finished) { return 0; }
        var writer = new MessageWriter(buffer, stackalloc ushort[CompressionEntries], buffer.Length, MessageOverflow.NextMessage);
        writer.Start(_id, Opcode.Query, _flags);
        var opt = _opt is null ? default : new OptRecord { UdpPayloadSize = _opt.UdpPayloadSize, DnssecOk = _opt.DnssecOk };
        // Room at the end for the OPT record and the TSIG record that signs the message.
        if (_opt is not null) { writer.Reserve(opt.Length); }
        writer.ReserveTsig(_tsig);
        // RFC 5936 §2.2.1: the question in the first message; later ones may leave it out.
        if (Messages == 0 && !writer.TryCopyQuestion(_question)) { throw new InvalidOperationException("the question does not fit in an empty message"); }
        int answers = 0;
        while (true)
        {
            var record = _pending;
            _pending = null;
            if (record is null)
            {
                if (!_records.MoveNext()) { _finished = true; break; }
                record = _records.Current;
            }
            if (!TransferContent.TryAdd(ref writer, record))
            {
                if (answers == 0) { throw new InvalidOperationException($"record {record.Owner} {RRType.ToText(record.Type)} does not fit in an empty message"); }
                _pending = record;
                break;
            }
            answers++;
        }
        if (_opt is not null) { writer.TryWriteOpt(opt); }
        Messages++;
        Records += answers;
        return writer.Finish(_tsig, _clock.GetUtcNow());
    }

    public void Dispose()
    {
        _records.Dispose();
        _tsig.Dispose();
    }
}
