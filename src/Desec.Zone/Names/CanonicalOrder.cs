namespace Desec.Zone.Names;

/// <summary>
/// DNSSEC canonical name order (RFC 4034 §6.1): names are compared label by label from the
/// rightmost, each label as a left-justified octet string with ASCII letters lower-cased, and an
/// absent octet sorts before any octet.
/// </summary>
public static class CanonicalOrder
{
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Span<byte> startsA = stackalloc byte[128];
        Span<byte> startsB = stackalloc byte[128];
        int countA = LabelStarts(a, startsA);
        int countB = LabelStarts(b, startsB);
        int ia = countA - 1, ib = countB - 1;
        while (ia >= 0 && ib >= 0)
        {
            var la = a.Slice(startsA[ia] + 1, a[startsA[ia]]);
            var lb = b.Slice(startsB[ib] + 1, b[startsB[ib]]);
            int c = CompareLabel(la, lb);
            if (c != 0) { return c; }
            ia--;
            ib--;
        }
        return countA.CompareTo(countB);
    }

    private static int LabelStarts(ReadOnlySpan<byte> wire, Span<byte> starts)
    {
        int count = 0, pos = 0;
        while (wire[pos] != 0)
        {
            starts[count++] = (byte)pos;
            pos += 1 + wire[pos];
        }
        return count;
    }

    private static int CompareLabel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            int c = Lower(a[i]) - Lower(b[i]);
            if (c != 0) { return c; }
        }
        return a.Length - b.Length;
    }

    private static byte Lower(byte b) => b >= (byte)'A' && b <= (byte)'Z' ? (byte)(b | 0x20) : b;

    /// <summary>Upper bound of <see cref="WriteKey"/>'s output for a wire name of this length.</summary>
    public static int MaxKeyLength(int wireLength) => wireLength * 2;

    /// <summary>
    /// Writes a lookup key whose ordinal byte order is canonical order: labels from the rightmost,
    /// lower-cased, each followed by 0x00. Octets 0x00 and 0x01 inside a label become 0x01 0x01 and
    /// 0x01 0x02, so the separator still sorts first and the encoding stays order-preserving.
    /// The root's key is empty. Returns the key length.
    /// </summary>
    public static int WriteKey(ReadOnlySpan<byte> wire, Span<byte> key)
    {
        Span<byte> starts = stackalloc byte[128];
        int count = LabelStarts(wire, starts);
        int k = 0;
        for (int i = count - 1; i >= 0; i--)
        {
            var label = wire.Slice(starts[i] + 1, wire[starts[i]]);
            foreach (byte b in label)
            {
                if (b <= 1)
                {
                    key[k++] = 1;
                    key[k++] = (byte)(b + 1);
                }
                else
                {
                    key[k++] = Lower(b);
                }
            }
            key[k++] = 0;
        }
        return k;
    }

    public static byte[] Key(DnsName name)
    {
        Span<byte> buffer = stackalloc byte[MaxKeyLength(DnsName.MaxLength)];
        int n = WriteKey(name.Wire, buffer);
        return buffer[..n].ToArray();
    }
}
