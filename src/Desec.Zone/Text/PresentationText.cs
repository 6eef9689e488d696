using System.Globalization;
using System.Text;
using Desec.Zone.Names;

namespace Desec.Zone.Text;

/// <summary>Shared parsing and printing of presentation-format values: numbers, TTLs, character-strings.</summary>
public static class PresentationText
{
    public static bool TryParseUInt(ReadOnlySpan<char> text, uint max, out uint value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 10) { return false; }
        ulong v = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c)) { return false; }
            v = v * 10 + (uint)(c - '0');
        }
        if (v > max) { return false; }
        value = (uint)v;
        return true;
    }

    /// <summary>
    /// A TTL as a number of seconds or with BIND's units (<c>1w2d3h4m5s</c>, any case), at most
    /// 2^31-1 (RFC 2181 §8).
    /// </summary>
    public static bool TryParseTtl(ReadOnlySpan<char> text, out uint seconds)
    {
        seconds = 0;
        if (text.Length == 0) { return false; }
        if (char.IsAsciiDigit(text[^1])) { return TryParseUInt(text, int.MaxValue, out seconds) ; }
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
            current = 0;
            digits = false;
        }
        if (digits || total > int.MaxValue) { return false; }
        seconds = (uint)total;
        return true;
    }

    /// <summary>Unescapes a character-string word (RFC 1035 §5.1) into at most 255 octets.</summary>
    public static bool TryParseCharacterString(string text, Span<byte> destination, out int length, out string error)
    {
        length = 0;
        int i = 0;
        Span<byte> utf8 = stackalloc byte[4];
        while (i < text.Length)
        {
            byte octet;
            if (text[i] == '\\')
            {
                if (!DnsName.TryReadEscape(text, ref i, out octet, out error)) { return false; }
            }
            else
            {
                char c = text[i++];
                if (c > 0x7F)
                {
                    // Non-ASCII text in a zone file is taken as UTF-8 octets.
                    int n = Encoding.UTF8.GetBytes(text.AsSpan(i - 1, char.IsHighSurrogate(c) && i < text.Length ? 2 : 1), utf8);
                    if (char.IsHighSurrogate(c)) { i++; }
                    if (length + n > destination.Length) { error = "character-string longer than 255 octets"; return false; }
                    utf8[..n].CopyTo(destination[length..]);
                    length += n;
                    continue;
                }
                octet = (byte)c;
            }
            if (length >= destination.Length) { error = "character-string longer than 255 octets"; return false; }
            destination[length++] = octet;
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
