using System.Buffers.Binary;
using System.Text;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// A 16-bit RR type written as its mnemonic or as <c>TYPEnnn</c> (RFC 3597 §5), as in the RRSIG
/// "type covered" field (RFC 4034 §3.2), or, as BIND also reads it, as a plain number. Printed as
/// the mnemonic when there is one.
/// </summary>
public sealed class TypeField(string name) : RdataField(name)
{
    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next(Name);
        if (token.Quoted || !TryParseTypeOrNumber(token.Text, out ushort type))
        {
            throw tokens.Error(token, $"expected {Name} (a type mnemonic, TYPEnnn or a number), found '{token.Text}'");
        }
        output.WriteUInt16(type);
    }

    /// <summary>A mnemonic, <c>TYPEnnn</c> or a plain number from 0 to 65535.</summary>
    internal static bool TryParseTypeOrNumber(string text, out ushort type)
    {
        if (RRType.TryParse(text, out type)) { return true; }
        bool isNumber = PresentationText.TryParseUInt(text, ushort.MaxValue, out uint number);
        type = (ushort)number;
        return isNumber;
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
