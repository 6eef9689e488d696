using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// URI: priority, weight and target URI (RFC 7553 §4). The target fills the rest of the RDATA; it
/// is not a length-prefixed character-string, so it may exceed 255 octets. In text it must be
/// quoted (§4.5); it is printed quoted with the character-string escapes, as BIND does.
/// </summary>
public sealed class UriRecord : RdataCodec
{
    public override ushort Type => RRType.URI;

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        output.WriteUInt16(ParseUInt16(tokens, "priority"));
        output.WriteUInt16(ParseUInt16(tokens, "weight"));
        var target = tokens.Next("target (a quoted URI)");
        if (!target.Quoted) { throw tokens.Error(target, $"expected the target URI in double quotes, found '{target.Text}'"); }
        WriteRestString(tokens, target, "target", output, output.Length);
        tokens.ExpectEnd();
    }

    internal static ushort ParseUInt16(RdataTokens tokens, string what)
    {
        var token = tokens.Next(what);
        if (token.Quoted || !PresentationText.TryParseUInt(token.Text, ushort.MaxValue, out uint value))
        {
            throw tokens.Error(token, $"expected {what} (an integer from 0 to 65535), found '{token.Text}'");
        }
        return (ushort)value;
    }

    /// <summary>
    /// Unescapes a word that fills the rest of the RDATA (URI target, CAA value): the same escapes as
    /// a character-string, without its 255-octet limit but within the 65535 octets of any RDATA.
    /// </summary>
    internal static void WriteRestString(RdataTokens tokens, Token token, string what, RdataBuilder output, int rdataSoFar)
    {
        int room = ushort.MaxValue - rdataSoFar;
        // Each character unescapes to at most three UTF-8 octets.
        var buffer = new byte[Math.Min(room, token.Text.Length * 3)];
        if (!PresentationText.TryParseCharacterString(token.Text, buffer, out int length, out string error))
        {
            if (buffer.Length == room && error.StartsWith("character-string longer", StringComparison.Ordinal)) { error = $"{what} makes the RDATA longer than 65535 octets"; }
            throw tokens.Error(token, $"bad {what}: {error}");
        }
        output.WriteBytes(buffer.AsSpan(0, length));
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        if (length < 4) { throw new DnsWireException(reader.Position, $"URI RDATA of {length} octets has no room for priority and weight"); }
        output.WriteBytes(reader.ReadBytes(length));
    }

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        output.Append(BinaryPrimitives.ReadUInt16BigEndian(rdata).ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(BinaryPrimitives.ReadUInt16BigEndian(rdata[2..]).ToString(CultureInfo.InvariantCulture)).Append(' ');
        PresentationText.AppendCharacterString(output, rdata[4..]);
    }
}
