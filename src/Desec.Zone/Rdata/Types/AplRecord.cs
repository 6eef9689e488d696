using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// APL (RFC 3123 §4, §5): zero or more address prefixes, each written <c>[!]afi:address/prefix</c>
/// for address family 1 (IPv4) or 2 (IPv6), as BIND reads them. On the wire each is the family,
/// the prefix length, the negation bit with the length of the address part, and the address part,
/// the address without its trailing zero octets (§4); bits beyond the prefix are kept as written.
/// </summary>
public sealed class AplRecord : RdataCodec
{
    private const ushort IPv4 = 1, IPv6 = 2;
    private const byte Negation = 0x80;

    public override ushort Type => RRType.APL;

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        Span<byte> address = stackalloc byte[16];
        while (!tokens.AtEnd)
        {
            var token = tokens.Next("address prefix");
            string text = token.Text;
            bool negated = text.StartsWith('!');
            int colon = text.IndexOf(':'), slash = text.LastIndexOf('/');
            ushort family = 0;
            uint prefix = 0;
            bool ok = !token.Quoted && colon > (negated ? 1 : 0) && slash > colon
                && ushort.TryParse(text.AsSpan((negated ? 1 : 0)..colon), NumberStyles.None, CultureInfo.InvariantCulture, out family)
                && family is IPv4 or IPv6
                && AddressField.TryParse(text[(colon + 1)..slash], family == IPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6, address)
                && PresentationText.TryParseUInt(text.AsSpan(slash + 1), family == IPv4 ? 32u : 128u, out prefix);
            if (!ok)
            {
                throw tokens.Error(token, $"expected an address prefix as [!]1:IPv4/prefix or [!]2:IPv6/prefix (RFC 3123 §5), found '{text}'");
            }
            var part = address[..(family == IPv4 ? 4 : 16)].TrimEnd((byte)0);
            output.WriteUInt16(family);
            output.WriteByte((byte)prefix);
            output.WriteByte((byte)((negated ? Negation : 0) | part.Length));
            output.WriteBytes(part);
        }
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int end = reader.Position + length;
        if (length > reader.Remaining) { throw new DnsWireException(reader.Position, "APL RDATA runs past the end"); }
        while (reader.Position < end)
        {
            int start = reader.Position;
            if (end - start < 4) { throw new DnsWireException(start, "APL item too short"); }
            ushort family = reader.ReadUInt16();
            byte prefix = reader.ReadByte();
            byte lengthOctet = reader.ReadByte();
            int partLength = lengthOctet & ~Negation;
            int size = family == IPv4 ? 4 : family == IPv6 ? 16 : 0;
            if (size == 0 || prefix > size * 8 || partLength > size || reader.Position + partLength > end)
            {
                throw new DnsWireException(start, $"bad APL item: family {family}, prefix {prefix}, address part of {partLength} octets (RFC 3123 §4)");
            }
            var part = reader.ReadBytes(partLength);
            if (partLength > 0 && part[^1] == 0) { throw new DnsWireException(start, "APL address part ends in a zero octet (RFC 3123 §4)"); }
            output.WriteUInt16(family);
            output.WriteByte(prefix);
            output.WriteByte(lengthOctet);
            output.WriteBytes(part);
        }
    }

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        Span<byte> address = stackalloc byte[16];
        int position = 0;
        while (position < rdata.Length)
        {
            int family = rdata[position] << 8 | rdata[position + 1];
            int prefix = rdata[position + 2];
            int partLength = rdata[position + 3] & ~Negation;
            if (position > 0) { output.Append(' '); }
            if ((rdata[position + 3] & Negation) != 0) { output.Append('!'); }
            output.Append(family.ToString(CultureInfo.InvariantCulture)).Append(':');
            address.Clear();
            rdata.Slice(position + 4, partLength).CopyTo(address);
            if (family == IPv4) { AddressField.AppendIPv4(output, address[..4]); }
            else { AddressField.AppendIPv6(output, address); }
            output.Append('/').Append(prefix.ToString(CultureInfo.InvariantCulture));
            position += 4 + partLength;
        }
    }
}
