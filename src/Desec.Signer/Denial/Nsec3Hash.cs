using System.Security.Cryptography;
using Desec.Zone.Names;
using Desec.Zone.Text;

namespace Desec.Signer.Denial;

/// <summary>
/// The NSEC3 hash of an owner name (RFC 5155 §5): IH(salt, x, 0) = H(x || salt) and
/// IH(salt, x, k) = H(IH(salt, x, k-1) || salt), with x the name's canonical wire form (RFC 4034
/// §6.2: uncompressed, lower-cased). One-shot <see cref="SHA1.HashData(ReadOnlySpan{byte}, Span{byte})"/>
/// into stack buffers: nothing is allocated, so the query path can hash next-closer and wildcard names.
/// </summary>
public static class Nsec3Hash
{
    /// <summary>SHA-1 digest length; also the length of an NSEC3 next hashed owner name (RFC 5155 §3.1.6).</summary>
    public const int Length = SHA1.HashSizeInBytes;

    /// <summary>Length of the base32hex owner label of a SHA-1 hash (RFC 4648 §7 without padding, RFC 5155 §3.3).</summary>
    public const int LabelLength = 32;

    /// <summary>Writes the 20-octet hash of <paramref name="wireName"/> (uncompressed wire form, any letter case).</summary>
    public static void Compute(ReadOnlySpan<byte> wireName, ushort iterations, ReadOnlySpan<byte> salt, Span<byte> destination)
    {
        if (wireName.Length > DnsName.MaxLength) { throw new ArgumentException("a wire name is at most 255 octets", nameof(wireName)); }
        if (salt.Length > Nsec3Parameters.MaxSaltLength) { throw new ArgumentException("an NSEC3 salt is at most 255 octets", nameof(salt)); }
        if (destination.Length < Length) { throw new ArgumentException("the destination holds less than 20 octets", nameof(destination)); }
        Span<byte> buffer = stackalloc byte[DnsName.MaxLength + Nsec3Parameters.MaxSaltLength];
        var output = destination[..Length];

        // Canonical form (RFC 4034 §6.2): lower-case; length octets (< 64) are never ASCII letters.
        wireName.CopyTo(buffer);
        DnsName.LowerInPlace(buffer[..wireName.Length]);
        salt.CopyTo(buffer[wireName.Length..]);
        SHA1.HashData(buffer[..(wireName.Length + salt.Length)], output);

        for (int k = 0; k < iterations; k++)
        {
            output.CopyTo(buffer);
            salt.CopyTo(buffer[Length..]);
            SHA1.HashData(buffer[..(Length + salt.Length)], output);
        }
    }

    public static void Compute(ReadOnlySpan<byte> wireName, Nsec3Parameters parameters, Span<byte> destination) =>
        Compute(wireName, parameters.Iterations, parameters.Salt, destination);

    public static byte[] Compute(DnsName name, Nsec3Parameters parameters)
    {
        var hash = new byte[Length];
        Compute(name.Wire, parameters, hash);
        return hash;
    }

    /// <summary>The owner label: the hash in base32hex, lower case, no padding (RFC 5155 §3.3).</summary>
    public static string ToLabel(ReadOnlySpan<byte> hash) => Base32Hex.Encode(hash);

    /// <summary>
    /// Writes the owner label of a 20-octet hash as 32 ASCII octets: base32hex (RFC 4648 §7) in lower
    /// case. 20 octets are exactly four 5-octet groups of eight characters, so there is no padding.
    /// </summary>
    public static void WriteLabel(ReadOnlySpan<byte> hash, Span<byte> destination)
    {
        if (hash.Length != Length) { throw new ArgumentException("an NSEC3 SHA-1 hash is 20 octets", nameof(hash)); }
        ReadOnlySpan<byte> alphabet = "0123456789abcdefghijklmnopqrstuv"u8;
        for (int group = 0; group < Length / 5; group++)
        {
            var g = hash.Slice(group * 5, 5);
            ulong bits = ((ulong)g[0] << 32) | ((ulong)g[1] << 24) | ((ulong)g[2] << 16) | ((ulong)g[3] << 8) | g[4];
            for (int c = 0; c < 8; c++) { destination[group * 8 + c] = alphabet[(int)(bits >> (35 - 5 * c)) & 31]; }
        }
    }

    /// <summary>The NSEC3 owner name: the hash label prepended to the zone apex (RFC 5155 §3).</summary>
    public static DnsName OwnerName(ReadOnlySpan<byte> hash, DnsName origin)
    {
        Span<byte> label = stackalloc byte[LabelLength];
        WriteLabel(hash, label);
        return origin.Prepend(label);
    }
}
