namespace Desec.Zone.Messages;

/// <summary>EDNS(0) option codes this server reads or writes (RFC 6891 §6.1.2, IANA "DNS EDNS0 Option Codes").</summary>
public static class EdnsOptionCode
{
    /// <summary>Name server identifier (RFC 5001).</summary>
    public const ushort Nsid = 3;

    /// <summary>Client and server cookies (RFC 7873).</summary>
    public const ushort Cookie = 10;

    /// <summary>Padding (RFC 7830).</summary>
    public const ushort Padding = 12;

    /// <summary>Extended DNS error (RFC 8914).</summary>
    public const ushort ExtendedError = 15;
}
