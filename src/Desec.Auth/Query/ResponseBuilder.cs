using Desec.Zone.Messages;
using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Desec.Auth.Query;

public enum Section { Answer = 1, Authority = 2, Additional = 3 }

/// <summary>
/// Builds a response in sections. RRsets go in whole or not at all: when one does not fit in the
/// answer or authority section the response is marked truncated (RFC 2181 §9) and later writes are
/// refused; an additional-section RRset that does not fit is simply left out.
/// </summary>
public ref struct ResponseBuilder
{
    private DnsMessageWriter _writer;
    private readonly int _optLength;
    private ushort _flags;
    private int _answer, _authority, _additional;
    private Section _section;

    /// <param name="optLength">Octets kept free for the OPT record (0 without EDNS).</param>
    public ResponseBuilder(Span<byte> buffer, Span<ushort> compression, int limit, int optLength)
    {
        _writer = new DnsMessageWriter(buffer, compression) { Limit = limit };
        _optLength = optLength;
        _writer.ReserveTail(optLength);
        _section = Section.Answer;
    }

    public bool Truncated { get; private set; }
    public readonly int AnswerCount => _answer;
    public readonly int Position => _writer.Position;

    /// <summary>Writes the header (counts patched later) and echoes the question as the query had it.</summary>
    public void Start(ushort id, ushort flags, ReadOnlySpan<byte> question)
    {
        _flags = flags;
        _writer.TryWriteUInt16(id);
        _writer.TryWriteUInt16(flags);
        _writer.TryWriteUInt32(question.IsEmpty ? 0u : 0x0001_0000u); // QDCOUNT, ANCOUNT
        _writer.TryWriteUInt32(0); // NSCOUNT, ARCOUNT
        if (!question.IsEmpty)
        {
            _writer.TryWriteBytes(question);
            _writer.RememberNameAt(DnsHeader.Length);
        }
    }

    public void SetFlag(ushort flag) => _flags |= flag;
    public void ClearFlag(ushort flag) => _flags &= (ushort)~flag;
    public void SetRcode(int rcode) => _flags = (ushort)((_flags & 0xFFF0) | (rcode & 0xF));
    public readonly int Rcode => _flags & 0xF;

    /// <summary>Moves on to a later section; records are written in section order.</summary>
    public void Enter(Section section) => _section = section;

    /// <summary>Adds a whole RRset with its own owner name.</summary>
    public bool TryAdd(RRset set) => TryAdd(set.Owner.Wire, set, set.Ttl);

    /// <summary>Adds a whole RRset under <paramref name="owner"/> (the query name for wildcard answers).</summary>
    public bool TryAdd(scoped ReadOnlySpan<byte> owner, RRset set, uint ttl)
    {
        if (Truncated) { return false; }
        var mark = _writer.Mark();
        var rdatas = set.Rdatas;
        for (int i = 0; i < rdatas.Count; i++)
        {
            if (!TryWriteRecord(owner, set.Type, ttl, rdatas[i]))
            {
                _writer.Rollback(mark);
                if (_section != Section.Additional) { Truncated = true; }
                return false;
            }
        }
        Count(set.Count);
        return true;
    }

    /// <summary>Adds one record built on the fly (a CNAME synthesized from a DNAME).</summary>
    public bool TryAddRecord(scoped ReadOnlySpan<byte> owner, ushort type, uint ttl, scoped ReadOnlySpan<byte> rdata)
    {
        if (Truncated) { return false; }
        var mark = _writer.Mark();
        if (!TryWriteRecord(owner, type, ttl, rdata))
        {
            _writer.Rollback(mark);
            if (_section != Section.Additional) { Truncated = true; }
            return false;
        }
        Count(1);
        return true;
    }

    /// <summary>Marks the response truncated for data that must be there but does not fit (glue, RFC 9471 §3).</summary>
    public void MarkTruncated() => Truncated = true;

    private void Count(int records)
    {
        switch (_section)
        {
            case Section.Answer: _answer += records; break;
            case Section.Authority: _authority += records; break;
            default: _additional += records; break;
        }
    }

    private bool TryWriteRecord(scoped ReadOnlySpan<byte> owner, ushort type, uint ttl, scoped ReadOnlySpan<byte> rdata)
    {
        if (!_writer.TryWriteName(owner) || !_writer.TryWriteUInt16(type) || !_writer.TryWriteUInt16(RRClass.IN)
            || !_writer.TryWriteUInt32(ttl))
        {
            return false;
        }
        int lengthAt = _writer.Position;
        if (!_writer.TryWriteUInt16(0)) { return false; }
        if (!RdataCompression.TryWrite(ref _writer, type, rdata)) { return false; }
        _writer.PatchUInt16(lengthAt, (ushort)(_writer.Position - lengthAt - 2));
        return true;
    }

    /// <summary>
    /// Ends the message: the OPT record (RFC 6891 §6.1.2) when the query had one, then the counts
    /// and flags. Returns the length.
    /// </summary>
    public int Finish(bool edns, ushort udpPayloadSize, int extendedRcode, bool dnssecOk, ReadOnlySpan<byte> nsid)
    {
        if (Truncated) { _flags |= DnsHeader.TC; }
        if (edns)
        {
            _writer.ReleaseTail(_optLength);
            _writer.TryWriteByte(0); // root owner
            _writer.TryWriteUInt16(RRType.OPT);
            _writer.TryWriteUInt16(udpPayloadSize);
            _writer.TryWriteByte((byte)(extendedRcode >> 4));
            _writer.TryWriteByte(0); // version
            _writer.TryWriteUInt16(dnssecOk ? (ushort)0x8000 : (ushort)0);
            if (nsid.IsEmpty)
            {
                _writer.TryWriteUInt16(0);
            }
            else
            {
                _writer.TryWriteUInt16((ushort)(4 + nsid.Length));
                _writer.TryWriteUInt16(3); // NSID, RFC 5001 §2.3
                _writer.TryWriteUInt16((ushort)nsid.Length);
                _writer.TryWriteBytes(nsid);
            }
            _additional++;
        }
        _writer.PatchUInt16(2, _flags);
        _writer.PatchUInt16(6, (ushort)_answer);
        _writer.PatchUInt16(8, (ushort)_authority);
        _writer.PatchUInt16(10, (ushort)_additional);
        return _writer.Position;
    }

    /// <summary>Octets an OPT record takes with an NSID option of this length.</summary>
    public static int OptLength(int nsidLength) => 11 + (nsidLength > 0 ? 4 + nsidLength : 0);
}
