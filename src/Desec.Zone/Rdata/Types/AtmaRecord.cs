using System.Text;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// ATMA: an ATM address (ATM Forum AF-DANS-0152.000, as BIND reads it): a format octet, then for
/// format 1 (E.164) the digits in ASCII, written <c>+</c> and digits, and for format 0 (AESA) the
/// octets, written in hex with dots anywhere for readability. Printed without dots, in lower case.
/// </summary>
public sealed class AtmaRecord : RdataCodec
{
    private const byte Aesa = 0, E164 = 1;

    public override ushort Type => RRType.ATMA;

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next("ATM address");
        string text = token.Text;
        if (!token.Quoted && text.Length > 1 && text[0] == '+' && !text.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            output.WriteByte(E164);
            output.WriteBytes(Encoding.ASCII.GetBytes(text[1..]));
        }
        else
        {
            string digits = text.Replace(".", "", StringComparison.Ordinal);
            byte[] octets;
            try { octets = token.Quoted || digits.Length == 0 ? throw new FormatException() : Convert.FromHexString(digits); }
            catch (FormatException)
            {
                throw tokens.Error(token, $"expected the ATM address as + and E.164 digits or as an even number of hex digits, found '{text}'");
            }
            output.WriteByte(Aesa);
            output.WriteBytes(octets);
        }
        tokens.ExpectEnd();
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int start = reader.Position;
        var rdata = reader.ReadBytes(length);
        bool ok = length >= 2 && (rdata[0] == Aesa || (rdata[0] == E164 && !rdata[1..].ContainsAnyExceptInRange((byte)'0', (byte)'9')));
        if (!ok) { throw new DnsWireException(start, "bad ATMA RDATA: format 0 with octets or format 1 with digits"); }
        output.WriteBytes(rdata);
    }

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        if (rdata[0] == E164) { output.Append('+').Append(Encoding.ASCII.GetString(rdata[1..])); }
        else { output.Append(Convert.ToHexStringLower(rdata[1..])); }
    }
}
