namespace Desec.Auth.Query;

/// <summary>
/// The parts of a request the answerer needs, as offsets into the request so that nothing is
/// copied or allocated. The question name is at <see cref="QuestionOffset"/> (always 12) and is
/// uncompressed: nothing precedes it that a pointer could reach.
/// </summary>
public struct ParsedQuery
{
    public ushort Id;
    public ushort Flags;
    public byte Opcode;
    public int QuestionOffset;
    public int QuestionNameLength;
    /// <summary>Offset just past the question; 0 when the question could not be read.</summary>
    public int QuestionEnd;
    public ushort QType;
    public ushort QClass;

    public bool HasEdns;
    /// <summary>Requestor's UDP payload size, raised to 512 when smaller (RFC 6891 §6.2.3).</summary>
    public ushort UdpPayloadSize;
    public byte EdnsVersion;
    /// <summary>DO bit (RFC 3225).</summary>
    public bool DnssecOk;
    /// <summary>An empty NSID option was sent (RFC 5001 §2.1).</summary>
    public bool NsidRequested;

    /// <summary>The additional section holds a TSIG record (RFC 8945), to be verified before answering.</summary>
    public bool HasTsig;

    public readonly bool RecursionDesired => (Flags & DnsHeader.RD) != 0;
    public readonly bool CheckingDisabled => (Flags & DnsHeader.CD) != 0;
}
