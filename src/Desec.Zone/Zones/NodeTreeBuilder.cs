using System.Buffers.Binary;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>
/// Turns owners into nodes: adds the empty non-terminals between the apex and deeper names,
/// sorts by canonical key, links each node to its parent and its canonical predecessor and sets
/// the flags that depend on the node alone. A parent's key is a prefix of its child's key (see
/// <see cref="CanonicalOrder.WriteKey"/>), so walking up the tree needs no new names.
/// </summary>
internal static class NodeTreeBuilder
{
    public static (ZoneNode[] Nodes, Dictionary<byte[], ZoneNode> ByKey) Build(DnsName origin, List<PendingOwner> owners)
    {
        var byKey = new Dictionary<byte[], ZoneNode>(owners.Count + 1, NameKeyComparer.Instance);
        var bySpan = byKey.GetAlternateLookup<ReadOnlySpan<byte>>();
        foreach (var owner in owners)
        {
            var rrsets = owner.Sets;
            owner.Node = new ZoneNode(owner.Name, CanonicalOrder.Key(owner.Name), rrsets) { Flags = DataFlags(rrsets) };
            byKey.Add(owner.Node.KeyArray, owner.Node);
        }
        var apexKey = CanonicalOrder.Key(origin);
        // Only missing when the zone is refused anyway (no SOA); keeps the tree rooted.
        byKey.TryAdd(apexKey, new ZoneNode(origin, apexKey, []));
        foreach (var owner in owners) { AddEmptyNonTerminals(owner.Node, apexKey.Length, byKey); }

        var nodes = SortByKey(byKey.Values, apexKey.Length);
        for (int i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            node.Index = i;
            node.Previous = nodes[i == 0 ? nodes.Length - 1 : i - 1];
            if (i == 0) { node.Flags |= NodeFlags.Apex; continue; }
            node.Parent = bySpan[ParentKey(node.Key)];
            if (node.Name.IsWildcard) { node.Flags |= NodeFlags.Wildcard; }
            if (node.Find(RRType.NS) is not null) { node.Flags |= NodeFlags.Delegation; }
        }
        return (nodes, byKey);
    }

    /// <summary>
    /// The nodes in key order. Every key starts with the apex key, so the comparison starts after
    /// it, and the next eight octets, read as one big-endian number (zero-padded, which keeps the
    /// order), decide most comparisons without looking at the keys again.
    /// </summary>
    private static ZoneNode[] SortByKey(IReadOnlyCollection<ZoneNode> unsorted, int apexKeyLength)
    {
        var entries = new (ulong Prefix, ZoneNode Node)[unsorted.Count];
        int i = 0;
        Span<byte> padded = stackalloc byte[sizeof(ulong)];
        foreach (var node in unsorted)
        {
            var rest = node.Key[Math.Min(apexKeyLength, node.Key.Length)..];
            padded.Clear();
            rest[..Math.Min(rest.Length, padded.Length)].CopyTo(padded);
            entries[i++] = (BinaryPrimitives.ReadUInt64BigEndian(padded), node);
        }
        entries.AsSpan().Sort(new PrefixThenKey());
        var nodes = new ZoneNode[entries.Length];
        for (i = 0; i < nodes.Length; i++) { nodes[i] = entries[i].Node; }
        return nodes;
    }

    private readonly struct PrefixThenKey : IComparer<(ulong Prefix, ZoneNode Node)>
    {
        public int Compare((ulong Prefix, ZoneNode Node) a, (ulong Prefix, ZoneNode Node) b) =>
            a.Prefix != b.Prefix ? a.Prefix.CompareTo(b.Prefix) : a.Node.Key.SequenceCompareTo(b.Node.Key);
    }

    /// <summary>The key of the name one label up: the key without its last label and separator.</summary>
    private static ReadOnlySpan<byte> ParentKey(ReadOnlySpan<byte> key) => key[..(key[..^1].LastIndexOf((byte)0) + 1)];

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
    /// The walk stops at the first ancestor that is already a node: that one's own walk (an owner)
    /// or the walk that created it (an empty non-terminal) covers the rest.
    /// </summary>
    private static void AddEmptyNonTerminals(ZoneNode node, int apexKeyLength, Dictionary<byte[], ZoneNode> byKey)
    {
        if (node.Key.Length <= apexKeyLength) { return; }
        var bySpan = byKey.GetAlternateLookup<ReadOnlySpan<byte>>();
        int labels = node.Name.LabelCount;
        for (var key = ParentKey(node.Key); key.Length > apexKeyLength; key = ParentKey(key))
        {
            labels--;
            if (bySpan.ContainsKey(key)) { return; }
            var ent = new ZoneNode(node.Name.Ancestor(labels), key.ToArray(), []) { Flags = NodeFlags.EmptyNonTerminal };
            byKey.Add(ent.KeyArray, ent);
        }
    }
}
