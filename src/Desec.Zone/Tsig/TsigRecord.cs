using System.Buffers.Binary;
using Desec.Zone.Messages;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Desec.Zone.Tsig;

/// <summary>
/// A TSIG record as it stands in a message (RFC 8945 §4.2): the fields of its RDATA as values and
/// spans into the message. The owner (the key name) may be compressed; <see cref="ReadKeyName"/>
/// reads it. The algorithm name may not be (§4.2).
/// </summary>
public readonly ref struct TsigRecord
{
    /// <summary>TYPE, CLASS, TTL, RDLENGTH after the owner name.</summary>
    public const int FixedRecordFields = 10;

    /// <summary>RDATA octets besides the algorithm name, the MAC and Other Data: time (6), fudge, MAC size, original ID, error, other length.</summary>
    public const int FixedRdataFields = 6 + 2 + 2 + 2 + 2 + 2;

    /// <summary>Octets of Other Data in a BADTIME response: the server's time as a 48-bit number (§5.2.3).</summary>
    public const int BadTimeOtherLength = 6;

    /// <summary>No TSIG record.</summary>
    public static TsigRecord None => new() { Start = -1 };

    /// <summary>Offset of the record (its owner name) in the message; -1 when there is none.</summary>
    public int Start { get; init; }
    public bool Present => Start >= 0;
    public ReadOnlySpan<byte> AlgorithmName { get; init; }
    public ulong TimeSigned { get; init; }
    public ushort Fudge { get; init; }
    public ReadOnlySpan<byte> Mac { get; init; }
    public ushort OriginalId { get; init; }
    public TsigError Error { get; init; }
    public ReadOnlySpan<byte> OtherData { get; init; }

    /// <summary>Writes the key name uncompressed into <paramref name="destination"/> and returns its length.</summary>
    public int ReadKeyName(ReadOnlySpan<byte> message, Span<byte> destination) => new DnsWireReader(message, Start).ReadName(destination);

    /// <summary>Octets of a TSIG record with these parts.</summary>
    public static int Length(int keyNameLength, int algorithmNameLength, int macLength, int otherLength) =>
        keyNameLength + FixedRecordFields + algorithmNameLength + FixedRdataFields + macLength + otherLength;

    /// <summary>Reads the RDATA of <paramref name="record"/>; <see cref="DnsWireException"/> when it is malformed.</summary>
    public static TsigRecord Read(ReadOnlySpan<byte> message, RecordView record)
    {
        // §4.2: CLASS is ANY.
        if (record.Class != RRClass.ANY) { throw new DnsWireException(record.Start, "TSIG record of a class other than ANY (RFC 8945 §4.2)"); }
        var reader = record.RdataReader(message);
        Span<byte> scratch = stackalloc byte[DnsName.MaxLength];
        int algorithmStart = reader.Position;
        int algorithmLength = reader.ReadName(scratch, allowCompression: false);
        ulong timeSigned = ReadUInt48(reader.ReadBytes(6));
        ushort fudge = reader.ReadUInt16();
        var mac = reader.ReadBytes(reader.ReadUInt16());
        ushort originalId = reader.ReadUInt16();
        var error = (TsigError)reader.ReadUInt16();
        var other = reader.ReadBytes(reader.ReadUInt16());
        if (reader.Remaining != 0) { throw new DnsWireException(reader.Position, "TSIG RDATA longer than its fields"); }
        return new TsigRecord
        {
            Start = record.Start,
            AlgorithmName = message.Slice(algorithmStart, algorithmLength),
            TimeSigned = timeSigned,
            Fudge = fudge,
            Mac = mac,
            OriginalId = originalId,
            Error = error,
            OtherData = other,
        };
    }

    /// <summary>Writes a TSIG record at the writer's position; false without room. Names go in uncompressed, as given.</summary>
    internal static bool TryWrite(ref DnsMessageWriter writer, scoped ReadOnlySpan<byte> keyName, scoped ReadOnlySpan<byte> algorithmName,
        ulong timeSigned, ushort fudge, scoped ReadOnlySpan<byte> mac, ushort originalId, TsigError error, scoped ReadOnlySpan<byte> otherData)
    {
        int rdataLength = Length(0, algorithmName.Length, mac.Length, otherData.Length) - FixedRecordFields;
        var mark = writer.Mark();
        bool written = writer.TryWriteBytes(keyName)
            && writer.TryWriteUInt16(RRType.TSIG) && writer.TryWriteUInt16(RRClass.ANY) && writer.TryWriteUInt32(0)
            && writer.TryWriteUInt16((ushort)rdataLength)
            && writer.TryWriteBytes(algorithmName)
            && writer.TryWriteUInt16((ushort)(timeSigned >> 32)) && writer.TryWriteUInt32((uint)timeSigned)
            && writer.TryWriteUInt16(fudge)
            && writer.TryWriteUInt16((ushort)mac.Length) && writer.TryWriteBytes(mac)
            && writer.TryWriteUInt16(originalId) && writer.TryWriteUInt16((ushort)error)
            && writer.TryWriteUInt16((ushort)otherData.Length) && writer.TryWriteBytes(otherData);
        if (!written) { writer.Rollback(mark); }
        return written;
    }

    public static void WriteUInt48(Span<byte> destination, ulong value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)value);
    }

    public static ulong ReadUInt48(ReadOnlySpan<byte> source) =>
        ((ulong)BinaryPrimitives.ReadUInt16BigEndian(source) << 32) | BinaryPrimitives.ReadUInt32BigEndian(source[2..]);

    /// <summary>Seconds since the epoch, as TSIG counts time (§4.2), never negative.</summary>
    public static ulong UnixSeconds(DateTimeOffset time) => (ulong)Math.Max(0, time.ToUnixTimeSeconds());
}
