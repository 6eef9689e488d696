using System.Globalization;
using System.Text;
using Desec.Zone.Names;
using Desec.Zone.Rdata.Fields;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// A6 (RFC 2874 §3.1): a prefix length from 0 to 128; unless it is 128, the low 128 - length bits
/// of an IPv6 address in as few octets as hold them, the pad bits above them zero (BIND clears the
/// bits a written address has there, and so do we); unless it is 0, the name of the prefix,
/// never compressed and lower-cased in canonical form (RFC 4034 §6.2).
/// </summary>
public sealed class A6Record : RdataCodec
{
    private const int AddressBits = 128;

    public override ushort Type => RRType.A6;

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        int prefixLength = (int)IpseckeyRecord.ParseByte(tokens, "prefix length", AddressBits);
        output.WriteByte((byte)prefixLength);
        if (prefixLength < AddressBits)
        {
            var token = tokens.Next("address suffix");
            Span<byte> address = stackalloc byte[16];
            if (token.Quoted || !AddressField.TryParseIPv6(token.Text, address))
            {
                throw tokens.Error(token, $"bad address suffix '{token.Text}'");
            }
            var suffix = address[(prefixLength / 8)..];
            suffix[0] &= (byte)(0xFF >> (prefixLength % 8));
            output.WriteBytes(suffix);
        }
        if (prefixLength > 0)
        {
            var token = tokens.Next("prefix name");
            if (token.Quoted) { throw tokens.Error(token, "bad prefix name: a name cannot be quoted"); }
            if (!DnsName.TryParse(token.Text, tokens.Origin, out var name, out var error))
            {
                throw tokens.Error(token, $"bad prefix name '{token.Text}': {error}");
            }
            output.WriteName(name, lowerCase: true);
        }
        tokens.ExpectEnd();
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int start = reader.Position, end = start + length;
        if (length < 1 || length > reader.Remaining) { throw new DnsWireException(start, "A6 RDATA too short"); }
        int prefixLength = reader.ReadByte();
        if (prefixLength > AddressBits) { throw new DnsWireException(start, $"A6 prefix length {prefixLength} above 128"); }
        output.WriteByte((byte)prefixLength);
        if (prefixLength < AddressBits)
        {
            var suffix = reader.ReadBytes(SuffixLength(prefixLength));
            if ((suffix[0] & ~(0xFF >> (prefixLength % 8))) != 0) { throw new DnsWireException(start + 1, "A6 pad bits are not zero (RFC 2874 §3.1.1)"); }
            output.WriteBytes(suffix);
        }
        if (prefixLength > 0)
        {
            Span<byte> buffer = stackalloc byte[DnsName.MaxLength];
            int n = reader.ReadName(buffer, allowCompression: false);
            output.WriteName(buffer[..n], lowerCase: true);
        }
        if (reader.Position != end) { throw new DnsWireException(end, "A6 fields do not fill the RDATA"); }
    }

    private static int SuffixLength(int prefixLength) => 16 - prefixLength / 8;

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        int prefixLength = rdata[0];
        output.Append(prefixLength.ToString(CultureInfo.InvariantCulture));
        int position = 1;
        if (prefixLength < AddressBits)
        {
            Span<byte> address = stackalloc byte[16];
            int n = SuffixLength(prefixLength);
            rdata.Slice(position, n).CopyTo(address[(16 - n)..]);
            output.Append(' ');
            AddressField.AppendIPv6(output, address);
            position += n;
        }
        if (prefixLength > 0)
        {
            output.Append(' ');
            DnsName.AppendTo(output, rdata[position..]);
        }
    }
}
