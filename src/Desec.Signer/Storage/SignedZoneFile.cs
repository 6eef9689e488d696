using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Desec.Signer.Denial;
using Desec.Signer.Signing;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Signer.Storage;

/// <summary>
/// The bytes of a signed version as kept in the state folder: a header saying what it was made from,
/// every record in wire form, and a SHA-256 over all of it at the end.
/// </summary>
/// <remarks>
/// Layout (integers big-endian; a string is a 16-bit length and UTF-8):
/// <code>
/// "DESECSZ" version(1)           8 octets
/// serial                         4
/// unsigned digest                32   (SigningInputs.UnsignedDigest)
/// keys, policy                   string, string (SigningInputs.Keys, SigningInputs.Policy)
/// written at                     8    (seconds since 1970, for people reading the file)
/// denial                         1    (0 NSEC, 1 NSEC3), then for NSEC3: hash(1) opt-out(1) iterations(2) salt length(1) salt
/// origin                         wire name
/// record count                   4
/// records                        owner marker(1: 0 = the previous record's owner, 1 = a wire name follows) [owner]
///                                type(2) TTL(4) RDATA length(2) RDATA; class IN
/// SHA-256 of everything above    32
/// </code>
/// Wire records load several times faster than presentation text, and the records come in
/// canonical order, so most owners are a one-octet back reference.
/// </remarks>
public sealed class SignedZoneFile
{
    private static ReadOnlySpan<byte> Magic => "DESECSZ\u0001"u8;
    private const int DigestLength = 32;

    public required uint Serial { get; init; }
    public required byte[] UnsignedDigest { get; init; }
    public required string Keys { get; init; }
    public required string Policy { get; init; }
    public required DateTimeOffset WrittenAt { get; init; }
    public required DenialMode Denial { get; init; }
    public Nsec3Parameters? Nsec3 { get; init; }
    public required DnsName Origin { get; init; }
    public required IReadOnlyList<ResourceRecord> Records { get; init; }

