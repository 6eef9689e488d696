using System.Globalization;
using System.Text;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// CAA: flags, property tag and value (RFC 8659 §4.1). The tag is one or more ASCII letters and
/// digits, written bare and kept in its letter case; the value fills the rest of the RDATA (no
/// length octet, so it may pass 255 octets) and is printed quoted as BIND does (§4.1.1).
/// RFC 8659 sets no upper bound on the tag length below the 255 its length octet allows (RFC 6844's
/// "SHOULD be no more than 15" is gone), and BIND accepts longer tags too, so neither do we.
/// </summary>
public sealed class CaaRecord : RdataCodec
{
    public override ushort Type => RRType.CAA;

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        var flags = tokens.Next("flags");
        if (flags.Quoted || !PresentationText.TryParseUInt(flags.Text, byte.MaxValue, out uint flagValue))
        {
            throw tokens.Error(flags, $"expected flags (an integer from 0 to 255), found '{flags.Text}'");
        }
        output.WriteByte((byte)flagValue);

        var tag = tokens.Next("tag");
        if (tag.Quoted || tag.Text.Length is 0 or > byte.MaxValue || !IsAlphanumeric(tag.Text))
        {
            throw tokens.Error(tag, $"expected a tag of 1 to 255 ASCII letters and digits (such as issue), found {tag}");
        }
        output.WriteByte((byte)tag.Text.Length);
        foreach (char c in tag.Text) { output.WriteByte((byte)c); }

        var value = tokens.Next("value");
        UriRecord.WriteRestString(tokens, value, "value", output, output.Length);
        tokens.ExpectEnd();
    }

    private static bool IsAlphanumeric(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c)) { return false; }
        }
        return true;
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int start = reader.Position;
        if (length < 2) { throw new DnsWireException(start, $"CAA RDATA of {length} octets has no room for flags and tag length"); }
        var rdata = reader.ReadBytes(length);
        int tagLength = rdata[1];
        if (tagLength == 0) { throw new DnsWireException(start + 1, "CAA tag is empty"); }
        if (2 + tagLength > length) { throw new DnsWireException(start + 1, "CAA tag runs past the RDATA length"); }
        for (int i = 2; i < 2 + tagLength; i++)
        {
            if (!char.IsAsciiLetterOrDigit((char)rdata[i]))
            {
                throw new DnsWireException(start + i, $"CAA tag holds octet 0x{rdata[i]:x2}, not an ASCII letter or digit");
            }
        }
        output.WriteBytes(rdata);
    }

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        int tagLength = rdata[1];
        output.Append(rdata[0].ToString(CultureInfo.InvariantCulture)).Append(' ');
        foreach (byte b in rdata.Slice(2, tagLength)) { output.Append((char)b); }
        output.Append(' ');
        PresentationText.AppendCharacterString(output, rdata[(2 + tagLength)..]);
    }
}
