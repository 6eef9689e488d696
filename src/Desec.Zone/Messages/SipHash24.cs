using System.Buffers.Binary;
using System.Numerics;

namespace Desec.Zone.Messages;

/// <summary>
/// SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012): a 64-bit keyed
/// hash with a 128-bit key, two compression rounds per 8-octet word and four finalization rounds.
/// RFC 9018 §4.4 builds the interoperable DNS server cookie on it. Allocation-free.
/// </summary>
public static class SipHash24
{
    public const int KeyLength = 16;

    /// <summary>The hash of <paramref name="message"/> under <paramref name="key"/>, as the 64-bit number the paper defines.</summary>
    public static ulong Hash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        if (key.Length != KeyLength) { throw new ArgumentException($"a SipHash key has {KeyLength} octets", nameof(key)); }
        ulong k0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        ulong k1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]);
        // The initial state: the key mixed with "somepseudorandomlygeneratedbytes".
        ulong v0 = k0 ^ 0x736f6d6570736575UL;
        ulong v1 = k1 ^ 0x646f72616e646f6dUL;
        ulong v2 = k0 ^ 0x6c7967656e657261UL;
        ulong v3 = k1 ^ 0x7465646279746573UL;

        int whole = message.Length & ~7;
        for (int i = 0; i < whole; i += 8)
        {
            ulong m = BinaryPrimitives.ReadUInt64LittleEndian(message[i..]);
            v3 ^= m;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= m;
        }
        // The last word: the remaining octets, and the message length modulo 256 in the top octet.
        ulong last = (ulong)(byte)message.Length << 56;
        for (int i = whole; i < message.Length; i++) { last |= (ulong)message[i] << (8 * (i - whole)); }
        v3 ^= last;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= last;

        v2 ^= 0xff;
        for (int i = 0; i < 4; i++) { Round(ref v0, ref v1, ref v2, ref v3); }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1; v1 = BitOperations.RotateLeft(v1, 13); v1 ^= v0; v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3; v3 = BitOperations.RotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = BitOperations.RotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = BitOperations.RotateLeft(v1, 17); v1 ^= v2; v2 = BitOperations.RotateLeft(v2, 32);
    }
}
