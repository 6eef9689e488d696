using System.Buffers.Binary;
using Desec.Zone.Names;

namespace Desec.Zone.Rdata;

/// <summary>A growable buffer that RDATA codecs write canonical wire bytes into. Reusable after <see cref="Clear"/>.</summary>
public sealed class RdataBuilder
{
    private byte[] _buffer = new byte[512];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public byte[] ToArray() => Written.ToArray();

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Writes an uncompressed name, lower-cased when <paramref name="lowerCase"/> (RFC 4034 §6.2).</summary>
    public void WriteName(ReadOnlySpan<byte> wireName, bool lowerCase)
    {
        var target = Reserve(wireName.Length);
        wireName.CopyTo(target);
        if (lowerCase) { DnsName.LowerInPlace(target); }
    }

    public void WriteName(DnsName name, bool lowerCase) => WriteName(name.Wire, lowerCase);

    /// <summary>Overwrites two octets written earlier (a length known only afterwards).</summary>
    public void PatchUInt16(int position, ushort value) =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(position, 2), value);

    /// <summary>Overwrites one octet written earlier.</summary>
    public void PatchByte(int position, byte value) => _buffer[position] = value;

    /// <summary>Returns <paramref name="count"/> octets at the end to fill, growing the buffer as needed.</summary>
    public Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
