using System.Globalization;
using System.Text;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// An EUI-48 or EUI-64 address (RFC 7043 §3.2, §4.2): 6 or 8 octets written as hex pairs joined
/// by hyphens (<c>00-00-5e-00-53-2a</c>). BIND also reads one hex digit for a pair; printed in
/// lower case, two digits each.
/// </summary>
public sealed class EuiField(string name, int size) : RdataField(name)
{
    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        var token = tokens.Next(Name);
        var parts = token.Text.Split('-');
        var octets = output.Reserve(size);
        bool ok = !token.Quoted && parts.Length == size;
        for (int i = 0; ok && i < size; i++)
        {
            ok = parts[i].Length is 1 or 2
                && byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out octets[i]);
        }
        if (!ok)
        {
            throw tokens.Error(token, $"expected {Name} as {size} hex pairs joined by '-' (RFC 7043), found '{token.Text}'");
        }
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        var octets = reader.ReadBytes(size);
        CheckEnd(ref reader, end, Name);
        output.WriteBytes(octets);
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        for (int i = 0; i < size; i++)
        {
            if (i > 0) { output.Append('-'); }
            output.Append(rdata[position + i].ToString("x2", CultureInfo.InvariantCulture));
        }
        position += size;
    }
}
