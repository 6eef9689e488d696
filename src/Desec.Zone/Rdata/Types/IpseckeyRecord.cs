using System.Globalization;
using System.Text;
using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// IPSECKEY (RFC 4025 §2, §3.1): precedence, gateway type (0 to 3), algorithm, the gateway in the
/// form its type sets (<see cref="Gateway"/>) and the public key in base64, which BIND requires in
/// text, and so do we (on the wire too, so that what is read can be printed and read back).
/// </summary>
public sealed class IpseckeyRecord : RdataCodec
{
    private static readonly BinaryRestField PublicKey = new("public key", BinaryEncoding.Base64);

    public override ushort Type => RRType.IPSECKEY;

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        output.WriteByte((byte)ParseByte(tokens, "precedence", byte.MaxValue));
        int type = (int)ParseByte(tokens, "gateway type", Gateway.MaxType);
        output.WriteByte((byte)type);
        output.WriteByte((byte)ParseByte(tokens, "algorithm", byte.MaxValue));
        Gateway.Parse(tokens, type, output, "gateway");
        PublicKey.Parse(tokens, output);
        tokens.ExpectEnd();
    }

    /// <summary>A decimal number from 0 to <paramref name="max"/>; shared with AMTRELAY.</summary>
    internal static uint ParseByte(RdataTokens tokens, string what, uint max)
    {
        var token = tokens.Next(what);
        if (token.Quoted || !PresentationText.TryParseUInt(token.Text, max, out uint value))
        {
            throw tokens.Error(token, $"expected {what} (an integer from 0 to {max}), found '{token.Text}'");
        }
        return value;
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int end = reader.Position + length;
        if (length < 3 || length > reader.Remaining) { throw new DnsWireException(reader.Position, "IPSECKEY RDATA too short"); }
        var head = reader.ReadBytes(3);
        if (head[1] > Gateway.MaxType) { throw new DnsWireException(end - length, $"IPSECKEY gateway type {head[1]} (RFC 4025 §2.3 defines 0 to 3)"); }
        output.WriteBytes(head);
        Gateway.Read(ref reader, head[1], output);
        if (reader.Position > end) { throw new DnsWireException(end, "IPSECKEY gateway runs past the RDATA length"); }
        PublicKey.Read(ref reader, end, output);
    }

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        output.Append(CultureInfo.InvariantCulture, $"{rdata[0]} {rdata[1]} {rdata[2]} ");
        int position = 3;
        Gateway.Format(rdata, ref position, rdata[1], output);
        output.Append(' ');
        PublicKey.Format(rdata, ref position, output);
    }
}
