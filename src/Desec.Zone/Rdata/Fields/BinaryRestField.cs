using System.Text;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

public enum BinaryEncoding { Base64, Hex }

/// <summary>
/// The rest of the RDATA as opaque octets, written in base64 or hex that may be split over
/// several words (as DNSKEY keys and DS digests often are). <paramref name="allowEmpty"/> for
/// fields that may hold no octets. <paramref name="lengthByType"/>: for a digest whose length the
/// octet just before it fixes (a digest or fingerprint type), the length each known type takes
/// and the RFC that says so; another length is refused, in text and on the wire, as BIND refuses it.
/// <paramref name="dashWhenEmpty"/>: no octets are written <c>-</c> (DOA data).
/// </summary>
public sealed class BinaryRestField(string name, BinaryEncoding encoding, bool allowEmpty = false,
    IReadOnlyDictionary<byte, (int Length, string Rfc)>? lengthByType = null, bool dashWhenEmpty = false) : RdataField(name)
{
    public override void Parse(RdataTokens tokens, RdataBuilder output)
    {
        if (dashWhenEmpty && tokens.RemainingCount == 1 && tokens.Peek() is { Quoted: false, Text: "-" })
        {
            tokens.Next(Name);
            return;
        }
        var first = tokens.AtEnd ? default : tokens.Peek();
        string text = tokens.JoinRest(Name, allowEmpty);
        if (text.Length == 0) { return; }
        byte[] bytes = [];
        bool valid = encoding == BinaryEncoding.Base64 ? PresentationText.TryDecodeBase64(text, out bytes) : TryDecodeHex(text, out bytes);
        if (!valid)
        {
            throw tokens.Error(first, $"bad {Name}: not valid {(encoding == BinaryEncoding.Base64 ? "base64 (RFC 4648 §4, padded, unused bits zero)" : "hex")}");
        }
        if (bytes.Length == 0 && !allowEmpty) { throw tokens.Error(first, $"{Name} is empty"); }
        if (LengthProblem(output, bytes.Length) is { } problem) { throw tokens.Error(first, problem); }
        output.WriteBytes(bytes);
    }

    private static bool TryDecodeHex(string text, out byte[] bytes)
    {
        try { bytes = Convert.FromHexString(text); return true; }
        catch (FormatException) { bytes = []; return false; }
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        int count = end - reader.Position;
        if (count == 0 && !allowEmpty) { throw new DnsWireException(reader.Position, $"{Name} is empty"); }
        if (LengthProblem(output, count) is { } problem) { throw new DnsWireException(reader.Position, problem); }
        output.WriteBytes(reader.ReadBytes(count));
    }

    /// <summary>Why <paramref name="length"/> octets do not suit the type written just before; null when they do.</summary>
    private string? LengthProblem(RdataBuilder output, int length) =>
        lengthByType is not null && output.Length > 0 && lengthByType.TryGetValue(output.Written[^1], out var rule)
            && length != rule.Length
            ? $"{Name} of {length} octets: type {output.Written[^1]} takes {rule.Length} ({rule.Rfc})"
            : null;

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        var rest = rdata[position..];
        if (rest.IsEmpty)
        {
            if (dashWhenEmpty) { output.Append('-'); }
            // Otherwise nothing: FieldRdataCodec put a space before this field, which would trail.
            else if (output.Length > 0 && output[^1] == ' ') { output.Length--; }
            return;
        }
        output.Append(encoding == BinaryEncoding.Base64 ? Convert.ToBase64String(rest) : Convert.ToHexString(rest));
        position = rdata.Length;
    }
}