    public byte[] Encode()
    {
        var output = new ArrayBufferWriter(1 << 20);
        output.Write(Magic);
        output.U32(Serial);
        output.Write(UnsignedDigest);
        output.String(Keys);
        output.String(Policy);
        output.U64((ulong)WrittenAt.ToUnixTimeSeconds());
        output.U8(Denial == DenialMode.Nsec3 ? (byte)1 : (byte)0);
        if (Denial == DenialMode.Nsec3)
        {
            var p = Nsec3 ?? throw new InvalidOperationException("NSEC3 parameters are needed");
            output.U8(p.HashAlgorithm);
            output.U8(p.OptOut ? (byte)1 : (byte)0);
            output.U16(p.Iterations);
            output.U8((byte)p.Salt.Length);
            output.Write(p.Salt);
        }
        output.Write(Origin.Wire);
        output.U32((uint)Records.Count);
        DnsName? previous = null;
        foreach (var record in Records)
        {
            if (ReferenceEquals(record.Owner, previous) || (previous is not null && record.Owner.Wire.SequenceEqual(previous.Wire)))
            {
                output.U8(0);
            }
            else
            {
                output.U8(1);
                output.Write(record.Owner.Wire);
                previous = record.Owner;
            }
            output.U16(record.Type);
            output.U32(record.Ttl);
            output.U16((ushort)record.Rdata.Length);
            output.Write(record.Rdata);
        }
        output.Write(SHA256.HashData(output.Written));
        return output.Written.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are damaged or not such a file; the message says how.</exception>
    public static SignedZoneFile Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Magic.Length + DigestLength || !bytes.StartsWith(Magic[..7]))
        {
            throw new InvalidDataException("not a signed-zone file (no header)");
        }
        if (bytes[7] != Magic[7]) { throw new InvalidDataException($"signed-zone file format {bytes[7]}, this version reads {Magic[7]}"); }
        var content = bytes[..^DigestLength];
        if (!SHA256.HashData(content).AsSpan().SequenceEqual(bytes[^DigestLength..]))
        {
            throw new InvalidDataException("the SHA-256 checksum does not match: the file is damaged or cut short");
        }
        var reader = new Reader(content[Magic.Length..]);
        try
        {
            uint serial = reader.U32();
            byte[] unsignedDigest = reader.Bytes(DigestLength).ToArray();
            string keys = reader.String();
            string policy = reader.String();
            var writtenAt = DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(reader.U64(), 253402300799UL));
            var denial = reader.U8() switch
            {
                0 => DenialMode.Nsec,
                1 => DenialMode.Nsec3,
                var other => throw new InvalidDataException($"unknown denial mode {other}"),
            };
            Nsec3Parameters? nsec3 = null;
            if (denial == DenialMode.Nsec3)
            {
                byte hash = reader.U8();
                bool optOut = reader.U8() != 0;
                ushort iterations = reader.U16();
                byte[] salt = reader.Bytes(reader.U8()).ToArray();
                try { nsec3 = new Nsec3Parameters(iterations, salt, optOut, hash); }
                catch (ArgumentException e) { throw new InvalidDataException(e.Message); }
            }
            var origin = reader.Name();
            uint count = reader.U32();
            // Each record takes at least 9 octets: a count beyond that is damage, not a reason to allocate.
            if (count > reader.Remaining / 9) { throw new InvalidDataException($"{count} records cannot fit in the file"); }
            var records = new ResourceRecord[count];
            DnsName? owner = null;
            for (int i = 0; i < records.Length; i++)
            {
                switch (reader.U8())
                {
                    case 0 when owner is not null: break;
                    case 1: owner = reader.Name(); break;
                    default: throw new InvalidDataException($"record {i}: bad owner marker");
                }
                ushort type = reader.U16();
                uint ttl = reader.U32();
                byte[] rdata = reader.Bytes(reader.U16()).ToArray();
                records[i] = new ResourceRecord(owner!, type, ttl, rdata);
            }
            if (reader.Remaining != 0) { throw new InvalidDataException($"{reader.Remaining} octets follow the last record"); }
            return new SignedZoneFile
            {
                Serial = serial, UnsignedDigest = unsignedDigest, Keys = keys, Policy = policy, WrittenAt = writtenAt,
                Denial = denial, Nsec3 = nsec3, Origin = origin, Records = records,
            };
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"malformed content: {e.Message}");
        }
    }

    /// <summary>Reads the content front to back; running past the end is an <see cref="InvalidDataException"/>.</summary>
    private ref struct Reader(ReadOnlySpan<byte> content)
    {
        private readonly ReadOnlySpan<byte> _content = content;
        private int _position;

        public readonly int Remaining => _content.Length - _position;

        public ReadOnlySpan<byte> Bytes(int length)
        {
            if (length > Remaining) { throw new InvalidDataException("the file ends in the middle of a field"); }
            var span = _content.Slice(_position, length);
            _position += length;
            return span;
        }

        public byte U8() => Bytes(1)[0];
        public ushort U16() => BinaryPrimitives.ReadUInt16BigEndian(Bytes(2));
        public uint U32() => BinaryPrimitives.ReadUInt32BigEndian(Bytes(4));
        public ulong U64() => BinaryPrimitives.ReadUInt64BigEndian(Bytes(8));
        public string String() => Encoding.UTF8.GetString(Bytes(U16()));

        public DnsName Name()
        {
            int length = 0;
            while (length < Remaining && _content[_position + length] != 0) { length += 1 + _content[_position + length]; }
            if (length >= Remaining) { throw new InvalidDataException("a name runs past the end of the file"); }
            try { return DnsName.FromWire(Bytes(length + 1)); }
            catch (FormatException e) { throw new InvalidDataException($"bad name: {e.Message}"); }
        }
    }

    /// <summary>A growing byte buffer with big-endian writers.</summary>
    private sealed class ArrayBufferWriter(int capacity)
    {
        private byte[] _buffer = new byte[capacity];
        private int _length;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        private Span<byte> Take(int count)
        {
            if (_length + count > _buffer.Length) { Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count)); }
            var span = _buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }

        public void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));
        public void U8(byte value) => Take(1)[0] = value;
        public void U16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Take(2), value);
        public void U32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);
        public void U64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Take(8), value);

        public void String(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length > ushort.MaxValue) { throw new ArgumentException("a header string is at most 65535 octets"); }
            U16((ushort)bytes.Length);
            Write(bytes);
        }
    }
}
