using System.Buffers.Binary;
using Desec.Zone.Names;

namespace Desec.Zone.Wire;

/// <summary>
/// Reads a DNS message or RDATA over a span. Every read is bounds-checked and raises
/// <see cref="DnsWireException"/> with the offset; no other exception escapes.
/// </summary>
public ref struct DnsWireReader
{
    private readonly ReadOnlySpan<byte> _message;
    private int _position;

    /// <param name="message">The whole message, so that compression pointers can be followed.</param>
    /// <param name="position">Where reading starts.</param>
    public DnsWireReader(ReadOnlySpan<byte> message, int position = 0)
    {
        _message = message;
        _position = position;
    }

    public readonly int Position => _position;
    public readonly int Remaining => _message.Length - _position;
    public readonly ReadOnlySpan<byte> Message => _message;

    public byte ReadByte()
    {
        Need(1);
        return _message[_position++];
    }

    public ushort ReadUInt16()
    {
        Need(2);
        ushort v = BinaryPrimitives.ReadUInt16BigEndian(_message[_position..]);
        _position += 2;
        return v;
    }

    public uint ReadUInt32()
    {
        Need(4);
        uint v = BinaryPrimitives.ReadUInt32BigEndian(_message[_position..]);
        _position += 4;
        return v;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0) { throw new DnsWireException(_position, "negative length"); }
        Need(count);
        var span = _message.Slice(_position, count);
        _position += count;
        return span;
    }

    public void Skip(int count) => ReadBytes(count);

    /// <summary>
    /// Reads a possibly compressed name into <paramref name="destination"/> as uncompressed wire
    /// bytes and returns its length. Pointers must point strictly backwards (RFC 1035 §4.1.4), which
    /// also rules out loops; labels over 63 octets and names over 255 are refused.
    /// </summary>
    public int ReadName(scoped Span<byte> destination, bool allowCompression = true)
    {
        int length = 0;
        int pos = _position;
        int resumeAt = -1;
        int lowestPointerTarget = _position;
        while (true)
        {
            if (pos >= _message.Length) { throw new DnsWireException(pos, "name runs past the end"); }
            byte len = _message[pos];
            if (len == 0)
            {
                if (length + 1 > DnsName.MaxLength) { throw new DnsWireException(pos, "name longer than 255 octets"); }
                if (length >= destination.Length) { throw new DnsWireException(pos, "name longer than the buffer"); }
                destination[length++] = 0;
                pos++;
                break;
            }
            switch (len & 0xC0)
            {
                case 0xC0:
                    if (!allowCompression) { throw new DnsWireException(pos, "compression pointer where none is allowed"); }
                    if (pos + 1 >= _message.Length) { throw new DnsWireException(pos, "truncated compression pointer"); }
                    int target = ((len & 0x3F) << 8) | _message[pos + 1];
                    if (target >= lowestPointerTarget) { throw new DnsWireException(pos, "compression pointer does not point backwards"); }
                    if (resumeAt < 0) { resumeAt = pos + 2; }
                    lowestPointerTarget = target;
                    pos = target;
                    continue;
                case 0x00:
                    break;
                default:
                    throw new DnsWireException(pos, $"unsupported label type 0x{len & 0xC0:x2}");
            }
            if (pos + 1 + len > _message.Length) { throw new DnsWireException(pos, "label runs past the end"); }
            if (length + 1 + len + 1 > DnsName.MaxLength) { throw new DnsWireException(pos, "name longer than 255 octets"); }
            if (length + 1 + len >= destination.Length) { throw new DnsWireException(pos, "name longer than the buffer"); }
            _message.Slice(pos, 1 + len).CopyTo(destination[length..]);
            length += 1 + len;
            pos += 1 + len;
        }
        _position = resumeAt >= 0 ? resumeAt : pos;
        return length;
    }

    /// <summary>Reads a name and returns it as a <see cref="DnsName"/> (allocates).</summary>
    public DnsName ReadDnsName(bool allowCompression = true)
    {
        Span<byte> buffer = stackalloc byte[DnsName.MaxLength];
        int n = ReadName(buffer, allowCompression);
        return DnsName.FromWire(buffer[..n]);
    }

    private readonly void Need(int count)
    {
        if (count > _message.Length - _position)
        {
            throw new DnsWireException(_position, $"needs {count} more octets, {_message.Length - _position} left");
        }
    }
}
