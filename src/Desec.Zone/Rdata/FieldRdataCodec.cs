using System.Text;
using Desec.Zone.Rdata.Fields;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata;

/// <summary>A type whose RDATA is a fixed sequence of fields, printed separated by single spaces.</summary>
public abstract class FieldRdataCodec : RdataCodec
{
    protected abstract RdataField[] Fields { get; }

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        foreach (var field in Fields) { field.Parse(tokens, output); }
        tokens.ExpectEnd();
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int end = reader.Position + length;
        if (length > reader.Remaining) { throw new DnsWireException(reader.Position, "RDATA runs past the end"); }
        foreach (var field in Fields) { field.Read(ref reader, end, output); }
        if (reader.Position != end)
        {
            throw new DnsWireException(reader.Position, $"{end - reader.Position} octets left over in the RDATA");
        }
    }

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        int position = 0;
        for (int i = 0; i < Fields.Length; i++)
        {
            if (i > 0) { output.Append(' '); }
            Fields[i].Format(rdata, ref position, output);
        }
    }
}
