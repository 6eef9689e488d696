namespace Desec.Zone.Text;

/// <summary>Base 32 with the extended hex alphabet (RFC 4648 §7), no padding, as NSEC3 uses it (RFC 5155 §3.3).</summary>
public static class Base32Hex
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuv";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 4) / 5];
        int bits = 0, buffer = 0, k = 0;
        foreach (byte b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[k++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
            // Keep only the bits not yet written, so the buffer never overflows (it would
            // throw in a checked build after four octets).
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0) { chars[k++] = Alphabet[(buffer << (5 - bits)) & 31]; }
        return new string(chars, 0, k);
    }

    /// <summary>Decodes without padding, any letter case. False on a bad character or non-zero trailing bits.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] data)
    {
        data = [];
        var result = new byte[text.Length * 5 / 8];
        int bits = 0, buffer = 0, k = 0;
        foreach (char c in text)
        {
            int v = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'v' => c - 'a' + 10,
                >= 'A' and <= 'V' => c - 'A' + 10,
                _ => -1,
            };
            if (v < 0) { return false; }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                result[k++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }
        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) { return false; }
        data = result;
        return true;
    }
}
