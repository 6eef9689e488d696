using System.Globalization;
using System.Text;
using Desec.Zone.Names;

namespace Desec.Zone.Text;

/// <summary>Shared parsing and printing of presentation-format values: numbers, TTLs, character-strings.</summary>
public static class PresentationText
{
    /// <summary>
    /// RFC 2181 §8: a TTL is at most 2^31-1. A zone file may still give up to 2^32-1; like BIND
    /// (and as §8 tells receivers), a value with the most significant bit set is read as zero.
    /// </summary>
    public const uint MaxTtl = int.MaxValue;

    /// <summary>
    /// Decimal digits, any number of them (leading zeros too, as BIND's number parsing takes
    /// them), up to <paramref name="max"/>; no sign, no blanks.
    /// </summary>
    public static bool TryParseUInt(ReadOnlySpan<char> text, uint max, out uint value)
    {
        value = 0;
        if (text.Length == 0) { return false; }
        ulong v = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c)) { return false; }
            v = v * 10 + (uint)(c - '0');
            if (v > max) { return false; }
        }
        value = (uint)v;
        return true;
    }

    /// <summary>
    /// A TTL as a number of seconds or with BIND's units (<c>1w2d3h4m5s</c>, any case, a unit may
    /// repeat), as a 32-bit value like BIND's; whether it is above <see cref="MaxTtl"/> is the
    /// caller's to decide (RFC 2181 §8).
    /// </summary>
    public static bool TryParseTtl(ReadOnlySpan<char> text, out uint seconds)
    {
        seconds = 0;
        if (text.Length == 0) { return false; }
        if (char.IsAsciiDigit(text[^1])) { return TryParseUInt(text, uint.MaxValue, out seconds); }
        ulong total = 0, current = 0;
        bool digits = false;
        foreach (char c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                current = current * 10 + (uint)(c - '0');
                if (current > uint.MaxValue) { return false; }
                digits = true;
                continue;
            }
            ulong unit = char.ToLowerInvariant(c) switch
            {
                'w' => 604800,
                'd' => 86400,
                'h' => 3600,
                'm' => 60,
                's' => 1,
                _ => 0,
            };
            if (unit == 0 || !digits) { return false; }
            total += current * unit;
            if (total > uint.MaxValue) { return false; }
            current = 0;
            digits = false;
        }
        if (digits) { return false; }
        seconds = (uint)total;
        return true;
    }

    /// <summary>
    /// Base64 (RFC 4648 §4) in its one canonical spelling: padded, and with the unused bits of the
    /// last character zero (§3.5). BIND refuses other pad bits, which .NET would drop silently.
    /// </summary>
    public static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.AsSpan().ContainsAny(" \t\r\n")) { return false; }
        try { bytes = Convert.FromBase64String(text); }
        catch (FormatException) { return false; }
        return Convert.ToBase64String(bytes) == text;
    }

    /// <summary>Unescapes a character-string word (RFC 1035 §5.1) into at most 255 octets.</summary>
    public static bool TryParseCharacterString(string text, Span<byte> destination, out int length, out string error)
    {
        length = 0;
        int i = 0;
        Span<byte> octets = stackalloc byte[4];
        while (i < text.Length)
        {
            if (!DnsName.TryReadOctets(text, ref i, octets, out int n, out error)) { return false; }
            if (length + n > destination.Length) { error = "character-string longer than 255 octets"; return false; }
            octets[..n].CopyTo(destination[length..]);
            length += n;
        }
        error = "";
        return true;
    }

    /// <summary>Prints a character-string in quotes, escaping <c>"</c> and <c>\</c>, and octets outside printable ASCII as <c>\DDD</c>.</summary>
    public static void AppendCharacterString(StringBuilder sb, ReadOnlySpan<byte> value)
    {
        sb.Append('"');
        foreach (byte b in value)
        {
            if (b == '"' || b == '\\') { sb.Append('\\').Append((char)b); }
            else if (b < 0x20 || b > 0x7E) { sb.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture)); }
            else { sb.Append((char)b); }
        }
        sb.Append('"');
    }
}
