using System.Net.Sockets;
using System.Text;
using Desec.Zone.Names;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// The gateway of IPSECKEY (RFC 4025 §2.5) and the relay of AMTRELAY (RFC 8777 §4.2.4), whose
/// form an earlier type field sets: 0 none (written <c>.</c>), 1 an IPv4 address, 2 an IPv6
/// address, 3 a domain name (never compressed, case kept).
/// </summary>
internal static class Gateway
{
    public const int MaxType = 3;

    public static void Parse(RdataTokens tokens, int type, RdataBuilder output, string what)
    {
        var token = tokens.Next(what);
        switch (type)
        {
            case 0:
                if (token.Quoted || token.Text != ".") { throw tokens.Error(token, $"expected '.' for no {what} (type 0), found '{token.Text}'"); }
                break;
            case 1 or 2:
                var family = type == 1 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                if (token.Quoted || !AddressField.TryParse(token.Text, family, output.Reserve(type == 1 ? 4 : 16)))
                {
                    throw tokens.Error(token, $"bad {what} '{token.Text}': type {type} takes an {(type == 1 ? "IPv4" : "IPv6")} address");
                }
                break;
            default:
                if (token.Quoted) { throw tokens.Error(token, $"bad {what}: a name cannot be quoted"); }
                if (!DnsName.TryParse(token.Text, tokens.Origin, out var name, out var error))
                {
                    throw tokens.Error(token, $"bad {what} '{token.Text}': {error}");
                }
                output.WriteName(name, lowerCase: false);
                break;
        }
    }

    public static void Read(ref DnsWireReader reader, int type, RdataBuilder output)
    {
        switch (type)
        {
            case 0: break;
            case 1: output.WriteBytes(reader.ReadBytes(4)); break;
            case 2: output.WriteBytes(reader.ReadBytes(16)); break;
            default:
                Span<byte> buffer = stackalloc byte[DnsName.MaxLength];
                int n = reader.ReadName(buffer, allowCompression: false);
                output.WriteBytes(buffer[..n]);
                break;
        }
    }

    /// <summary>Prints the gateway at <paramref name="position"/> and advances past it.</summary>
    public static void Format(ReadOnlySpan<byte> rdata, ref int position, int type, StringBuilder output)
    {
        switch (type)
        {
            case 0: output.Append('.'); break;
            case 1: AddressField.AppendIPv4(output, rdata.Slice(position, 4)); position += 4; break;
            case 2: AddressField.AppendIPv6(output, rdata.Slice(position, 16)); position += 16; break;
            default:
                int n = DnsName.WireLength(rdata[position..]);
                DnsName.AppendTo(output, rdata.Slice(position, n));
                position += n;
                break;
        }
    }
}
