using System.Text;
using Desec.Zone.Records;

namespace Desec.Zone.Text;

/// <summary>The type bit maps field of NSEC, NSEC3 and CSYNC (RFC 4034 §4.1.2): windows of up to 32 octets.</summary>
public static class TypeBitmap
{
    /// <summary>Encodes a set of types (any order, duplicates allowed) into windows.</summary>
    public static byte[] Encode(IEnumerable<ushort> types)
    {
        var sorted = types.Distinct().Order().ToArray();
        var output = new List<byte>();
        int i = 0;
        Span<byte> bits = stackalloc byte[32];
        while (i < sorted.Length)
        {
            int window = sorted[i] >> 8;
            bits.Clear();
            int used = 0;
            while (i < sorted.Length && sorted[i] >> 8 == window)
            {
                int low = sorted[i] & 0xFF;
                bits[low >> 3] |= (byte)(0x80 >> (low & 7));
                used = (low >> 3) + 1;
                i++;
            }
            output.Add((byte)window);
            output.Add((byte)used);
            foreach (byte b in bits[..used]) { output.Add(b); }
        }
        return output.ToArray();
    }

    /// <summary>
    /// Checks a bitmap's structure (RFC 4034 §4.1.2: windows ascending, 1 to 32 octets, no
    /// trailing zero octet) and returns null, or the reason it is malformed.
    /// </summary>
    public static string? Validate(ReadOnlySpan<byte> bitmap)
    {
        int pos = 0, lastWindow = -1;
        while (pos < bitmap.Length)
        {
            if (pos + 2 > bitmap.Length) { return "truncated window header"; }
            int window = bitmap[pos], length = bitmap[pos + 1];
            if (window <= lastWindow) { return "windows not in ascending order"; }
            if (length < 1 || length > 32) { return $"window length {length} outside 1..32"; }
            if (pos + 2 + length > bitmap.Length) { return "window runs past the end"; }
            if (bitmap[pos + 1 + length] == 0) { return "window ends with a zero octet"; }
            lastWindow = window;
            pos += 2 + length;
        }
        return null;
    }

    public static List<ushort> Decode(ReadOnlySpan<byte> bitmap)
    {
        var types = new List<ushort>();
        int pos = 0;
        while (pos + 2 <= bitmap.Length)
        {
            int window = bitmap[pos], length = bitmap[pos + 1];
            for (int octet = 0; octet < length && pos + 2 + octet < bitmap.Length; octet++)
            {
                byte b = bitmap[pos + 2 + octet];
                for (int bit = 0; bit < 8; bit++)
                {
                    if ((b & (0x80 >> bit)) != 0) { types.Add((ushort)((window << 8) | (octet << 3) | bit)); }
                }
            }
            pos += 2 + length;
        }
        return types;
    }

    public static bool Contains(ReadOnlySpan<byte> bitmap, ushort type)
    {
        int pos = 0;
        while (pos + 2 <= bitmap.Length)
        {
            int window = bitmap[pos], length = bitmap[pos + 1];
            if (window == type >> 8)
            {
                int octet = (type & 0xFF) >> 3;
                // Bounds-checked against the span too, so that a malformed bitmap answers false
                // instead of throwing.
                return octet < length && pos + 2 + octet < bitmap.Length
                    && (bitmap[pos + 2 + octet] & (0x80 >> (type & 7))) != 0;
            }
            pos += 2 + length;
        }
        return false;
    }

    /// <summary>Mnemonics separated by spaces, as in <c>A NS SOA RRSIG</c>.</summary>
    public static void Format(ReadOnlySpan<byte> bitmap, StringBuilder sb)
    {
        bool first = true;
        foreach (ushort type in Decode(bitmap))
        {
            if (!first) { sb.Append(' '); }
            sb.Append(RRType.ToText(type));
            first = false;
        }
    }
}
