using Desec.Zone.Messages;
using Desec.Auth.Query;
using Desec.Auth.Transport;
using Desec.Auth.Zones;
using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Desec.Auth.Transfer;

/// <summary>
/// An AXFR response (RFC 5936 §2.2) written one message at a time: the SOA first, then every
/// other record of the zone (the signed version's RRSIGs, NSEC/NSEC3 chain and keys included),
/// then the SOA again, packed into as few messages as fit. Only the record being written and an
/// enumerator are held, never the whole transfer. The zone version is the one captured at the
/// start, so a reload during the transfer cannot mix two versions.
/// </summary>
public sealed class ZoneTransferStream : IResponseStream
{
    /// <summary>Entries of the compression table; past that, names are written whole (still correct, less compact).</summary>
    private const int CompressionEntries = 256;

    private readonly ushort _id;
    private readonly ushort _flags;
    private readonly byte[] _question;
    private readonly Opt? _opt;
    private readonly ResourceRecord _soa;
    private readonly IEnumerator<ResourceRecord> _records;
    private readonly bool _bodyHoldsSoas;
    private readonly bool _soaOnly;
    private ResourceRecord? _pending;
    private bool _started, _bodyDone, _finished;

    /// <summary>The EDNS(0) OPT record echoed in each message when the request had one (RFC 6891 §7).</summary>
    public sealed record Opt(ushort UdpPayloadSize, bool DnssecOk);

    /// <param name="question">The question section of the request, echoed in the first message (RFC 5936 §2.2.1).</param>
    private readonly Tsig.TsigContext _tsig;
    private readonly TimeProvider _clock;

    /// <param name="tsig">The verified request's TSIG: every message is signed in turn (RFC 8945 §5.3.1); the stream disposes it.</param>
    public ZoneTransferStream(ServedZone zone, ushort id, ushort flags, ReadOnlySpan<byte> question, Opt? opt,
        Tsig.TsigContext? tsig = null, TimeProvider? clock = null)
    {
        _tsig = tsig ?? Tsig.TsigContext.None;
        _clock = clock ?? TimeProvider.System;
        _id = id;
        _flags = flags;
        _question = question.ToArray();
        _opt = opt;
        _soa = zone.Zone.Soa.Records.First();
        _records = zone.Records.GetEnumerator();
    }

    /// <summary>
    /// An IXFR response (RFC 1995 §4): <paramref name="soa"/> (the current one) first and last, and
    /// between them <paramref name="body"/> exactly as given, its SOAs marking the difference sequences.
    /// </summary>
    public ZoneTransferStream(ResourceRecord soa, IEnumerable<ResourceRecord> body, ushort id, ushort flags, ReadOnlySpan<byte> question,
        Opt? opt, Tsig.TsigContext? tsig = null, TimeProvider? clock = null)
    {
        _tsig = tsig ?? Tsig.TsigContext.None;
        _clock = clock ?? TimeProvider.System;
        _id = id;
        _flags = flags;
        _question = question.ToArray();
        _opt = opt;
        _soa = soa;
        _records = body.GetEnumerator();
        _bodyHoldsSoas = true;
    }

    /// <summary>The answer to an IXFR from a client that is up to date: the current SOA alone (RFC 1995 §4).</summary>
    public static ZoneTransferStream SoaOnly(ResourceRecord soa, ushort id, ushort flags, ReadOnlySpan<byte> question, Opt? opt,
        Tsig.TsigContext? tsig = null, TimeProvider? clock = null) =>
        new(soa, [], id, flags, question, opt, tsig, clock, soaOnly: true);

    private ZoneTransferStream(ResourceRecord soa, IEnumerable<ResourceRecord> body, ushort id, ushort flags, ReadOnlySpan<byte> question,
        Opt? opt, Tsig.TsigContext? tsig, TimeProvider? clock, bool soaOnly)
        : this(soa, body, id, flags, question, opt, tsig, clock) => _soaOnly = soaOnly;

    /// <summary>Messages written so far.</summary>
    public int Messages { get; private set; }

