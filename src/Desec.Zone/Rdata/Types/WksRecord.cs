using System.Globalization;
using System.Text;
using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// WKS: an IPv4 address, an IP protocol and a bit map of the ports served (RFC 1035 §3.4.2): bit n,
/// counting from the most significant bit of the first octet, stands for port n. In text the
/// protocol is a number or TCP or UDP and the ports are numbers; BIND also takes names from the
/// system's services and protocols files, which a zone should not depend on, so those are refused
/// here. The map ends at the octet of the highest port; printed with numbers.
/// </summary>
public sealed class WksRecord : RdataCodec
{
    private const byte Tcp = 6, Udp = 17;

    public override ushort Type => RRType.WKS;

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        var address = tokens.Next("address");
        if (address.Quoted || !AddressField.TryParseIPv4(address.Text, output.Reserve(4)))
        {
            throw tokens.Error(address, $"bad address '{address.Text}'");
        }
        var protocol = tokens.Next("protocol");
        if (protocol.Quoted || ProtocolNumber(protocol.Text) is not { } number)
        {
            throw tokens.Error(protocol, $"expected the protocol as a number from 0 to 255, TCP or UDP, found '{protocol.Text}'");
        }
        output.WriteByte(number);
        var bitmap = new byte[8192];
        int used = 0;
        while (!tokens.AtEnd)
        {
            var port = tokens.Next("port");
            if (port.Quoted || !PresentationText.TryParseUInt(port.Text, ushort.MaxValue, out uint value))
            {
                throw tokens.Error(port, $"expected a port number from 0 to 65535, found '{port.Text}' (service names depend on the system and are not read)");
            }
            bitmap[value / 8] |= (byte)(0x80 >> (int)(value % 8));
            used = Math.Max(used, (int)value / 8 + 1);
        }
        output.WriteBytes(bitmap.AsSpan(0, used));
    }

    private static byte? ProtocolNumber(string text) =>
        PresentationText.TryParseUInt(text, byte.MaxValue, out uint number) ? (byte)number
        : text.Equals("tcp", StringComparison.OrdinalIgnoreCase) ? Tcp
        : text.Equals("udp", StringComparison.OrdinalIgnoreCase) ? Udp
        : null;

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int start = reader.Position;
        if (length < 5 || length > 5 + 8192) { throw new DnsWireException(start, $"WKS RDATA of {length} octets (RFC 1035 §3.4.2)"); }
        var rdata = reader.ReadBytes(length);
        // The text form cannot write a zero octet at the end of the map; refused, so that what is read prints and reads back.
        if (length > 5 && rdata[^1] == 0) { throw new DnsWireException(start, "WKS bit map ends in a zero octet"); }
        output.WriteBytes(rdata);
    }

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        AddressField.AppendIPv4(output, rdata[..4]);
        output.Append(' ').Append(rdata[4].ToString(CultureInfo.InvariantCulture));
        var bitmap = rdata[5..];
        for (int port = 0; port < bitmap.Length * 8; port++)
        {
            if ((bitmap[port / 8] & (0x80 >> (port % 8))) != 0) { output.Append(' ').Append(port.ToString(CultureInfo.InvariantCulture)); }
        }
    }
}
