using Desec.Zone.Messages;
using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Auth.Query;

/// <summary>Writes an RRset of a zone with the RRSIGs over it, as every section does with DNSSEC.</summary>
internal static class SignedRRsets
{
    /// <summary>
    /// An RRset under <paramref name="owner"/> and, with DNSSEC, the RRSIGs over it (RFC 4035 §3.1.1)
    /// with the same owner and TTL. False when the RRset did not fit.
    /// </summary>
    public static bool Add(ref MessageWriter response, MessageSection section, ZoneNode node, scoped ReadOnlySpan<byte> owner,
        RRset set, bool dnssec, uint? ttl = null)
    {
        uint recordTtl = ttl ?? set.Ttl;
        if (!response.TryAdd(section, owner, set, recordTtl)) { return false; }
        if (dnssec && node.FindSignatures(set.Type) is { } signatures) { response.TryAdd(section, owner, signatures, recordTtl); }
        return true;
    }
}
