using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// A 64-bit ILNP node identifier or locator (RFC 6742 §2.1, §2.3): four groups of one to four hex
/// digits joined by colons, with no <c>::</c> shorthand; printed without leading zeros, as BIND
/// prints it.
/// </summary>
public sealed class Locator64Field(string name) : RdataField(name)
{
    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next(Name);
        var groups = token.Text.Split(':');
        var octets = output.Reserve(8);
        bool ok = !token.Quoted && groups.Length == 4;
        for (int i = 0; ok && i < 4; i++)
        {
            if (groups[i].Length is < 1 or > 4
                || !ushort.TryParse(groups[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort group))
            {
                ok = false;
                break;
            }
            BinaryPrimitives.WriteUInt16BigEndian(octets[(2 * i)..], group);
        }
        if (!ok)
        {
            throw tokens.Error(token, $"expected {Name} as four groups of hex digits joined by ':' (RFC 6742), found '{token.Text}'");
        }
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        var octets = reader.ReadBytes(8);
        CheckEnd(ref reader, end, Name);
        output.WriteBytes(octets);
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        for (int i = 0; i < 4; i++)
        {
            if (i > 0) { output.Append(':'); }
            output.Append(BinaryPrimitives.ReadUInt16BigEndian(rdata[(position + 2 * i)..]).ToString("x", CultureInfo.InvariantCulture));
        }
        position += 8;
    }
}
