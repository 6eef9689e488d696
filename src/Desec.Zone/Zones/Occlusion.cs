using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>
/// Marks the nodes hidden below a zone cut or a DNAME. Data below a DNAME is refused (RFC 6672
/// §2.4); data below a delegation is kept and flagged (the zone transfer still carries it), with a
/// warning unless it is an address record some NS needs as glue.
/// </summary>
internal static class Occlusion
{
    /// <param name="pending">The owner behind each node, by <see cref="ZoneNode.Index"/>; null for empty non-terminals.</param>
    public static void Apply(ZoneNode[] nodes, PendingOwner?[] pending, ZoneBuildResult result)
    {
        var nsTargets = NsTargets(nodes);
        // Canonical order visits every ancestor before its descendants.
        foreach (var node in nodes)
        {
            var parent = node.Parent;
            if (parent is null) { continue; }
            var hider = parent.OccludedBy
                ?? (parent.Is(NodeFlags.Delegation) || parent.Is(NodeFlags.HasDname) ? parent : null);
            if (hider is null) { continue; }
            node.OccludedBy = hider;
            node.Flags = (node.Flags | NodeFlags.Occluded) & ~NodeFlags.Delegation;
            if (pending[node.Index] is not { } owner) { continue; } // an empty non-terminal holds nothing to report
            foreach (var set in owner.PendingSets)
            {
                var location = set.First.Location;
                string type = RRType.ToText(set.Set.Type);
                if (hider.Is(NodeFlags.HasDname) && !hider.Is(NodeFlags.Delegation))
                {
                    result.Errors.Add(new(location, node.Name,
                        $"{type} below the DNAME at {hider.Name}: no data may exist below a DNAME (RFC 6672 §2.4)"));
                }
                else if (!(set.Set.Type is RRType.A or RRType.AAAA && nsTargets.Contains(node.Name)))
                {
                    result.Warnings.Add(new(location, node.Name,
                        $"{type} is occluded by the delegation at {hider.Name}: kept for transfers but never answered (RFC 1034 §4.2.1)"));
                }
            }
        }
    }

    private static HashSet<DnsName> NsTargets(ZoneNode[] nodes)
    {
        var targets = new HashSet<DnsName>();
        foreach (var node in nodes)
        {
            var ns = node.Find(RRType.NS);
            if (ns is null) { continue; }
            foreach (var rdata in ns.Rdatas)
            {
                if (DnsName.TryValidateWire(rdata, out _, out _)) { targets.Add(DnsName.FromWire(rdata)); }
            }
        }
        return targets;
    }
}
