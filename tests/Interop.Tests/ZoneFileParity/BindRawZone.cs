using System.Buffers.Binary;
using Desec.Zone.Names;
using Desec.Zone.Rdata;
using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Interop.Tests.ZoneFileParity;

/// <summary>
/// Reads the zone BIND's <c>named-compilezone -F raw</c> wrote: the records exactly as BIND loaded
/// them, in wire form, so that the comparison does not go through anyone's presentation printer.
/// The file is a header (format 2 = raw, version 1, then four 32-bit fields: dump time, flags,
/// source serial, last transfer) and then one block per RRset: its total length, class, type,
/// covered type, TTL and record count, the owner as a length-prefixed wire name, and each
/// record's RDATA, length-prefixed. All numbers are big-endian.
/// </summary>
internal static class BindRawZone
{
    private const uint RawFormat = 2;
    private const uint Version = 1;
    private const int HeaderLength = 24;

    /// <summary>Every record, its RDATA put in our canonical form (RFC 4034 §6.2) by our wire codec for its type.</summary>
    public static List<ResourceRecord> Read(byte[] file)
    {
        var span = file.AsSpan();
        if (span.Length < HeaderLength || BinaryPrimitives.ReadUInt32BigEndian(span) != RawFormat
            || BinaryPrimitives.ReadUInt32BigEndian(span[4..]) != Version)
        {
            throw new InvalidDataException("not a BIND raw zone of format version 1");
        }
        var records = new List<ResourceRecord>();
        var canonical = new RdataBuilder();
        int position = HeaderLength;
        while (position < span.Length)
        {
            int blockEnd = position + (int)BinaryPrimitives.ReadUInt32BigEndian(span[position..]);
            ushort rrClass = BinaryPrimitives.ReadUInt16BigEndian(span[(position + 4)..]);
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(span[(position + 6)..]);
            uint ttl = BinaryPrimitives.ReadUInt32BigEndian(span[(position + 10)..]);
            int count = (int)BinaryPrimitives.ReadUInt32BigEndian(span[(position + 14)..]);
            int ownerLength = BinaryPrimitives.ReadUInt16BigEndian(span[(position + 18)..]);
            var owner = DnsName.FromWire(span.Slice(position + 20, ownerLength));
            if (rrClass != RRClass.IN) { throw new InvalidDataException($"class {rrClass} in a class IN zone"); }
            int at = position + 20 + ownerLength;
            for (int i = 0; i < count; i++)
            {
                int length = BinaryPrimitives.ReadUInt16BigEndian(span[at..]);
                var reader = new DnsWireReader(span.Slice(at + 2, length));
                canonical.Clear();
                RdataCodecs.ReadWire(type, ref reader, length, canonical);
                records.Add(new ResourceRecord(owner, type, ttl, canonical.ToArray()));
                at += 2 + length;
            }
            if (at != blockEnd) { throw new InvalidDataException($"RRset block at {position} does not end where its length says"); }
            position = blockEnd;
        }
        return records;
    }
}
