namespace Desec.Zone.Messages;

/// <summary>
/// Response codes (RFC 6895 §2.3). Values up to 15 fit in the header; larger ones are extended
/// RCODEs, whose upper eight bits travel in the OPT record (RFC 6891 §6.1.3). The TSIG errors
/// (BADSIG to BADTRUNC) share the registry but appear in the TSIG record's Error field only
/// (RFC 8945 §5.2), never as a message RCODE: see <see cref="TsigError"/>.
/// </summary>
public enum Rcode : ushort
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NXDomain = 3,
    NotImp = 4,
    Refused = 5,
    /// <summary>A name that should not exist does (RFC 2136; RFC 6672 §2.2 for an overlong DNAME rewrite).</summary>
    YXDomain = 6,
    YXRRset = 7,
    NXRRset = 8,
    NotAuth = 9,
    NotZone = 10,
    /// <summary>EDNS version not supported (RFC 6891 §9): 0 in the header, 1 in the OPT record.</summary>
    BadVers = 16,
    /// <summary>Bad or missing server cookie (RFC 7873 §8).</summary>
    BadCookie = 23,
}

/// <summary>The Error field of a TSIG record (RFC 8945 §4.2, §5.2).</summary>
public enum TsigError : ushort
{
    NoError = 0,
    BadSig = 16,
    BadKey = 17,
    BadTime = 18,
    BadTrunc = 22,
}

public static class RcodeExtensions
{
    /// <summary>The four bits that go in the header.</summary>
    public static byte HeaderBits(this Rcode rcode) => (byte)((ushort)rcode & 0xF);

    /// <summary>The upper eight bits that go in the OPT record's EXTENDED-RCODE field (RFC 6891 §6.1.3).</summary>
    public static byte ExtendedBits(this Rcode rcode) => (byte)((ushort)rcode >> 4);

    /// <summary>Whether the code needs an OPT record to be expressed.</summary>
    public static bool IsExtended(this Rcode rcode) => (ushort)rcode > 0xF;

    /// <summary>The full code from the header's bits and the OPT record's extended bits.</summary>
    public static Rcode Combine(byte headerBits, byte extendedBits) => (Rcode)((extendedBits << 4) | (headerBits & 0xF));
}
