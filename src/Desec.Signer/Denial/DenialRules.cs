using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Signer.Denial;

using Zone = Desec.Zone.Zones.Zone;

/// <summary>What NSEC and NSEC3 chains share: which nodes they describe, the types they list and their TTL.</summary>
public static class DenialRules
{
    /// <summary>
    /// The TTL of NSEC and NSEC3 records: the smaller of the SOA MINIMUM field and the SOA's own TTL,
    /// the TTL of negative answers (RFC 9077 §3, updating RFC 4034 §4, RFC 4035 §2.3 and RFC 5155 §3).
    /// </summary>
    public static uint Ttl(Zone zone) => zone.NegativeTtl;

    /// <summary>
    /// True when a node owns data the zone is authoritative for, or is a zone cut: the names an NSEC
    /// chain holds (RFC 4035 §2.3). Occluded names (glue and anything else below a cut) are not
    /// authoritative, and an empty non-terminal owns no RRset.
    /// </summary>
    public static bool OwnsData(ZoneNode node) =>
        !node.Is(NodeFlags.Occluded) && (node.Is(NodeFlags.Apex) || HasOwnTypes(node));

    /// <summary>A zone cut whose child is signed: it holds a DS RRset (RFC 4035 §2.4).</summary>
    public static bool IsSecureDelegation(ZoneNode node) => node.Is(NodeFlags.Delegation) && node.Find(RRType.DS) is not null;

    /// <summary>
    /// The types a denial record lists for the data at a node, before the chain's own additions (RRSIG,
    /// NSEC, NSEC3PARAM). At a delegation only NS and DS: "Bits corresponding to the delegation NS
    /// RRset and any RRsets for which the parent zone has authoritative data MUST be set; bits
    /// corresponding to any non-NS RRset for which the parent is not authoritative MUST be clear"
    /// (RFC 4034 §4.1.2, RFC 4035 §2.3; NSEC3 bitmaps follow the same rule, as in BIND and ldns, since
    /// the parent holds no other authoritative data there, RFC 5155 §7.1). Signatures and denial
    /// records already in the input are ignored: the chain describes what the signer produces.
    /// </summary>
    internal static void AddOwnTypes(ZoneNode node, TypeBitmapWriter types)
    {
        bool delegation = node.Is(NodeFlags.Delegation);
        for (int i = 0; i < node.RRsets.Count; i++)
        {
            ushort type = node.RRsets[i].Type;
            if (type is RRType.RRSIG or RRType.NSEC or RRType.NSEC3 or RRType.NSEC3PARAM) { continue; }
            if (delegation && type is not (RRType.NS or RRType.DS)) { continue; }
            types.Add(type);
        }
    }

    private static bool HasOwnTypes(ZoneNode node)
    {
        foreach (var set in node.RRsets)
        {
            if (set.Type is not (RRType.RRSIG or RRType.NSEC or RRType.NSEC3 or RRType.NSEC3PARAM)) { return true; }
        }
        return false;
    }
}
