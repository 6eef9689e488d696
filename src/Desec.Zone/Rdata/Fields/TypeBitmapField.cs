using System.Text;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// The type bit maps that end NSEC, NSEC3 and CSYNC RDATA (RFC 4034 §4.1.2, RFC 5155 §3.2.1,
/// RFC 7477 §2.1.3): every remaining word is a type mnemonic or <c>TYPEnnn</c>, in any order.
/// It may be empty (an NSEC3 for an empty non-terminal has no types, RFC 5155 §7.1).
/// </summary>
public sealed class TypeBitmapField(string name) : RdataField(name)
{
    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var types = new List<ushort>();
        while (!tokens.AtEnd)
        {
            var token = tokens.Next(Name);
            if (token.Quoted || !RRType.TryParse(token.Text, out ushort type))
            {
                throw tokens.Error(token, $"bad {Name}: '{token.Text}' is not a type mnemonic or TYPEnnn");
            }
            types.Add(type);
        }
        output.WriteBytes(TypeBitmap.Encode(types));
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        int start = reader.Position;
        if (end < start) { throw new DnsWireException(end, $"{Name} runs past the RDATA length"); }
        var bitmap = reader.ReadBytes(end - start);
        if (TypeBitmap.Validate(bitmap) is { } problem)
        {
            throw new DnsWireException(start, $"bad {Name}: {problem}");
        }
        output.WriteBytes(bitmap);
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        var bitmap = rdata[position..];
        // FieldRdataCodec puts a space before every field; an empty bitmap prints nothing, so
        // that space would trail the RDATA.
        if (bitmap.IsEmpty && output.Length > 0 && output[^1] == ' ') { output.Length--; }
        TypeBitmap.Format(bitmap, output);
        position = rdata.Length;
    }
}
