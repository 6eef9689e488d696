using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Tsig;
using Desec.Zone.Wire;

namespace Desec.Zone.Messages;

/// <summary>The question of a message (RFC 1035 §4.1.2), as spans into the message.</summary>
public readonly ref struct Question
{
    /// <summary>The name as received (letter case kept), uncompressed.</summary>
    public ReadOnlySpan<byte> Name { get; init; }
    public ushort Type { get; init; }
    public ushort Class { get; init; }

    /// <summary>Name, type and class as they stand in the message, to be echoed in the response.</summary>
    public ReadOnlySpan<byte> Wire { get; init; }

    public bool IsEmpty => Wire.IsEmpty;
}

/// <summary>
/// Reads a DNS message once, front to back: the header (<see cref="TryStart"/>), the question
/// (<see cref="ReadQuestion"/>), then every record (<see cref="ReadRecords"/>), keeping what a
/// server acts on: the OPT record and its options (RFC 6891) and the TSIG record (RFC 8945).
/// Malformed input raises <see cref="DnsWireException"/> with the offset; what was read before
/// it stays readable, so that a FORMERR can still echo the question. Nothing is allocated.
/// </summary>
public ref struct MessageReader
{
    private readonly ReadOnlySpan<byte> _message;
    private int _position;

    private MessageReader(ReadOnlySpan<byte> message, MessageHeader header)
    {
        _message = message;
        Header = header;
        _position = MessageHeader.Length;
        Tsig = TsigRecord.None;
    }

    /// <summary>Reads the header; false when the message is shorter than one (RFC 1035 §4.1.1: such input is dropped).</summary>
    public static bool TryStart(ReadOnlySpan<byte> message, out MessageReader reader)
    {
        if (!MessageHeader.TryRead(message, out var header))
        {
            reader = default;
            return false;
        }
        reader = new MessageReader(message, header);
        return true;
    }

    /// <summary>Reads the whole message (header, question, records); <see cref="DnsWireException"/> when it is malformed or short.</summary>
    public static MessageReader ReadAll(ReadOnlySpan<byte> message)
    {
        if (!TryStart(message, out var reader)) { throw new DnsWireException(message.Length, "shorter than a DNS header"); }
        reader.ReadQuestion();
        reader.ReadRecords();
        return reader;
    }

    /// <summary>Reads the whole message; false when it is malformed or short (a peer's answer that is not worth a reason).</summary>
    public static bool TryReadAll(ReadOnlySpan<byte> message, out MessageReader reader)
    {
        try
        {
            reader = ReadAll(message);
            return true;
        }
        catch (DnsWireException)
        {
            reader = default;
            return false;
        }
    }

    public readonly ReadOnlySpan<byte> Message => _message;

    public MessageHeader Header { get; }

    /// <summary>The first question; empty until <see cref="ReadQuestion"/> has read one.</summary>
    public Question Question { get; private set; }

    /// <summary>Where the answer, authority and additional sections start; known after <see cref="ReadRecords"/>.</summary>
    public int AnswerStart { get; private set; }
    public int AuthorityStart { get; private set; }
    public int AdditionalStart { get; private set; }

    /// <summary>The OPT record's fields and options; <see cref="EdnsRequest.Present"/> is false without one.</summary>
    public EdnsRequest Edns { get; private set; }

    /// <summary>The TSIG record, which is the last record when present (RFC 8945 §5.1).</summary>
    public TsigRecord Tsig { get; private set; }

    /// <summary>
    /// Reads the question section. A question name may not be compressed: nothing precedes it that
    /// a pointer could reach. Every question is checked; the first is kept.
    /// </summary>
    public void ReadQuestion()
    {
        var reader = new DnsWireReader(_message, _position);
        Span<byte> scratch = stackalloc byte[DnsName.MaxLength];
        for (int i = 0; i < Header.QuestionCount; i++)
        {
            int start = reader.Position;
            int nameLength = reader.ReadName(scratch, allowCompression: false);
            ushort type = reader.ReadUInt16();
            ushort @class = reader.ReadUInt16();
            if (i == 0)
            {
                Question = new Question
                {
                    Name = _message.Slice(start, nameLength),
                    Type = type,
                    Class = @class,
                    Wire = _message[start..reader.Position],
                };
            }
        }
        _position = reader.Position;
        AnswerStart = _position;
    }

    /// <summary>
    /// Reads every record after the question: each must be whole; the additional section may hold
    /// one OPT record, owned by the root (RFC 6891 §6.1.1), and a TSIG record only as its very last
    /// record (RFC 8945 §5.1); nothing may follow the last record. Call after <see cref="ReadQuestion"/>.
    /// </summary>
    public void ReadRecords()
    {
        if (AnswerStart == 0) { throw new InvalidOperationException("read the question first"); }
        var records = new RecordCursor(_message, _position, Header.AnswerCount + Header.AuthorityCount + Header.AdditionalCount);
        for (int i = 0; i < Header.AnswerCount + Header.AuthorityCount; i++)
        {
            if (i == Header.AnswerCount) { AuthorityStart = records.Position; }
            var record = records.Next();
            if (record.Type is RRType.OPT or RRType.TSIG)
            {
                throw new DnsWireException(record.Start, $"{RRType.ToText(record.Type)} record outside the additional section (RFC 6891 §6.1.1, RFC 8945 §5.1)");
            }
        }
        if (Header.AuthorityCount == 0) { AuthorityStart = records.Position; }
        AdditionalStart = records.Position;
        for (int i = 0; i < Header.AdditionalCount; i++)
        {
            var record = records.Next();
            if (record.Type == RRType.OPT)
            {
                if (Edns.Present) { throw new DnsWireException(record.Start, "a second OPT record (RFC 6891 §6.1.1)"); }
                if (_message[record.Start] != 0) { throw new DnsWireException(record.Start, "OPT record not owned by the root (RFC 6891 §6.1.2)"); }
                Edns = EdnsRequest.Read(record);
            }
            else if (record.Type == RRType.TSIG)
            {
                if (i != Header.AdditionalCount - 1) { throw new DnsWireException(record.Start, "TSIG record not the last record (RFC 8945 §5.1)"); }
                Tsig = TsigRecord.Read(_message, record);
            }
        }
        _position = records.Position;
        if (_position != _message.Length) { throw new DnsWireException(_position, $"{_message.Length - _position} octets after the last record"); }
    }

    /// <summary>The records of one section, to walk again after <see cref="ReadRecords"/> (the client's SOA of an IXFR request).</summary>
    public readonly RecordCursor Section(MessageSection section) => section switch
    {
        MessageSection.Answer => new RecordCursor(_message, AnswerStart, Header.AnswerCount),
        MessageSection.Authority => new RecordCursor(_message, AuthorityStart, Header.AuthorityCount),
        MessageSection.Additional => new RecordCursor(_message, AdditionalStart, Header.AdditionalCount),
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "records are in the answer, authority or additional section"),
    };
}
