using Desec.Signer.Algorithms;
using Desec.Zone.Names;

namespace Desec.Signer.Keys;

/// <summary>Makes new keys for a zone.</summary>
public static class KeyGenerator
{
    /// <summary>
    /// A new key with the given flags (257 for a CSK or KSK, 256 for a ZSK). The role defaults to
    /// CSK for 257 and ZSK for 256. A key whose tag is in <paramref name="tagsInUse"/> is thrown
    /// away and another made, so that key tags (and BIND's file names) stay unique in the zone.
    /// </summary>
    public static DnssecKey Generate(
        DnsName zone,
        DnssecAlgorithm algorithm,
        ushort flags = DnskeyRdata.KskFlags,
        KeyRole? role = null,
        DateTimeOffset? now = null,
        IReadOnlyCollection<ushort>? tagsInUse = null,
        int rsaModulusBits = 2048)
    {
        if (flags is not (DnskeyRdata.KskFlags or DnskeyRdata.ZskFlags))
        {
            throw new ArgumentException($"flags must be 257 or 256, not {flags}", nameof(flags));
        }
        var times = KeyTimes.At(now ?? DateTimeOffset.UtcNow);
        var keyRole = role ?? (flags == DnskeyRdata.KskFlags ? KeyRole.Csk : KeyRole.Zsk);
        while (true)
        {
            var signingKey = SigningKey.Generate(algorithm, rsaModulusBits);
            var key = new DnssecKey(zone.ToLower(), flags, signingKey, keyRole, times);
            if (tagsInUse is null || !tagsInUse.Contains(key.KeyTag)) { return key; }
            signingKey.Dispose();
        }
    }
}
