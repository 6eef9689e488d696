using Desec.Zone.Names;
using Desec.Zone.Wire;

namespace Desec.Zone.Messages;

/// <summary>One resource record of a message (RFC 1035 §4.1.3), as offsets and spans into the message.</summary>
public readonly ref struct RecordView
{
    /// <summary>Offset of the owner name, which may be compressed: read it with <see cref="ReadOwner"/>.</summary>
    public int Start { get; init; }
    public ushort Type { get; init; }
    public ushort Class { get; init; }
    public uint Ttl { get; init; }

    /// <summary>Offset of the RDATA in the message (names in it may point backwards).</summary>
    public int RdataOffset { get; init; }
    public ReadOnlySpan<byte> Rdata { get; init; }

    /// <summary>Writes the owner name uncompressed into <paramref name="destination"/> and returns its length.</summary>
    public int ReadOwner(ReadOnlySpan<byte> message, Span<byte> destination) => new DnsWireReader(message, Start).ReadName(destination);

    /// <summary>A reader over the RDATA that can follow compression pointers into the rest of the message.</summary>
    public DnsWireReader RdataReader(ReadOnlySpan<byte> message) => new(message[..(RdataOffset + Rdata.Length)], RdataOffset);
}

/// <summary>Walks <c>count</c> records from an offset, checking that each is whole (RFC 1035 §4.1.3).</summary>
public ref struct RecordCursor
{
    private readonly ReadOnlySpan<byte> _message;
    private int _remaining;

    public RecordCursor(ReadOnlySpan<byte> message, int position, int count)
    {
        _message = message;
        Position = position;
        _remaining = count;
    }

    /// <summary>Where the next record starts.</summary>
    public int Position { get; private set; }

    public readonly int Remaining => _remaining;

    /// <summary>The next record; false when all were read.</summary>
    public bool TryNext(out RecordView record)
    {
        if (_remaining == 0)
        {
            record = default;
            return false;
        }
        record = Next();
        return true;
    }

    /// <summary>The next record; <see cref="DnsWireException"/> when it runs past the end or none is left.</summary>
    public RecordView Next()
    {
        if (_remaining == 0) { throw new DnsWireException(Position, "no record left"); }
        var reader = new DnsWireReader(_message, Position);
        Span<byte> scratch = stackalloc byte[DnsName.MaxLength];
        int start = reader.Position;
        reader.ReadName(scratch);
        ushort type = reader.ReadUInt16();
        ushort @class = reader.ReadUInt16();
        uint ttl = reader.ReadUInt32();
        int rdataLength = reader.ReadUInt16();
        int rdataOffset = reader.Position;
        var rdata = reader.ReadBytes(rdataLength);
        Position = reader.Position;
        _remaining--;
        return new RecordView { Start = start, Type = type, Class = @class, Ttl = ttl, RdataOffset = rdataOffset, Rdata = rdata };
    }
}
