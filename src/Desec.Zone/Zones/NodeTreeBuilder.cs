using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>
/// Turns owners into nodes: adds the empty non-terminals between the apex and deeper names,
/// sorts by canonical key, links each node to its parent and its canonical predecessor and sets
/// the flags that depend on the node alone.
/// </summary>
internal static class NodeTreeBuilder
{
    public static ZoneNode[] Build(DnsName origin, List<PendingOwner> owners)
    {
        var byKey = new Dictionary<byte[], ZoneNode>(NameKeyComparer.Instance);
        foreach (var owner in owners)
        {
            var rrsets = owner.Sets.Select(s => s.Set).ToArray();
            var node = new ZoneNode(owner.Name, CanonicalOrder.Key(owner.Name), rrsets) { Flags = DataFlags(rrsets) };
            byKey.Add(node.KeyArray, node);
        }
        if (!byKey.ContainsKey(CanonicalOrder.Key(origin)))
        {
            // Only reached when the zone is refused anyway (no SOA); keeps the tree rooted.
            var apexKey = CanonicalOrder.Key(origin);
            byKey.Add(apexKey, new ZoneNode(origin, apexKey, []));
        }
        AddEmptyNonTerminals(origin, owners, byKey);

        var nodes = byKey.Values.ToArray();
        Array.Sort(nodes, (a, b) => a.Key.SequenceCompareTo(b.Key));
        for (int i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            node.Index = i;
            node.Previous = nodes[i == 0 ? nodes.Length - 1 : i - 1];
            if (i == 0) { node.Flags |= NodeFlags.Apex; continue; }
            node.Parent = byKey[CanonicalOrder.Key(node.Name.Parent())];
            if (node.Name.IsWildcard) { node.Flags |= NodeFlags.Wildcard; }
            if (node.Find(RRType.NS) is not null) { node.Flags |= NodeFlags.Delegation; }
        }
        return nodes;
    }

    private static NodeFlags DataFlags(RRset[] rrsets)
    {
        var flags = NodeFlags.None;
        foreach (var set in rrsets)
        {
            if (set.Type == RRType.CNAME) { flags |= NodeFlags.HasCname; }
            if (set.Type == RRType.DNAME) { flags |= NodeFlags.HasDname; }
        }
        return flags;
    }

    /// <summary>
    /// Every ancestor of an owner up to the apex exists as a name (RFC 4592 §2.2.2): an ancestor
    /// without RRsets becomes an empty non-terminal node, so that it answers NODATA, not NXDOMAIN.
    /// </summary>
    private static void AddEmptyNonTerminals(DnsName origin, List<PendingOwner> owners, Dictionary<byte[], ZoneNode> byKey)
    {
        foreach (var owner in owners)
        {
            for (int labels = owner.Name.LabelCount - 1; labels > origin.LabelCount; labels--)
            {
                var ancestor = owner.Name.Ancestor(labels);
                var key = CanonicalOrder.Key(ancestor);
                if (byKey.ContainsKey(key)) { break; } // an existing node gets its ancestors from its own walk
                byKey.Add(key, new ZoneNode(ancestor, key, []) { Flags = NodeFlags.EmptyNonTerminal });
            }
        }
    }
}
