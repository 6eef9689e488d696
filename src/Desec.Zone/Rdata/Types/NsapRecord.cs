using System.Text;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// NSAP: an OSI network service access point address (RFC 1706 §5), written <c>0x</c> and hex
/// digits, with dots anywhere after the <c>0x</c> for readability; printed in lower case without
/// dots, as BIND prints it.
/// </summary>
public sealed class NsapRecord : RdataCodec
{
    public override ushort Type => RRType.NSAP;

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next("NSAP address");
        string digits = token.Text.Length > 2 ? token.Text[2..].Replace(".", "", StringComparison.Ordinal) : "";
        byte[] octets = [];
        bool ok = !token.Quoted && token.Text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && digits.Length > 0
            && TryHex(digits, out octets);
        if (!ok) { throw tokens.Error(token, $"expected the NSAP address as 0x and an even number of hex digits (RFC 1706 §5), found '{token.Text}'"); }
        output.WriteBytes(octets);
        tokens.ExpectEnd();
    }

    private static bool TryHex(string digits, out byte[] octets)
    {
        try { octets = Convert.FromHexString(digits); return true; }
        catch (FormatException) { octets = []; return false; }
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        if (length == 0) { throw new DnsWireException(reader.Position, "empty NSAP address"); }
        output.WriteBytes(reader.ReadBytes(length));
    }

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output) =>
        output.Append("0x").Append(Convert.ToHexStringLower(rdata));
}
