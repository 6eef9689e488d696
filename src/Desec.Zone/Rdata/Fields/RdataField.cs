using System.Text;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// One field of an RDATA layout. Most types are a fixed sequence of fields, and
/// <see cref="FieldRdataCodec"/> runs them in order for every conversion.
/// </summary>
public abstract class RdataField(string name)
{
    /// <summary>What the field is called in errors ("preference", "exchange", ...).</summary>
    public string Name { get; } = name;

    public abstract void Parse(RdataTokens tokens, RdataBuilder output);

    /// <summary>Reads the field from a message; must not read at or past <paramref name="end"/>.</summary>
    public abstract void Read(ref DnsWireReader reader, int end, RdataBuilder output);

    /// <summary>Prints the field from canonical RDATA at <paramref name="position"/> and advances past it.</summary>
    public abstract void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output);

    protected static void CheckEnd(ref DnsWireReader reader, int end, string what)
    {
        if (reader.Position > end) { throw new DnsWireException(end, $"{what} runs past the RDATA length"); }
    }
}
