using System.Text;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// A length octet and up to 255 octets, written as one word of hex, or <c>-</c> when empty: the
/// NSEC3 and NSEC3PARAM salt (RFC 5155 §3.3, §4.3). Printed in upper case, as BIND does.
/// </summary>
public sealed class LengthPrefixedHexField(string name) : RdataField(name)
{
    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next(Name);
        if (token.Quoted) { throw tokens.Error(token, $"expected {Name} in hex or '-', found a quoted string"); }
        if (token.Text == "-")
        {
            output.WriteByte(0);
            return;
        }
        byte[] bytes;
        try { bytes = Convert.FromHexString(token.Text); }
        catch (FormatException) { throw tokens.Error(token, $"bad {Name} '{token.Text}': expected hex (an even number of digits) or '-'"); }
        if (bytes.Length > 255) { throw tokens.Error(token, $"{Name} longer than 255 octets"); }
        output.WriteByte((byte)bytes.Length);
        output.WriteBytes(bytes);
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        int length = reader.ReadByte();
        var bytes = reader.ReadBytes(length);
        CheckEnd(ref reader, end, Name);
        output.WriteByte((byte)length);
        output.WriteBytes(bytes);
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        int length = rdata[position];
        output.Append(length == 0 ? "-" : Convert.ToHexString(rdata.Slice(position + 1, length)));
        position += 1 + length;
    }
}
