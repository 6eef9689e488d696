using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Desec.Zone.Text;

/// <summary>
/// UTF-8 to string and back without losing octets that are not UTF-8. A zone file is octets: BIND
/// takes a byte 0xFF in a name or string as the octet 0xFF, whatever the encoding. Valid UTF-8
/// decodes as usual (so <c>é</c> is a character, and stands for its two octets when a name or
/// string is built); each octet of an invalid sequence becomes a lone low surrogate U+DC80-U+DCFF
/// (the "surrogate escape" of PEP 383), which decoding UTF-8 can never produce, and which
/// <see cref="TryGetRawOctet"/> turns back into the octet.
/// </summary>
public static class LosslessUtf8
{
    private const char FirstRaw = '\uDC80';
    private const char LastRaw = '\uDCFF';

    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        char[] buffer = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            int written = 0;
            while (!utf8.IsEmpty)
            {
                var status = Utf8.ToUtf16(utf8, buffer.AsSpan(written), out int read, out int chars, replaceInvalidSequences: false);
                written += chars;
                utf8 = utf8[read..];
                if (status == OperationStatus.Done) { break; }
                // Invalid or cut short: the first octet stands for itself; decoding goes on after it.
                buffer[written++] = (char)(0xDC00 + utf8[0]);
                utf8 = utf8[1..];
            }
            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The reverse of <see cref="Decode"/>: escaped octets go back as themselves, the rest as UTF-8.</summary>
    public static byte[] Encode(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange(FirstRaw, LastRaw) < 0) { return Encoding.UTF8.GetBytes(text); }
        var bytes = new List<byte>(text.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            if (TryGetRawOctet(text[i], out byte raw)) { bytes.Add(raw); continue; }
            int width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            int n = Encoding.UTF8.GetBytes(text.AsSpan(i, width), utf8);
            for (int k = 0; k < n; k++) { bytes.Add(utf8[k]); }
            i += width - 1;
        }
        return [.. bytes];
    }

    /// <summary>True when <paramref name="c"/> stands for an octet that was not UTF-8.</summary>
    public static bool TryGetRawOctet(char c, out byte octet)
    {
        octet = (byte)(c - 0xDC00);
        return c is >= FirstRaw and <= LastRaw;
    }
}
