using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Desec.Zone.Text;
using Desec.Zone.Wire;

namespace Desec.Zone.Rdata.Fields;

/// <summary>
/// An IPv4 (4 octets, dotted quad) or IPv6 (16 octets, RFC 4291 §2.2 text) address. Parsing and
/// printing are our own rather than <see cref="System.Net.IPAddress"/>'s, which accepts forms a
/// zone file must not hold (<c>[::1]</c>, <c>::1%eth0</c>, leading zeros in a dotted quad) and
/// prints some IPv4-embedded addresses differently from BIND.
/// </summary>
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
    public static bool TryParse(string text, AddressFamily family, Span<byte> destination) =>
        family == AddressFamily.InterNetwork ? TryParseIPv4(text, destination) : TryParseIPv6(text, destination);

    /// <summary>Four decimal octets without leading zeros (which some resolvers read as octal).</summary>
    public static bool TryParseIPv4(ReadOnlySpan<char> text, Span<byte> destination)
    {
        int part = 0;
        foreach (var range in text.Split('.'))
        {
            var digits = text[range];
            if (part == 4 || digits.Length is 0 or > 3 || (digits.Length > 1 && digits[0] == '0')
                || !PresentationText.TryParseUInt(digits, 255, out uint value))
            {
                return false;
            }
            destination[part++] = (byte)value;
        }
        return part == 4;
    }

    /// <summary>
    /// RFC 4291 §2.2: eight groups of one to four hex digits, one <c>::</c> standing for a run of
    /// zero groups, and optionally a dotted quad in place of the last two groups.
    /// </summary>
    public static bool TryParseIPv6(string text, Span<byte> destination)
    {
        Span<ushort> groups = stackalloc ushort[8];
        int count = 0, gap = -1, i = 0;
        if (text.StartsWith("::", StringComparison.Ordinal)) { gap = 0; i = 2; }
        else if (text.Length == 0 || text[0] == ':') { return false; }
        while (i < text.Length)
        {
            int end = text.IndexOf(':', i);
            if (end < 0) { end = text.Length; }
            var group = text.AsSpan(i, end - i);
            if (group.Contains('.'))
            {
                // The embedded IPv4 address must be last and fill the last two groups.
                Span<byte> v4 = stackalloc byte[4];
                if (end != text.Length || count > 6 || !TryParseIPv4(group, v4)) { return false; }
                groups[count++] = BinaryPrimitives.ReadUInt16BigEndian(v4);
                groups[count++] = BinaryPrimitives.ReadUInt16BigEndian(v4[2..]);
                break;
            }
            if (count == 8 || group.Length is 0 or > 4
                || !ushort.TryParse(group, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort value))
            {
                return false;
            }
            groups[count++] = value;
            i = end;
            if (i == text.Length) { break; }
            i++;
            if (i < text.Length && text[i] == ':')
            {
                if (gap >= 0) { return false; }
                gap = count;
                i++;
            }
            else if (i == text.Length) { return false; }
        }
        if (gap < 0 ? count != 8 : count > 7) { return false; }
        destination[..16].Clear();
        int tail = gap < 0 ? 0 : count - gap;
        for (int g = 0; g < count; g++)
        {
            int slot = gap >= 0 && g >= gap ? 8 - tail + (g - gap) : g;
            BinaryPrimitives.WriteUInt16BigEndian(destination[(slot * 2)..], groups[g]);
        }
        return true;
    }

    public override void Read(ref DnsWireReader reader, int end, RdataBuilder output)
    {
        var bytes = reader.ReadBytes(Size);
        CheckEnd(ref reader, end, Name);
        output.WriteBytes(bytes);
    }

    public override void Format(ReadOnlySpan<byte> rdata, ref int position, StringBuilder output)
    {
        if (family == AddressFamily.InterNetwork) { AppendIPv4(output, rdata.Slice(position, 4)); }
        else { AppendIPv6(output, rdata.Slice(position, 16)); }
        position += Size;
    }

    public static void AppendIPv4(StringBuilder output, ReadOnlySpan<byte> address) =>
        output.Append(CultureInfo.InvariantCulture, $"{address[0]}.{address[1]}.{address[2]}.{address[3]}");

    /// <summary>
    /// RFC 5952 §4 (lower case, no leading zeros, the longest run of two or more zero groups as
    /// <c>::</c>, the first one on a tie), and like BIND's inet_ntop the IPv4-compatible
    /// (<c>::a.b.c.d</c>) and IPv4-mapped (<c>::ffff:a.b.c.d</c>) forms in dotted quad.
    /// </summary>
    public static void AppendIPv6(StringBuilder output, ReadOnlySpan<byte> address)
    {
        Span<ushort> groups = stackalloc ushort[8];
        for (int g = 0; g < 8; g++) { groups[g] = BinaryPrimitives.ReadUInt16BigEndian(address[(g * 2)..]); }
        int bestStart = -1, bestLength = 0;
        for (int g = 0; g < 8;)
        {
            if (groups[g] != 0) { g++; continue; }
            int start = g;
            while (g < 8 && groups[g] == 0) { g++; }
            if (g - start > bestLength) { bestStart = start; bestLength = g - start; }
        }
        if (bestLength < 2) { bestStart = -1; }
        for (int g = 0; g < 8; g++)
        {
            if (bestStart >= 0 && g >= bestStart && g < bestStart + bestLength)
            {
                if (g == bestStart) { output.Append(':'); }
                continue;
            }
            if (g > 0) { output.Append(':'); }
            if (g == 6 && bestStart == 0 && (bestLength == 6 || (bestLength == 5 && groups[5] == 0xFFFF)))
            {
                AppendIPv4(output, address[12..]);
                return;
            }
            output.Append(groups[g].ToString("x", CultureInfo.InvariantCulture));
        }
        if (bestStart >= 0 && bestStart + bestLength == 8) { output.Append(':'); }
    }
}
