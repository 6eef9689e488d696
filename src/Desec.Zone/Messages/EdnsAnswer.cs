using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Desec.Zone.Messages;

/// <summary>
/// The OPT record of a response (RFC 6891 §6.1.2): our UDP payload size, the DO bit echoed
/// (RFC 3225 §3), and the options to send. The extended RCODE comes from the message's RCODE;
/// the version is 0, the only one we speak (RFC 6891 §6.1.3). Options are spans, so writing one
/// allocates nothing.
/// </summary>
public readonly ref struct EdnsAnswer
{
    /// <summary>Octets of the fixed part: root owner, TYPE, CLASS, TTL, RDLENGTH.</summary>
    public const int FixedLength = 11;

    public ushort UdpPayloadSize { get; init; }
    public bool DnssecOk { get; init; }

    /// <summary>NSID option data (RFC 5001 §2.3); empty sends no NSID option.</summary>
    public ReadOnlySpan<byte> Nsid { get; init; }

    /// <summary>COOKIE option data, client cookie then server cookie (RFC 7873 §4); empty sends none.</summary>
    public ReadOnlySpan<byte> Cookie { get; init; }

    /// <summary>Octets of zeros in a PADDING option (RFC 7830 §3); negative sends no PADDING option.</summary>
    public int PaddingLength { get; init; }

    public EdnsAnswer()
    {
        UdpPayloadSize = 1232;
        PaddingLength = -1;
    }

    /// <summary>The octets this OPT record takes in the message.</summary>
    public int Length => FixedLength + OptionLength(Nsid.Length) + OptionLength(Cookie.Length) + (PaddingLength >= 0 ? 4 + PaddingLength : 0);

    private static int OptionLength(int dataLength) => dataLength > 0 ? 4 + dataLength : 0;

    /// <summary>Writes the record; false without room (the caller reserved <see cref="Length"/> octets, so this is a bug).</summary>
    internal bool TryWrite(ref DnsMessageWriter writer, Rcode rcode)
    {
        int rdataLength = Length - FixedLength;
        return writer.TryWriteByte(0) // the root
            && writer.TryWriteUInt16(RRType.OPT)
            && writer.TryWriteUInt16(UdpPayloadSize)
            && writer.TryWriteByte(rcode.ExtendedBits())
            && writer.TryWriteByte(0) // version
            && writer.TryWriteUInt16(DnssecOk ? (ushort)0x8000 : (ushort)0)
            && writer.TryWriteUInt16((ushort)rdataLength)
            && TryWriteOption(ref writer, EdnsOptionCode.Nsid, Nsid)
            && TryWriteOption(ref writer, EdnsOptionCode.Cookie, Cookie)
            && TryWritePadding(ref writer, PaddingLength);
    }

    private static bool TryWriteOption(ref DnsMessageWriter writer, ushort code, ReadOnlySpan<byte> data) =>
        data.IsEmpty || (writer.TryWriteUInt16(code) && writer.TryWriteUInt16((ushort)data.Length) && writer.TryWriteBytes(data));

    private static bool TryWritePadding(ref DnsMessageWriter writer, int length)
    {
        if (length < 0) { return true; }
        if (!writer.TryWriteUInt16(EdnsOptionCode.Padding) || !writer.TryWriteUInt16((ushort)length)) { return false; }
        for (int i = 0; i < length; i++)
        {
            if (!writer.TryWriteByte(0)) { return false; }
        }
        return true;
    }
}
