using System.Text;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// A length octet and 1 to 255 octets, written as one word of unpadded base32hex: the NSEC3 next
/// hashed owner name (RFC 5155 §3.2, §3.3). Accepted in any case, printed in lower case (the form
/// the hashed owner names take in the zone).
/// </summary>
public sealed class LengthPrefixedBase32HexField(string name) : RdataField(name)
{
    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next(Name);
        if (token.Quoted || !Base32Hex.TryDecode(token.Text, out var bytes))
        {
            throw tokens.Error(token, $"bad {Name} '{token.Text}': expected unpadded base32hex (RFC 4648 §7)");
        }
        if (bytes.Length is 0 or > 255) { throw tokens.Error(token, $"{Name} must hold 1 to 255 octets"); }
        output.WriteByte((byte)bytes.Length);
        output.WriteBytes(bytes);
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        int start = reader.Position;
        int length = reader.ReadByte();
        if (length == 0) { throw new DnsWireException(start, $"{Name} is empty"); }
        var bytes = reader.ReadBytes(length);
        CheckEnd(ref reader, end, Name);
        output.WriteByte((byte)length);
        output.WriteBytes(bytes);
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        int length = rdata[position];
        output.Append(Base32Hex.Encode(rdata.Slice(position + 1, length)));
        position += 1 + length;
    }
}
