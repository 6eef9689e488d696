using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Types;

/// <summary>
/// HIP (RFC 8005 §5): public key algorithm, the host identity tag in hex, the public key in
/// base64 (one word each), then zero or more rendezvous server names. On the wire (§4): HIT
/// length, algorithm, public key length, HIT, key, names, never compressed; names keep their case.
/// </summary>
public sealed class HipRecord : RdataCodec
{
    public override ushort Type => RRType.HIP;

    public override void ParseText(RdataTokens tokens, RdataBuilder output)
    {
        byte algorithm = (byte)IpseckeyRecord.ParseByte(tokens, "public key algorithm", byte.MaxValue);
        byte[] hit = Decode(tokens, "HIT", token => Convert.FromHexString(token), maxLength: byte.MaxValue);
        byte[] key = Decode(tokens, "public key", token => PresentationText.TryDecodeBase64(token, out var bytes) ? bytes : throw new FormatException(), maxLength: ushort.MaxValue);
        output.WriteByte((byte)hit.Length);
        output.WriteByte(algorithm);
        output.WriteUInt16((ushort)key.Length);
        output.WriteBytes(hit);
        output.WriteBytes(key);
        while (!tokens.AtEnd)
        {
            var token = tokens.Next("rendezvous server");
            if (token.Quoted) { throw tokens.Error(token, "bad rendezvous server: a name cannot be quoted"); }
            if (!DnsName.TryParse(token.Text, tokens.Origin, out var name, out var error))
            {
                throw tokens.Error(token, $"bad rendezvous server '{token.Text}': {error}");
            }
            output.WriteName(name, lowerCase: false);
        }
    }

    private static byte[] Decode(RdataTokens tokens, string what, Func<string, byte[]> decode, int maxLength)
    {
        var token = tokens.Next(what);
        byte[] bytes = [];
        try { bytes = token.Quoted ? [] : decode(token.Text); }
        catch (FormatException) { }
        if (bytes.Length == 0 || bytes.Length > maxLength) { throw tokens.Error(token, $"bad {what} '{token.Text}' (RFC 8005 §5)"); }
        return bytes;
    }

    public override void ReadWire(ref DnsWireReader reader, int length, RdataBuilder output)
    {
        int start = reader.Position, end = start + length;
        if (length < 4 || length > reader.Remaining) { throw new DnsWireException(start, "HIP RDATA too short"); }
        var head = reader.ReadBytes(4);
        int hitLength = head[0], keyLength = BinaryPrimitives.ReadUInt16BigEndian(head[2..]);
        if (hitLength == 0 || keyLength == 0 || reader.Position + hitLength + keyLength > end)
        {
            throw new DnsWireException(start, "bad HIP RDATA: empty HIT or key, or lengths past the RDATA (RFC 8005 §4)");
        }
        output.WriteBytes(head);
        output.WriteBytes(reader.ReadBytes(hitLength + keyLength));
        Span<byte> buffer = stackalloc byte[DnsName.MaxLength];
        while (reader.Position < end)
        {
            int n = reader.ReadName(buffer, allowCompression: false);
            output.WriteBytes(buffer[..n]);
        }
        if (reader.Position != end) { throw new DnsWireException(end, "HIP rendezvous server runs past the RDATA length"); }
    }

    public override void Format(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        int hitLength = rdata[0], keyLength = BinaryPrimitives.ReadUInt16BigEndian(rdata[2..]);
        output.Append(rdata[1].ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(Convert.ToHexString(rdata.Slice(4, hitLength))).Append(' ')
            .Append(Convert.ToBase64String(rdata.Slice(4 + hitLength, keyLength)));
        int position = 4 + hitLength + keyLength;
        while (position < rdata.Length)
        {
            int n = DnsName.WireLength(rdata[position..]);
            output.Append(' ');
            DnsName.AppendTo(output, rdata.Slice(position, n));
            position += n;
        }
    }
}
