using Desec.Zone.Records;
using Desec.Zone.Tsig;
using Desec.Zone.Wire;

namespace Desec.Zone.Messages;

/// <summary>What a message does with an RRset that does not fit in its answer or authority section.</summary>
public enum MessageOverflow : byte
{
    /// <summary>A single response: set TC and refuse every later record (RFC 2181 §9, RFC 1035 §4.1.1).</summary>
    Truncate,

    /// <summary>
    /// One message of a stream (AXFR/IXFR, RFC 5936 §2.2): the record is refused, the message ends
    /// without TC, and the caller puts the record into the next message.
    /// </summary>
    NextMessage,
}

/// <summary>
/// Writes one DNS message section by section, in the order RFC 1035 §4.1 gives them: header,
/// question, answer, authority, additional, then the OPT record (RFC 6891), then (by the caller,
/// over the finished message) TSIG (RFC 8945 §5.1). Every record names its section; a write to a
/// section earlier than one already written throws at once, so that the order of sections is a
/// property of the writer, not a convention of its callers.
/// </summary>
/// <remarks>
/// RRsets go in whole or not at all (RFC 2181 §9). With <see cref="MessageOverflow.Truncate"/>,
/// an answer or authority RRset that does not fit sets TC and refuses every later record; an
/// additional-section RRset that does not fit is left out, unless the caller says the response
/// is incomplete without it (<see cref="MarkTruncated"/>, RFC 9471 §3 for glue). The header is
/// written last, by <see cref="Finish"/>, from the typed fields. Nothing is allocated: the
/// buffer and the compression table are the caller's spans.
/// </remarks>
public ref struct MessageWriter
{
    private DnsMessageWriter _wire;
    private readonly MessageOverflow _overflow;
    private MessageSection _section;
    private ushort _id;
    private Opcode _opcode;
    private HeaderFlags _flags;
    private Rcode _rcode;
    private int _questions, _answers, _authorities, _additionals;
    private int _reserved;
    private int _tsigReserved;

    /// <param name="buffer">Where the message goes.</param>
    /// <param name="compressionTable">Scratch for offsets of names already written (64 entries is plenty for an answer).</param>
    /// <param name="limit">The most octets the whole message may have, the OPT and TSIG records included.</param>
    public MessageWriter(Span<byte> buffer, Span<ushort> compressionTable, int limit, MessageOverflow overflow = MessageOverflow.Truncate)
    {
        _wire = new DnsMessageWriter(buffer, compressionTable) { Limit = limit };
        _overflow = overflow;
        _section = MessageSection.Header;
    }

    /// <summary>The section written last.</summary>
    public readonly MessageSection Section => _section;

    public readonly HeaderFlags Flags => _flags;

    public readonly Rcode Rcode => _rcode;

    public readonly Opcode Opcode => _opcode;

    /// <summary>An RRset that had to be in the message did not fit: TC is set and later records are refused.</summary>
    public bool Truncated { readonly get; private set; }

    public readonly int Position => _wire.Position;

    public readonly int AnswerCount => _answers;
    public readonly int AuthorityCount => _authorities;
    public readonly int AdditionalCount => _additionals;

    /// <summary>
    /// Begins the message. The header's octets are kept free and written by <see cref="Finish"/>,
    /// so flags and RCODE may change until then.
    /// </summary>
    public void Start(ushort id, Opcode opcode, HeaderFlags flags)
    {
        if (_section != MessageSection.Header) { throw OutOfOrder(MessageSection.Header); }
        _id = id;
        _opcode = opcode;
        _flags = flags;
        if (!_wire.TryWriteBytes(stackalloc byte[MessageHeader.Length]))
        {
            throw new InvalidOperationException("the buffer cannot hold a message header");
        }
        _section = MessageSection.Question;
    }

    /// <summary>
    /// Keeps <paramref name="octets"/> free at the end for what is written after the records: the
    /// OPT record (released again by <see cref="TryWriteOpt"/>) and the TSIG record (signed over the
    /// finished message by the caller).
    /// </summary>
    public void Reserve(int octets)
    {
        _wire.ReserveTail(octets);
        _reserved += octets;
    }

    /// <summary>
    /// Keeps the room of <paramref name="tsig"/>'s record free at the end (RFC 8945 §5.3: the
    /// signature is the last thing written), for <see cref="Finish(TsigContext, DateTimeOffset)"/>.
    /// Call before writing records; nothing is kept without TSIG.
    /// </summary>
    public void ReserveTsig(TsigContext tsig)
    {
        int octets = tsig.MaxRecordLength - _tsigReserved;
        if (octets <= 0) { return; }
        _wire.ReserveTail(octets);
        _tsigReserved += octets;
    }

    public void SetFlags(HeaderFlags flags) => _flags |= flags;

    public void ClearFlags(HeaderFlags flags) => _flags &= ~flags;

    /// <summary>The response code; an extended code (above 15) needs an OPT record (RFC 6891 §6.1.3).</summary>
    public void SetRcode(Rcode rcode) => _rcode = rcode;

    /// <summary>
    /// Writes one question entry (RFC 1035 §4.1.2). The name is written as given, letter case
    /// included (RFC 4343 §4: the question is echoed as the querier wrote it), and becomes a target
    /// for the compression of later names.
    /// </summary>
    public bool TryWriteQuestion(scoped ReadOnlySpan<byte> name, ushort type, ushort @class)
    {
        if (_section != MessageSection.Question) { throw OutOfOrder(MessageSection.Question); }
        var mark = _wire.Mark();
        if (!_wire.TryWriteName(name, compress: false) || !_wire.TryWriteUInt16(type) || !_wire.TryWriteUInt16(@class))
        {
            _wire.Rollback(mark);
            return false;
        }
        _questions++;
        return true;
    }

    /// <summary>Writes the one question of a request exactly as received (an uncompressed name, type and class).</summary>
    public bool TryCopyQuestion(scoped ReadOnlySpan<byte> question)
    {
        if (_section != MessageSection.Question) { throw OutOfOrder(MessageSection.Question); }
        int start = _wire.Position;
        if (!_wire.TryWriteBytes(question)) { return false; }
        _wire.RememberNameAt(start);
        _questions++;
        return true;
    }

    /// <summary>Adds a whole RRset under its own owner name and TTL.</summary>
    public bool TryAdd(MessageSection section, RRset set) => TryAdd(section, set.Owner.Wire, set, set.Ttl);

    /// <summary>
    /// Adds a whole RRset to <paramref name="section"/> under <paramref name="owner"/> (the query
    /// name for an answer synthesized from a wildcard) with <paramref name="ttl"/>; false when it
    /// does not fit (see the remarks on truncation).
    /// </summary>
    public bool TryAdd(MessageSection section, scoped ReadOnlySpan<byte> owner, RRset set, uint ttl)
    {
        if (!Enter(section)) { return false; }
        var mark = _wire.Mark();
        var rdatas = set.Rdatas;
        for (int i = 0; i < rdatas.Count; i++)
        {
            if (!TryWriteRecord(owner, set.Type, RRClass.IN, ttl, rdatas[i]))
            {
                _wire.Rollback(mark);
                Overflowed(section);
                return false;
            }
        }
        Count(section, rdatas.Count);
        return true;
    }

    /// <summary>Adds one record (a CNAME synthesized from a DNAME, a record of a transfer); false when it does not fit.</summary>
    public bool TryAddRecord(MessageSection section, scoped ReadOnlySpan<byte> owner, ushort type, ushort @class, uint ttl,
        scoped ReadOnlySpan<byte> rdata)
    {
        if (!Enter(section)) { return false; }
        var mark = _wire.Mark();
        if (!TryWriteRecord(owner, type, @class, ttl, rdata))
        {
            _wire.Rollback(mark);
            Overflowed(section);
            return false;
        }
        Count(section, 1);
        return true;
    }

    /// <summary>A point to go back to: everything written after it can be undone with <see cref="RollbackTo"/>.</summary>
    public readonly MessageCheckpoint Checkpoint() =>
        new(_wire.Mark(), _section, _answers, _authorities, _additionals, Truncated);

    /// <summary>
    /// Undoes every record written since <paramref name="checkpoint"/> (a group of RRsets that
    /// must go in together or not at all, such as a whole IXFR answer over UDP, RFC 1995 §2).
    /// </summary>
    public void RollbackTo(in MessageCheckpoint checkpoint)
    {
        if (_section is MessageSection.Opt or MessageSection.Finished) { throw new InvalidOperationException("the records are closed; nothing can be undone"); }
        _wire.Rollback(checkpoint.Wire);
        _section = checkpoint.Section;
        _answers = checkpoint.Answers;
        _authorities = checkpoint.Authorities;
        _additionals = checkpoint.Additionals;
        Truncated = checkpoint.Truncated;
    }

    /// <summary>Marks the response incomplete for data that must be there but does not fit (glue, RFC 9471 §3).</summary>
    public void MarkTruncated()
    {
        if (_overflow != MessageOverflow.Truncate) { throw new InvalidOperationException("a message of a stream is never truncated"); }
        Truncated = true;
    }

    /// <summary>
    /// Writes the OPT record (RFC 6891 §6.1.2) after every other record, into the room kept for it
    /// with <see cref="Reserve"/>; the extended bits of <see cref="Rcode"/> go in it.
    /// </summary>
    public bool TryWriteOpt(scoped in OptRecord opt)
    {
        if (_section is < MessageSection.Question or > MessageSection.Additional) { throw OutOfOrder(MessageSection.Opt); }
        _section = MessageSection.Opt;
        int length = opt.Length;
        if (length <= _reserved)
        {
            _wire.ReleaseTail(length);
            _reserved -= length;
        }
        var mark = _wire.Mark();
        if (!opt.TryWrite(ref _wire, _rcode))
        {
            _wire.Rollback(mark);
            return false;
        }
        _additionals++;
        return true;
    }

    /// <summary>
    /// Ends the message: writes the header from the typed fields (TC when truncated) and returns
    /// the message's length. A message to be signed ends with <see cref="Finish(TsigContext, DateTimeOffset)"/>.
    /// </summary>
    public int Finish()
    {
        if (_section is MessageSection.Header or MessageSection.Finished) { throw OutOfOrder(MessageSection.Finished); }
        if (_rcode.IsExtended() && _section != MessageSection.Opt)
        {
            throw new InvalidOperationException($"RCODE {_rcode} needs an OPT record (RFC 6891 §6.1.3)");
        }
        _section = MessageSection.Finished;
        WriteHeader(_additionals);
        return _wire.Position;
    }

    /// <summary>
    /// Ends the message and signs it: the header is written, the MAC computed over the finished
    /// message, and the TSIG record appended as the very last record (RFC 8945 §5.1, §5.3), in the
    /// room kept by <see cref="ReserveTsig"/>. A TSIG error (BADKEY, BADSIG, BADTIME, BADTRUNC)
    /// makes the RCODE NOTAUTH (§5.2). Without TSIG this is <see cref="Finish()"/>.
    /// </summary>
    public int Finish(TsigContext tsig, DateTimeOffset now)
    {
        if (!tsig.SignsResponse) { return Finish(); }
        if (_tsigReserved < tsig.MaxRecordLength) { throw new InvalidOperationException("no room was kept for the TSIG record (ReserveTsig)"); }
        if (tsig.Error != TsigError.NoError) { _rcode = Rcode.NotAuth; }
        Finish();
        _wire.ReleaseTail(_tsigReserved);
        _tsigReserved = 0;
        if (!tsig.TryAppend(ref _wire, now)) { throw new InvalidOperationException("the TSIG record does not fit in the room kept for it"); }
        WriteHeader(_additionals + 1);
        return _wire.Position;
    }

    private void WriteHeader(int additionalCount)
    {
        var flags = Truncated ? _flags | HeaderFlags.TC : _flags;
        _wire.PatchUInt16(0, _id);
        _wire.PatchUInt16(2, MessageHeader.SecondWord(flags, _opcode, _rcode.HeaderBits()));
        _wire.PatchUInt16(4, (ushort)_questions);
        _wire.PatchUInt16(6, (ushort)_answers);
        _wire.PatchUInt16(8, (ushort)_authorities);
        _wire.PatchUInt16(10, (ushort)additionalCount);
    }

    /// <summary>Moves to <paramref name="section"/>; false when an earlier overflow refuses every later record.</summary>
    private bool Enter(MessageSection section)
    {
        if (section is < MessageSection.Answer or > MessageSection.Additional)
        {
            throw new ArgumentOutOfRangeException(nameof(section), section, "records go in the answer, authority or additional section");
        }
        if (_section is < MessageSection.Question || _section > section) { throw OutOfOrder(section); }
        _section = section;
        return !Truncated;
    }

    private readonly InvalidOperationException OutOfOrder(MessageSection section) => new(_section switch
    {
        MessageSection.Finished => "the message is already finished",
        MessageSection.Header => "the message is not started",
        _ => $"the {section} section cannot be written after the {_section} section (RFC 1035 §4.1)",
    });

    private void Overflowed(MessageSection section)
    {
        if (_overflow == MessageOverflow.Truncate && section != MessageSection.Additional) { Truncated = true; }
    }

    private void Count(MessageSection section, int records)
    {
        switch (section)
        {
            case MessageSection.Answer: _answers += records; break;
            case MessageSection.Authority: _authorities += records; break;
            default: _additionals += records; break;
        }
    }

    private bool TryWriteRecord(scoped ReadOnlySpan<byte> owner, ushort type, ushort @class, uint ttl, scoped ReadOnlySpan<byte> rdata)
    {
        if (!_wire.TryWriteName(owner) || !_wire.TryWriteUInt16(type) || !_wire.TryWriteUInt16(@class) || !_wire.TryWriteUInt32(ttl))
        {
            return false;
        }
        int lengthAt = _wire.Position;
        if (!_wire.TryWriteUInt16(0) || !RdataCompression.TryWrite(ref _wire, type, rdata)) { return false; }
        _wire.PatchUInt16(lengthAt, (ushort)(_wire.Position - lengthAt - 2));
        return true;
    }
}

/// <summary>What <see cref="MessageWriter.Checkpoint"/> remembers: the writer's position and counts.</summary>
public readonly record struct MessageCheckpoint(
    (int Position, int Names) Wire, MessageSection Section, int Answers, int Authorities, int Additionals, bool Truncated);
