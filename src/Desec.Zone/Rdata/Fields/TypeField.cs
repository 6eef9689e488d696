using System.Buffers.Binary;
using System.Text;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// A 16-bit RR type written as its mnemonic or as <c>TYPEnnn</c> (RFC 3597 §5), as in the RRSIG
/// "type covered" field (RFC 4034 §3.2). Printed as the mnemonic when there is one.
/// </summary>
public sealed class TypeField(string name) : RdataField(name)
{
    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next(Name);
        if (token.Quoted || !RRType.TryParse(token.Text, out ushort type))
        {
            throw tokens.Error(token, $"expected {Name} (a type mnemonic or TYPEnnn), found '{token.Text}'");
        }
        output.WriteUInt16(type);
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        var bytes = reader.ReadBytes(2);
        CheckEnd(ref reader, end, Name);
        output.WriteBytes(bytes);
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        output.Append(RRType.ToText(BinaryPrimitives.ReadUInt16BigEndian(rdata[position..])));
        position += 2;
    }
}
