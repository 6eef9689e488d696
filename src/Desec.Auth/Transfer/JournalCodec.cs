using System.Buffers.Binary;
using System.Security.Cryptography;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Auth.Transfer;

/// <summary>
/// One journal entry on disk, a frame: its payload length (4 octets), a checksum (the first 4 octets
/// of SHA-256 over the payload) and the payload: the two serials, the time written (seconds since
/// 1970, 8 octets), then the records removed and those added, each list as a count and records in
/// wire form (uncompressed owner, type, TTL, RDATA length, RDATA). A frame that is cut short or whose
/// checksum does not match (a torn write at a crash) ends the readable part of a file.
/// </summary>
internal static class JournalCodec
{
    public const int FrameHeader = 8;

    public static byte[] Frame(Journal.Entry entry)
    {
        var payload = Encode(entry);
        var frame = new byte[FrameHeader + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), Checksum(payload));
        payload.CopyTo(frame, FrameHeader);
        return frame;
    }

    /// <summary>
    /// Reads the frame at the start of <paramref name="bytes"/>: its entry and its length, or null when
    /// it is incomplete, fails its checksum or does not decode.
    /// </summary>
    public static (Journal.Entry Entry, int Length)? TryRead(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < FrameHeader) { return null; }
        int length = BinaryPrimitives.ReadInt32BigEndian(bytes);
        uint checksum = BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]);
        if (length < 0 || length > bytes.Length - FrameHeader) { return null; }
        var payload = bytes.Slice(FrameHeader, length);
        if (Checksum(payload) != checksum) { return null; }
        try { return (Decode(payload), FrameHeader + length); }
        catch (Exception e) when (e is ArgumentException or FormatException or IndexOutOfRangeException) { return null; }
    }

    private static uint Checksum(ReadOnlySpan<byte> payload)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    private static byte[] Encode(Journal.Entry entry)
    {
        var output = new MemoryStream();
        var number = new byte[4];
        void U32(uint v) { BinaryPrimitives.WriteUInt32BigEndian(number, v); output.Write(number); }
        void U16(ushort v) { BinaryPrimitives.WriteUInt16BigEndian(number, v); output.Write(number, 0, 2); }
        U32(entry.FromSerial);
        U32(entry.ToSerial);
        U32((uint)(entry.Written.ToUnixTimeSeconds() >> 32));
        U32((uint)entry.Written.ToUnixTimeSeconds());
        foreach (var list in new[] { entry.Removed, entry.Added })
        {
            U32((uint)list.Count);
            foreach (var r in list)
            {
                output.Write(r.Owner.Wire);
                U16(r.Type);
                U32(r.Ttl);
                U16((ushort)r.Rdata.Length);
                output.Write(r.Rdata);
            }
        }
        return output.ToArray();
    }

    private static Journal.Entry Decode(ReadOnlySpan<byte> payload)
    {
        int pos = 0;
        uint U32(ReadOnlySpan<byte> p) { uint v = BinaryPrimitives.ReadUInt32BigEndian(p[pos..]); pos += 4; return v; }
        ushort U16(ReadOnlySpan<byte> p) { ushort v = BinaryPrimitives.ReadUInt16BigEndian(p[pos..]); pos += 2; return v; }
        uint from = U32(payload), to = U32(payload);
        long written = ((long)U32(payload) << 32) | U32(payload);
        var lists = new List<ResourceRecord>[2];
        for (int l = 0; l < 2; l++)
        {
            uint count = U32(payload);
            lists[l] = new List<ResourceRecord>((int)Math.Min(count, 100_000));
            for (uint i = 0; i < count; i++)
            {
                int nameLength = DnsName.WireLength(payload[pos..]);
                var owner = DnsName.FromWire(payload.Slice(pos, nameLength));
                pos += nameLength;
                ushort type = U16(payload);
                uint ttl = U32(payload);
                int rdLength = U16(payload);
                lists[l].Add(new ResourceRecord(owner, type, ttl, payload.Slice(pos, rdLength).ToArray()));
                pos += rdLength;
            }
        }
        if (pos != payload.Length) { throw new FormatException("journal entry has trailing octets"); }
        return new Journal.Entry(from, to, lists[0], lists[1], DateTimeOffset.FromUnixTimeSeconds(written));
    }
}
