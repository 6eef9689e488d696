using System.Text;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// The type bit maps that end NSEC, NSEC3 and CSYNC RDATA (RFC 4034 §4.1.2, RFC 5155 §3.2.1,
/// RFC 7477 §2.1.3): every remaining word is a type mnemonic or <c>TYPEnnn</c>, in any order.
/// With <paramref name="allowEmpty"/> it may list no type: an NSEC3 for an empty non-terminal
/// has none (RFC 5155 §3.2.1, §7.1), and neither may a CSYNC. An NSEC always lists at least NSEC
/// itself (RFC 4034 §4.1.2), and BIND refuses an empty one.
/// </summary>
public sealed class TypeBitmapField(string name, bool allowEmpty) : RdataField(name)
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
        if (types.Count == 0 && !allowEmpty) { throw tokens.Error($"expected {Name} (at least one type), found the end of the record"); }
        output.WriteBytes(TypeBitmap.Encode(types));
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        int start = reader.Position;
        if (end < start) { throw new DnsWireException(end, $"{Name} runs past the RDATA length"); }
        var bitmap = reader.ReadBytes(end - start);
        if (bitmap.IsEmpty && !allowEmpty) { throw new DnsWireException(start, $"{Name} is empty"); }
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
