using System.Globalization;
using System.Text;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// The type bit map of NXT (RFC 2535 §5.2): bit n (counting from the most significant bit of the
/// first octet) is set when type n exists, for types 1 to 127, and the map ends at its last
/// non-zero octet. In text the types are mnemonics, <c>TYPEnnn</c> or plain numbers, as BIND reads
/// them; printed as mnemonics, and as plain numbers where there is none, as BIND prints them.
/// </summary>
public sealed class OldTypeBitmapField(string name) : RdataField(name)
{
    private const int MaxType = 127;

    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        Span<byte> bitmap = stackalloc byte[(MaxType + 1) / 8];
        int used = 0;
        while (!tokens.AtEnd)
        {
            var token = tokens.Next(Name);
            if (token.Quoted || !TypeField.TryParseTypeOrNumber(token.Text, out ushort type) || type is 0 or > MaxType)
            {
                throw tokens.Error(token, $"bad {Name}: '{token.Text}' is not a type from 1 to {MaxType} (RFC 2535 §5.2)");
            }
            bitmap[type / 8] |= (byte)(0x80 >> (type % 8));
            used = Math.Max(used, type / 8 + 1);
        }
        output.WriteBytes(bitmap[..used]);
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        int start = reader.Position;
        if (end < start) { throw new DnsWireException(end, $"{Name} runs past the RDATA length"); }
        var bitmap = reader.ReadBytes(end - start);
        // Bit 0 stands for no type; a trailing zero octet or a bit beyond type 127 has no meaning.
        if (bitmap.Length > (MaxType + 1) / 8 || (bitmap.Length > 0 && (bitmap[^1] == 0 || (bitmap[0] & 0x80) != 0)))
        {
            throw new DnsWireException(start, $"bad {Name} (RFC 2535 §5.2)");
        }
        output.WriteBytes(bitmap);
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        var bitmap = rdata[position..];
        bool first = true;
        for (int type = 1; type < bitmap.Length * 8; type++)
        {
            if ((bitmap[type / 8] & (0x80 >> (type % 8))) == 0) { continue; }
            if (!first) { output.Append(' '); }
            string mnemonic = RRType.ToText((ushort)type);
            output.Append(mnemonic.StartsWith("TYPE", StringComparison.Ordinal) ? type.ToString(CultureInfo.InvariantCulture) : mnemonic);
            first = false;
        }
        // FieldRdataCodec put a space before this field; an empty map would leave it trailing.
        if (first && output.Length > 0 && output[^1] == ' ') { output.Length--; }
        position = rdata.Length;
    }
}
