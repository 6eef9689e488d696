using Desec.Zone.Records;
using Desec.Zone.Wire;

namespace Desec.Zone.Messages;

/// <summary>
/// An OPT record to write (RFC 6891 §6.1.2): the UDP payload size, the DO bit (RFC 3225 §3), the
/// version, and the options: NSID (RFC 5001), COOKIE (RFC 7873), PADDING (RFC 7830). The extended
/// RCODE comes from the message's RCODE (RFC 6891 §6.1.3). A response echoes DO and speaks version
/// 0; a query (a client's, in tests and tools) may ask for the NSID with an empty option. Options
/// are spans, so writing one allocates nothing.
/// </summary>
public readonly ref struct OptRecord
{
    /// <summary>Octets of the fixed part: root owner, TYPE, CLASS, TTL, RDLENGTH.</summary>
    public const int FixedLength = 11;

    /// <summary>Octets of an option's code and length (RFC 6891 §6.1.2).</summary>
    private const int OptionHeaderLength = 4;

    public ushort UdpPayloadSize { get; init; }
    public bool DnssecOk { get; init; }

    /// <summary>The EDNS version: 0, the only one we speak; another only to test a peer (RFC 6891 §6.1.3).</summary>
    public byte Version { get; init; }

    /// <summary>NSID option data (RFC 5001 §2.3); empty sends no NSID option, unless <see cref="AskNsid"/>.</summary>
    public ReadOnlySpan<byte> Nsid { get; init; }

    /// <summary>Sends an empty NSID option, as a query asks for the server's identifier (RFC 5001 §2.1).</summary>
    public bool AskNsid { get; init; }

    /// <summary>COOKIE option data, client cookie then server cookie (RFC 7873 §4); empty sends none.</summary>
    public ReadOnlySpan<byte> Cookie { get; init; }

    /// <summary>Octets of zeros in a PADDING option (RFC 7830 §3); negative sends no PADDING option.</summary>
    public int PaddingLength { get; init; }

    public OptRecord()
    {
        UdpPayloadSize = 1232;
        PaddingLength = -1;
    }

    private bool SendsNsid => !Nsid.IsEmpty || AskNsid;

    /// <summary>The octets this OPT record takes in the message.</summary>
    public int Length => FixedLength + (SendsNsid ? OptionHeaderLength + Nsid.Length : 0) + OptionLength(Cookie.Length)
        + (PaddingLength >= 0 ? OptionHeaderLength + PaddingLength : 0);

    private static int OptionLength(int dataLength) => dataLength > 0 ? OptionHeaderLength + dataLength : 0;

    /// <summary>Writes the record; false without room (the caller reserved <see cref="Length"/> octets, so this is a bug).</summary>
    internal bool TryWrite(ref DnsMessageWriter writer, Rcode rcode)
    {
        int rdataLength = Length - FixedLength;
        return writer.TryWriteByte(0) // the root
            && writer.TryWriteUInt16(RRType.OPT)
            && writer.TryWriteUInt16(UdpPayloadSize)
            && writer.TryWriteByte(rcode.ExtendedBits())
            && writer.TryWriteByte(Version)
            && writer.TryWriteUInt16(DnssecOk ? EdnsRequest.DnssecOkBit : (ushort)0)
            && writer.TryWriteUInt16((ushort)rdataLength)
            && (!SendsNsid || TryWriteOption(ref writer, EdnsOptionCode.Nsid, Nsid))
            && (Cookie.IsEmpty || TryWriteOption(ref writer, EdnsOptionCode.Cookie, Cookie))
            && TryWritePadding(ref writer, PaddingLength);
    }

    private static bool TryWriteOption(ref DnsMessageWriter writer, ushort code, ReadOnlySpan<byte> data) =>
        writer.TryWriteUInt16(code) && writer.TryWriteUInt16((ushort)data.Length) && writer.TryWriteBytes(data);

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
