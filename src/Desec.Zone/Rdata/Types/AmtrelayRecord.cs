using System.Globalization;
using System.Text;
using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// AMTRELAY (RFC 8777 §4, §5): precedence, the discovery-optional bit D and the relay type in one
/// octet (D in the high bit, the type in the other seven), and the relay in the form its type sets
/// (<see cref="Gateway"/>). Types above 3 have no presentation form; BIND refuses them, and so do we.
/// </summary>
public sealed class AmtrelayRecord : RdataCodec
{
    private const byte DiscoveryOptional = 0x80;

    public override ushort Type => RRType.AMTRELAY;

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        output.WriteByte((byte)IpseckeyRecord.ParseByte(tokens, "precedence", byte.MaxValue));
        uint d = IpseckeyRecord.ParseByte(tokens, "discovery optional bit", 1);
        int type = (int)IpseckeyRecord.ParseByte(tokens, "relay type", Gateway.MaxType);
        output.WriteByte((byte)(d << 7 | (uint)type));
        Gateway.Parse(tokens, type, output, "relay");
        tokens.ExpectEnd();
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int start = reader.Position, end = start + length;
        if (length < 2 || length > reader.Remaining) { throw new DnsWireException(start, "AMTRELAY RDATA too short"); }
        var head = reader.ReadBytes(2);
        int type = head[1] & ~DiscoveryOptional;
        if (type > Gateway.MaxType) { throw new DnsWireException(start, $"AMTRELAY relay type {type} (RFC 8777 §4.2.3 defines 0 to 3)"); }
        output.WriteBytes(head);
        Gateway.Read(ref reader, type, output);
        if (reader.Position != end) { throw new DnsWireException(end, "AMTRELAY relay does not fill the RDATA"); }
    }

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        int type = rdata[1] & ~DiscoveryOptional;
        output.Append(CultureInfo.InvariantCulture, $"{rdata[0]} {rdata[1] >> 7} {type} ");
        int position = 2;
        Gateway.Format(rdata, ref position, type, output);
    }
}
