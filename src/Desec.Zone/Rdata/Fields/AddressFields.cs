using System.Net;
using System.Net.Sockets;
using System.Text;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>An IPv4 (4 octets, dotted quad) or IPv6 (16 octets, RFC 4291/5952 text) address.</summary>
public sealed class AddressField(string name, AddressFamily family) : RdataField(name)
{
    private int Size => family == AddressFamily.InterNetwork ? 4 : 16;

    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next(Name);
        if (token.Quoted || !TryParse(token.Text, family, output.Reserve(Size)))
        {
            throw tokens.Error(token, $"bad {Name} '{token.Text}'");
        }
    }

    /// <summary>Strict parsing: IPv4 as exactly four decimal octets (no shorthand like <c>10.1</c>), IPv6 without a zone.</summary>
    public static bool TryParse(string text, AddressFamily family, Span<byte> destination)
    {
        if (family == AddressFamily.InterNetwork)
        {
            var parts = text.Split('.');
            if (parts.Length != 4) { return false; }
            for (int i = 0; i < 4; i++)
            {
                if (parts[i].Length > 3 || !PresentationText.TryParseUInt(parts[i], 255, out uint v)) { return false; }
                destination[i] = (byte)v;
            }
            return true;
        }
        if (!text.Contains(':') || text.Contains('%') || !IPAddress.TryParse(text, out var address)
            || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        return address.TryWriteBytes(destination, out _);
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        var bytes = reader.ReadBytes(Size);
        CheckEnd(ref reader, end, Name);
        output.WriteBytes(bytes);
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        output.Append(new IPAddress(rdata.Slice(position, Size)).ToString());
        position += Size;
    }
}