    /// <summary>Records written so far (both SOAs counted).</summary>
    public long Records { get; private set; }

    public int WriteNext(Span<byte> buffer)
    {
        if (_finished) { return 0; }
        var writer = new DnsMessageWriter(buffer, stackalloc ushort[CompressionEntries]) { Limit = buffer.Length };
        // Room at the end for the OPT record and the TSIG record that signs the message.
        int optLength = (_opt is null ? 0 : 11) + _tsig.MaxRecordLength;
        writer.ReserveTail(optLength);
        writer.TryWriteUInt16(_id);
        writer.TryWriteUInt16(_flags);
        bool first = !_started;
        writer.TryWriteUInt32(first ? 0x0001_0000u : 0u); // QDCOUNT, ANCOUNT (patched)
        writer.TryWriteUInt32(0); // NSCOUNT, ARCOUNT (patched)
        if (first)
        {
            writer.TryWriteBytes(_question);
            writer.RememberNameAt(DnsHeader.Length);
        }
        int answers = 0;
        if (first)
        {
            if (!TryWrite(ref writer, _soa)) { throw new InvalidOperationException("the SOA does not fit in an empty message"); }
            answers++;
            _started = true;
            if (_soaOnly)
            {
                _finished = true;
                return Finish(buffer, ref writer, answers, optLength);
            }
        }
        while (!_bodyDone)
        {
            var record = _pending;
            _pending = null;
            if (record is null)
            {
                if (!_records.MoveNext()) { _bodyDone = true; break; }
                record = _records.Current;
                // The apex SOA goes first and last only (RFC 5936 §2.2).
                if (!_bodyHoldsSoas && record.Type == RRType.SOA && record.Owner.Equals(_soa.Owner)) { continue; }
            }
            if (!TryWrite(ref writer, record))
            {
                if (answers == 0) { throw new InvalidOperationException($"record {record.Owner} {RRType.ToText(record.Type)} does not fit in an empty message"); }
                _pending = record;
                return Finish(buffer, ref writer, answers, optLength);
            }
            answers++;
        }
        if (!TryWrite(ref writer, _soa))
        {
            return Finish(buffer, ref writer, answers, optLength);
        }
        answers++;
        _finished = true;
        return Finish(buffer, ref writer, answers, optLength);
    }

    private int Finish(Span<byte> buffer, ref DnsMessageWriter writer, int answers, int optLength)
    {
        int additional = 0;
        if (_opt is not null)
        {
            writer.ReleaseTail(11);
            writer.TryWriteByte(0); // root owner
            writer.TryWriteUInt16(RRType.OPT);
            writer.TryWriteUInt16(_opt.UdpPayloadSize);
            writer.TryWriteUInt16(0); // extended RCODE, version
            writer.TryWriteUInt16(_opt.DnssecOk ? (ushort)0x8000 : (ushort)0);
            writer.TryWriteUInt16(0); // no options
            additional = 1;
        }
        writer.PatchUInt16(6, (ushort)answers);
        writer.PatchUInt16(10, (ushort)additional);
        bool first = Messages == 0;
        Messages++;
        Records += answers;
        return _tsig.SignNext(buffer, writer.Position, first, _clock.GetUtcNow());
    }

    private static bool TryWrite(ref DnsMessageWriter writer, ResourceRecord record)
    {
        var mark = writer.Mark();
        if (!writer.TryWriteName(record.Owner.Wire) || !writer.TryWriteUInt16(record.Type) || !writer.TryWriteUInt16(RRClass.IN)
            || !writer.TryWriteUInt32(record.Ttl))
        {
            writer.Rollback(mark);
            return false;
        }
        int lengthAt = writer.Position;
        if (!writer.TryWriteUInt16(0) || !RdataCompression.TryWrite(ref writer, record.Type, record.Rdata))
        {
            writer.Rollback(mark);
            return false;
        }
        writer.PatchUInt16(lengthAt, (ushort)(writer.Position - lengthAt - 2));
        return true;
    }

    public void Dispose()
    {
        _records.Dispose();
        _tsig.Dispose();
    }
}
