using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata;

/// <summary>
/// The codec for each known type, and the RFC 3597 generic form that works for every type:
/// <c>\# length hex</c> in text, opaque octets on the wire for types without a codec.
/// </summary>
public static class RdataCodecs
{
    private static readonly FrozenDictionary<ushort, RdataCodec> ByType =
        typeof(RdataCodec).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(RdataCodec).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (RdataCodec)Activator.CreateInstance(t)!)
            .ToFrozenDictionary(c => c.Type);

    public static RdataCodec? Get(ushort type) => ByType.GetValueOrDefault(type);

    public static IEnumerable<ushort> KnownTypes => ByType.Keys;

    /// <summary>
    /// Parses RDATA words into canonical wire bytes. The generic form (RFC 3597 §5) is accepted
    /// for every type; for a known type its octets must then be valid RDATA of that type.
    /// </summary>
    public static byte[] Parse(ushort type, RdataTokens tokens, RdataBuilder scratch)
    {
        scratch.Clear();
        var codec = Get(type);
        if (!tokens.AtEnd && tokens.Peek() is { Quoted: false, Text: "\\#" })
        {
            var genericStart = tokens.Peek();
            var generic = ParseGeneric(tokens);
            if (codec is null) { return generic; }
            try
            {
                var reader = new DnsWireReader(generic);
                codec.ReadWire(ref reader, generic.Length, scratch);
            }
            catch (DnsWireException e)
            {
                throw tokens.Error(genericStart, $"generic RDATA is not valid for this type: {e.Reason}");
            }
            // RFC 3597 §5: the generic form is uncompressed wire RDATA. A followed compression
            // pointer always changes the length (2 octets stand for a name of 1 or at least 3).
            if (scratch.Length != generic.Length)
            {
                throw tokens.Error(genericStart, "generic RDATA is not valid for this type: it holds a compression pointer");
            }
            return scratch.ToArray();
        }
        if (codec is null)
        {
            throw tokens.Error("type has no presentation format here; use the generic form \\# LENGTH HEX (RFC 3597)");
        }
        codec.ParseText(tokens, scratch);
        if (scratch.Length > ushort.MaxValue)
        {
            // A long TXT can get there: 257 strings of 255 octets.
            throw new ZoneTextException(tokens.Source, tokens.Line, tokens.Column,
                $"RDATA of {scratch.Length} octets: RDLENGTH holds at most 65535 (RFC 1035 §3.2.1)");
        }
        return scratch.ToArray();
    }

    private static byte[] ParseGeneric(RdataTokens tokens)
    {
        tokens.Next("\\#");
        var lengthToken = tokens.Next("RDATA length");
        if (lengthToken.Quoted || !PresentationText.TryParseUInt(lengthToken.Text, ushort.MaxValue, out uint length))
        {
            throw tokens.Error(lengthToken, $"expected the RDATA length after \\#, found '{lengthToken.Text}'");
        }
        var first = tokens.AtEnd ? lengthToken : tokens.Peek();
        string hex = tokens.JoinRest("hex RDATA", allowEmpty: length == 0);
        byte[] bytes;
        try { bytes = Convert.FromHexString(hex); }
        catch (FormatException) { throw tokens.Error(first, "bad hex in generic RDATA"); }
        if (bytes.Length != length)
        {
            throw tokens.Error(first, $"generic RDATA holds {bytes.Length} octets, but its length says {length}");
        }
        return bytes;
    }

    /// <summary>Reads RDATA from a message into canonical form; unknown types are kept as opaque octets.</summary>
    public static void ReadWire(ushort type, ref DnsWireReader reader, int length, RdataBuilder output)
    {
        var codec = Get(type);
        if (codec is null)
        {
            output.WriteBytes(reader.ReadBytes(length));
            return;
        }
        codec.ReadWire(ref reader, length, output);
    }

    /// <summary>Presentation form of canonical RDATA; generic form for types without a codec.</summary>
    public static void Format(ushort type, ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        var codec = Get(type);
        if (codec is null)
        {
            FormatGeneric(rdata, output);
            return;
        }
        codec.Format(rdata, output);
    }

    public static string Format(ushort type, ReadOnlySpan<byte> rdata)
    {
        var sb = new StringBuilder();
        Format(type, rdata, sb);
        return sb.ToString();
    }

    /// <summary>RFC 3597 §5: <c>\# length hex</c>; empty RDATA is <c>\# 0</c>.</summary>
    public static void FormatGeneric(ReadOnlySpan<byte> rdata, StringBuilder output)
    {
        output.Append("\\# ").Append(rdata.Length.ToString(CultureInfo.InvariantCulture));
        if (rdata.Length > 0) { output.Append(' ').Append(Convert.ToHexString(rdata)); }
    }
}
