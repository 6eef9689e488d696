using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Signer.Denial;

using Zone = Desec.Zone.Zones.Zone;

/// <summary>
/// Builds the NSEC chain of an unsigned zone (RFC 4034 §4, RFC 4035 §2.3): an NSEC at every name
/// that owns authoritative data and at every zone cut, none at glue or other occluded names and
/// none at empty non-terminals (they own no RRset; the NSEC before one, whose next name lies below
/// it, shows that it exists). The zone's nodes are already in canonical order (RFC 4034 §6.1).
/// </summary>
public static class NsecChainBuilder
{
    /// <param name="zone">The unsigned zone.</param>
    /// <param name="extraApexTypes">
    /// Types the signer adds at the apex that the zone does not hold yet (DNSKEY, CDS, CDNSKEY, CSYNC):
    /// the apex NSEC must list every type present there once the zone is signed (RFC 4035 §2.3).
    /// </param>
    public static NsecChain Build(Zone zone, IEnumerable<ushort>? extraApexTypes = null)
    {
        var nodes = zone.Nodes;
        uint ttl = DenialRules.Ttl(zone);

        var owners = new List<ZoneNode>();
        var entryAtOrBefore = new int[nodes.Count];
        foreach (var node in nodes)
        {
            if (DenialRules.OwnsData(node)) { owners.Add(node); }
            // The apex is always an owner, so every node has one at or before it.
            entryAtOrBefore[node.Index] = owners.Count - 1;
        }

        var records = new ResourceRecord[owners.Count];
        var types = new TypeBitmapWriter();
        var apexTypes = extraApexTypes?.ToArray() ?? [];
        for (int i = 0; i < owners.Count; i++)
        {
            var node = owners[i];
            // RFC 4034 §4.1.1: the next owner in canonical order; the last NSEC names the apex.
            var next = owners[(i + 1) % owners.Count];
            DenialRules.AddOwnTypes(node, types);
            if (node.Is(NodeFlags.Apex)) { foreach (ushort type in apexTypes) { types.Add(type); } }
            // RFC 4035 §2.3: every NSEC is signed, so RRSIG and NSEC are present at its owner, even at a
            // delegation without DS, where the NSEC (and the DS when there is one) is all that is signed.
            types.Add(RRType.RRSIG);
            types.Add(RRType.NSEC);
            records[i] = new ResourceRecord(node.Name, RRType.NSEC, ttl, Rdata(next, types));
        }
        return new NsecChain(zone, owners.ToArray(), records, entryAtOrBefore, ttl);
    }

    /// <summary>RFC 4034 §4.1: the next domain name, uncompressed and as the zone spells it (RFC 6840 §5.1), then the type bit maps.</summary>
    private static byte[] Rdata(ZoneNode next, TypeBitmapWriter types)
    {
        var rdata = new byte[next.Name.Length + types.EncodedLength];
        next.Name.Wire.CopyTo(rdata);
        types.WriteTo(rdata.AsSpan(next.Name.Length));
        return rdata;
    }
}
