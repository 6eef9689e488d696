using System.Text;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// A &lt;character-string&gt; (RFC 1035 §3.3): a length octet and up to 255 octets; quoted or a
/// bare word in text. With <paramref name="repeated"/> it takes every remaining word (TXT, SPF),
/// at least one. An <paramref name="optional"/> last field may be left out (the ISDN subaddress).
/// </summary>
public sealed class CharacterStringField(string name, bool repeated = false, bool optional = false) : RdataField(name)
{
    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        if (optional && tokens.AtEnd) { return; }
        Span<byte> buffer = stackalloc byte[255];
        do
        {
            var token = tokens.Next(Name);
            if (!PresentationText.TryParseCharacterString(token.Text, buffer, out int length, out var error))
            {
                throw tokens.Error(token, $"bad {Name}: {error}");
            }
            output.WriteByte((byte)length);
            output.WriteBytes(buffer[..length]);
        }
        while (repeated && !tokens.AtEnd);
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        if (optional && reader.Position == end) { return; }
        do
        {
            int length = reader.ReadByte();
            var bytes = reader.ReadBytes(length);
            CheckEnd(ref reader, end, Name);
            output.WriteByte((byte)length);
            output.WriteBytes(bytes);
        }
        while (repeated && reader.Position < end);
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        if (optional && position == rdata.Length)
        {
            // FieldRdataCodec put a space before this field; with nothing to print it would trail.
            if (output.Length > 0 && output[^1] == ' ') { output.Length--; }
            return;
        }
        bool first = true;
        do
        {
            if (!first) { output.Append(' '); }
            int length = rdata[position];
            PresentationText.AppendCharacterString(output, rdata.Slice(position + 1, length));
            position += 1 + length;
            first = false;
        }
        while (repeated && position < rdata.Length);
    }
}
