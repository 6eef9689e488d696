namespace Desec.Zone.Messages;

/// <summary>
/// The one-bit fields of the header's second word (RFC 1035 §4.1.1; AD and CD from RFC 4035
/// §3.2 and RFC 6840 §5.7-5.9). Opcode and RCODE share the word but are not flags: see
/// <see cref="MessageHeader"/>.
/// </summary>
[Flags]
public enum HeaderFlags : ushort
{
    None = 0,
    /// <summary>The message is a response.</summary>
    QR = 0x8000,
    /// <summary>Authoritative answer: describes the first owner name of the answer section (RFC 1035 §4.1.1).</summary>
    AA = 0x0400,
    /// <summary>Truncated: the whole answer did not fit (RFC 2181 §9).</summary>
    TC = 0x0200,
    /// <summary>Recursion desired: copied into the response.</summary>
    RD = 0x0100,
    /// <summary>Recursion available: never set by an authoritative-only server.</summary>
    RA = 0x0080,
    /// <summary>Reserved, zero in every message (RFC 1035 §4.1.1); read so that a header read and written again is unchanged (a TSIG MAC covers it).</summary>
    Z = 0x0040,
    /// <summary>Authentic data (RFC 4035 §3.2.3): an authoritative server leaves it clear.</summary>
    AD = 0x0020,
    /// <summary>Checking disabled: copied into the response (RFC 4035 §3.1.6).</summary>
    CD = 0x0010,
}
