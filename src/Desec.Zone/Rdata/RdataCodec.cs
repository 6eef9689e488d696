using System.Text;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata;

/// <summary>
/// Converts one RR type's RDATA between presentation format, message wire format (possibly
/// compressed) and the canonical form kept in memory: uncompressed wire bytes, with names
/// lower-cased for the types RFC 4034 §6.2 lists (as amended by RFC 6840 §5.1).
/// One subclass per type, one file per type.
/// </summary>
public abstract class RdataCodec
{
    public abstract ushort Type { get; }

    /// <summary>Parses the RDATA words of one record into canonical wire bytes.</summary>
    public abstract void ParseText(RdataTokens tokens, RdataBuilder output);

    /// <summary>
    /// Reads <paramref name="length"/> RDATA octets from a message (following compression pointers
    /// where the type allows them), checks their structure, and writes the canonical form.
    /// Throws <see cref="DnsWireException"/> when the RDATA is malformed.
    /// </summary>
    public abstract void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output);

    /// <summary>Appends the presentation form of canonical RDATA (which <see cref="ReadWire"/> or <see cref="ParseText"/> produced).</summary>
    public abstract void Format(ReadOnlySpan<byte> rdata, StringBuilder output);
}
