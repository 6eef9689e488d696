using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Desec.Signer.Keys;
using Desec.Signer.Signing;
using ZoneData = Desec.Zone.Zones.Zone;

namespace Desec.Signer.Storage;

/// <summary>
/// What a signed version was made from, in a form that can be kept beside it and compared later:
/// a digest of the unsigned zone, and one line of text each for the keys and the policy. The same
/// inputs (with the same serial) make the same signed zone, signatures aside.
/// </summary>
public static class SigningInputs
{
    /// <summary>
    /// SHA-256 over the origin and every record of the unsigned zone in canonical order (owner as
    /// written, type, TTL, RDATA length, RDATA), so a change of any record, of letter case in an owner
    /// or of a TTL changes it.
    /// </summary>
    public static byte[] UnsignedDigest(ZoneData zone)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int used = 0;
        void Put(ReadOnlySpan<byte> bytes)
        {
            if (used + bytes.Length > buffer.Length)
            {
                hash.AppendData(buffer, 0, used);
                used = 0;
            }
            if (bytes.Length > buffer.Length) { hash.AppendData(bytes); return; }
            bytes.CopyTo(buffer.AsSpan(used));
            used += bytes.Length;
        }
        Span<byte> fixedPart = stackalloc byte[8];
        Put(zone.Origin.Wire);
        foreach (var node in zone.Nodes)
        {
            foreach (var set in node.RRsets)
            {
                foreach (var rdata in set.Rdatas)
                {
                    Put(set.Owner.Wire);
                    BinaryPrimitives.WriteUInt16BigEndian(fixedPart, set.Type);
                    BinaryPrimitives.WriteUInt32BigEndian(fixedPart[2..], set.Ttl);
                    BinaryPrimitives.WriteUInt16BigEndian(fixedPart[6..], (ushort)rdata.Length);
                    Put(fixedPart);
                    Put(rdata);
                }
            }
        }
        hash.AppendData(buffer, 0, used);
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// The keys as one line: per key its tag, algorithm, flags, role and the SHA-256 of its DNSKEY
    /// RDATA (two keys can share a tag, RFC 4034 Appendix B), in tag order.
    /// </summary>
    public static string Keys(IReadOnlyList<DnssecKey> keys) => string.Join(' ', keys
        .OrderBy(k => k.KeyTag).ThenBy(k => k.Algorithm.Number)
        .Select(k => string.Create(CultureInfo.InvariantCulture,
            $"{k.KeyTag}/{k.Algorithm.Number}/{k.Flags}/{k.Role.ToString().ToLowerInvariant()}/{Convert.ToHexStringLower(SHA256.HashData(k.DnskeyRdata))[..16]}")));

    /// <summary>True when <paramref name="dnskeyRdata"/> is one of the keys of a line made by <see cref="Keys"/>.</summary>
    public static bool Lists(string keysLine, ReadOnlySpan<byte> dnskeyRdata)
    {
        string digest = "/" + Convert.ToHexStringLower(SHA256.HashData(dnskeyRdata))[..16];
        return keysLine.Split(' ').Any(key => key.EndsWith(digest, StringComparison.Ordinal));
    }

    /// <summary>Every setting of the policy as one line (a setting added to <see cref="SigningPolicy"/> must be added here; a test checks it).</summary>
    public static string Policy(SigningPolicy policy) => string.Create(CultureInfo.InvariantCulture,
        $"algorithm={policy.Algorithm.Number} denial={policy.Denial.ToString().ToLowerInvariant()} nsec3={policy.Nsec3} " +
        $"validity={(long)policy.SignatureValidity.TotalSeconds} inception-offset={(long)policy.InceptionOffset.TotalSeconds} " +
        $"refresh-remaining={policy.RefreshRemaining:R} jitter={policy.ExpirationJitter:R} key-ttl={policy.KeyTtl} " +
        $"cds={string.Join(',', policy.CdsDigestTypes)} provisioned-sep-cds={policy.PublishProvisionedSepCds} " +
        $"csync={policy.Csync} csync-soaminimum={policy.CsyncSoaMinimum}");
}
