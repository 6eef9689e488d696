using System.Buffers.Binary;

namespace Desec.Zone.Wire;

/// <summary>
/// Writes a DNS message into a caller's buffer, with name compression (RFC 1035 §4.1.4) and a
/// size limit. Every write is a Try: when it does not fit, nothing is written and the caller
/// rolls back to a <see cref="Mark"/> (so that an RRset is never cut in half) and sets TC.
/// Allocation-free: the compression table lives in a span the caller provides.
/// </summary>
public ref struct DnsMessageWriter
{
    /// <summary>Compression pointers hold 14-bit offsets.</summary>
    private const int MaxPointerOffset = 0x3FFF;

    private readonly Span<byte> _buffer;
    private readonly Span<ushort> _names;
    private int _position;
    private int _limit;
    private int _nameCount;

    /// <param name="buffer">Where the message goes.</param>
    /// <param name="compressionTable">Scratch for offsets of names already written; 64 entries is plenty.</param>
    public DnsMessageWriter(Span<byte> buffer, Span<ushort> compressionTable)
    {
        _buffer = buffer;
        _names = compressionTable;
        _limit = buffer.Length;
    }

    public readonly int Position => _position;

    /// <summary>The most octets the message may have (the UDP payload size, or 65,535 on TCP).</summary>
    public int Limit
    {
        readonly get => _limit;
        set => _limit = Math.Min(value, _buffer.Length);
    }

    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    /// <summary>A point to roll back to: position and compression table size.</summary>
    public readonly (int Position, int Names) Mark() => (_position, _nameCount);

    public void Rollback((int Position, int Names) mark)
    {
        _position = mark.Position;
        _nameCount = mark.Names;
    }

    /// <summary>Reserves room at the end of the message (the OPT record) that later writes must leave free.</summary>
    public void ReserveTail(int octets) => _limit -= octets;

    public void ReleaseTail(int octets) => _limit = Math.Min(_limit + octets, _buffer.Length);

    public bool TryWriteByte(byte value)
    {
        if (_position + 1 > _limit) { return false; }
        _buffer[_position++] = value;
        return true;
    }

    public bool TryWriteUInt16(ushort value)
    {
        if (_position + 2 > _limit) { return false; }
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
        return true;
    }

    public bool TryWriteUInt32(uint value)
    {
        if (_position + 4 > _limit) { return false; }
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
        return true;
    }

    public bool TryWriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        if (_position + bytes.Length > _limit) { return false; }
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
        return true;
    }

    /// <summary>Overwrites two octets already written (counts in the header, RDLENGTH).</summary>
    public readonly void PatchUInt16(int position, ushort value) =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[position..], value);

    public readonly ushort ReadUInt16At(int position) => BinaryPrimitives.ReadUInt16BigEndian(_buffer[position..]);

    /// <summary>
    /// Writes an uncompressed wire name. With <paramref name="compress"/>, the longest suffix
    /// already in the message becomes a pointer; either way, the name is remembered as a target
    /// for later names. Matching ignores ASCII case, so a pointer to the question keeps the
    /// querier's letter case (RFC 4343 §4).
    /// </summary>
    public bool TryWriteName(scoped ReadOnlySpan<byte> name, bool compress = true)
    {
        var mark = Mark();
        int known = _nameCount; // only names complete before this one are pointer targets
        int labelStart = 0;
        while (name[labelStart] != 0)
        {
            var suffix = name[labelStart..];
            if (compress && TryFindSuffix(suffix, known, out int target))
            {
                if (!TryWriteUInt16((ushort)(0xC000 | target))) { Rollback(mark); return false; }
                return true;
            }
            int length = name[labelStart];
            if (_position + 1 + length > _limit) { Rollback(mark); return false; }
            Remember(_position);
            name.Slice(labelStart, 1 + length).CopyTo(_buffer[_position..]);
            _position += 1 + length;
            labelStart += 1 + length;
        }
        if (!TryWriteByte(0)) { Rollback(mark); return false; }
        return true;
    }

    private void Remember(int offset)
    {
        if (offset <= MaxPointerOffset && _nameCount < _names.Length) { _names[_nameCount++] = (ushort)offset; }
    }

    private readonly bool TryFindSuffix(ReadOnlySpan<byte> suffix, int known, out int target)
    {
        for (int i = 0; i < known; i++)
        {
            if (NameAtEquals(_names[i], suffix))
            {
                target = _names[i];
                return true;
            }
        }
        target = 0;
        return false;
    }

    /// <summary>Compares the (possibly compressed) name at <paramref name="offset"/> in the message with an uncompressed name.</summary>
    private readonly bool NameAtEquals(int offset, ReadOnlySpan<byte> name)
    {
        int pos = offset, i = 0;
        for (int hops = 0; hops < 128; hops++)
        {
            byte length = _buffer[pos];
            if ((length & 0xC0) == 0xC0)
            {
                pos = ((length & 0x3F) << 8) | _buffer[pos + 1];
                continue;
            }
            if (length != name[i]) { return false; }
            if (length == 0) { return true; }
            if (!Names.DnsName.AsciiEqualsIgnoreCase(_buffer.Slice(pos + 1, length), name.Slice(i + 1, length))) { return false; }
            pos += 1 + length;
            i += 1 + length;
        }
        return false;
    }

    /// <summary>Remembers a name that the caller copied in itself (the question), for later pointers.</summary>
    public void RememberNameAt(int offset)
    {
        int pos = offset;
        while (_buffer[pos] != 0 && (_buffer[pos] & 0xC0) == 0)
        {
            Remember(pos);
            pos += 1 + _buffer[pos];
        }
    }
}
