using System.Security.Cryptography;
using Desec.Zone.Names;

namespace Desec.Zone.Tsig;

/// <summary>
/// A TSIG MAC algorithm: its name on the wire (RFC 8945 §6, the IANA "TSIG Algorithm Names"
/// registry), the HMAC hash and its output length. HMAC-MD5 and GSS-TSIG are not offered;
/// HMAC-SHA224 is not either, as .NET has no SHA-224.
/// </summary>
public sealed class TsigAlgorithm
{
    public static readonly TsigAlgorithm HmacSha1 = new("hmac-sha1", HashAlgorithmName.SHA1, 20);
    public static readonly TsigAlgorithm HmacSha256 = new("hmac-sha256", HashAlgorithmName.SHA256, 32);
    public static readonly TsigAlgorithm HmacSha384 = new("hmac-sha384", HashAlgorithmName.SHA384, 48);
    public static readonly TsigAlgorithm HmacSha512 = new("hmac-sha512", HashAlgorithmName.SHA512, 64);

    /// <summary>RFC 8945 §6: HMAC-SHA256 is the one every implementation must offer, so it is our default.</summary>
    public static TsigAlgorithm Default => HmacSha256;

    public static IReadOnlyList<TsigAlgorithm> All { get; } = [HmacSha1, HmacSha256, HmacSha384, HmacSha512];

    private TsigAlgorithm(string mnemonic, HashAlgorithmName hash, int macLength)
    {
        Mnemonic = mnemonic;
        Name = DnsName.Parse(mnemonic + ".");
        Hash = hash;
        MacLength = macLength;
    }

    /// <summary>The name operators write (hmac-sha256).</summary>
    public string Mnemonic { get; }

    /// <summary>The algorithm name as it appears in the TSIG RDATA (hmac-sha256.), lower case.</summary>
    public DnsName Name { get; }

    public HashAlgorithmName Hash { get; }

    /// <summary>Octets of the full MAC (the hash output length).</summary>
    public int MacLength { get; }

    /// <summary>
    /// RFC 8945 §5.2.2.1: a MAC may be truncated, but never below the larger of 10 octets and
    /// half the hash output length.
    /// </summary>
    public int MinimumMacLength => Math.Max(10, MacLength / 2);

    public IncrementalHash CreateHmac(byte[] secret) => IncrementalHash.CreateHMAC(Hash, secret);

    /// <summary>Finds an algorithm by its mnemonic, with or without a trailing dot, ignoring case.</summary>
    public static TsigAlgorithm? FromMnemonic(string text)
    {
        var trimmed = text.Trim().TrimEnd('.');
        return All.FirstOrDefault(a => string.Equals(a.Mnemonic, trimmed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Finds an algorithm by its wire name (compared ignoring case).</summary>
    public static TsigAlgorithm? FromWireName(ReadOnlySpan<byte> wire)
    {
        foreach (var algorithm in All)
        {
            if (wire.Length == algorithm.Name.Length && DnsName.AsciiEqualsIgnoreCase(wire, algorithm.Name.Wire)) { return algorithm; }
        }
        return null;
    }

    public override string ToString() => Mnemonic;
}
