using System.Buffers.Binary;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>
/// Turns owners into nodes: sorts them by canonical key, adds the empty non-terminals between the
/// apex and deeper names, links each node to its parent and its canonical predecessor and sets the
/// flags that depend on the node alone. A parent's key is a prefix of its child's key (see
/// <see cref="CanonicalOrder.WriteKey"/>), so walking up the tree needs no new names.
/// </summary>
/// <remarks>
/// Canonical order lists a name right before its subtree (RFC 4034 §6.1 compares from the
/// rightmost label), so one walk over the sorted owners with a stack of the current ancestors
/// finds every parent, and every missing ancestor goes right before the first name below it.
/// </remarks>
internal static class NodeTreeBuilder
{
    public static ZoneNode[] Build(DnsName origin, List<PendingOwner> owners)
    {
        var sorted = new ZoneNode[owners.Count];
        var keys = new KeyArena();
        Span<byte> key = stackalloc byte[CanonicalOrder.MaxKeyLength(DnsName.MaxLength)];
        for (int i = 0; i < owners.Count; i++)
        {
            var owner = owners[i];
            int keyLength = CanonicalOrder.WriteKey(owner.Name.Wire, key);
            var (block, offset) = keys.Add(key[..keyLength]);
            owner.Node = new ZoneNode(owner.Name, block, offset, keyLength, owner.Sets) { Flags = DataFlags(owner) };
            sorted[i] = owner.Node;
        }
        var apexKey = CanonicalOrder.Key(origin);
        SortByKey(sorted, apexKey.Length);

        var nodes = new List<ZoneNode>(sorted.Length + 1);
        // Only missing when the zone is refused anyway (no SOA); keeps the tree rooted.
        var apex = sorted.Length > 0 && sorted[0].Key.SequenceEqual(apexKey)
            ? sorted[0] : new ZoneNode(origin, apexKey, 0, apexKey.Length, []);
        nodes.Add(apex);
        var ancestors = new List<ZoneNode> { apex };
        foreach (var node in sorted)
        {
            if (node == apex) { continue; }
            // Every owner is at or below the apex (the collector refused the others), so the apex stays.
            while (!node.Key.StartsWith(ancestors[^1].Key)) { ancestors.RemoveAt(ancestors.Count - 1); }
            AddEmptyNonTerminals(node, ancestors, nodes);
            node.Parent = ancestors[^1];
            if (node.Is(NodeFlags.Wildcard)) { node.Parent.Flags |= NodeFlags.WildcardChild; }
            ancestors.Add(node);
            nodes.Add(node);
        }

        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            node.Index = i;
            node.Previous = nodes[i == 0 ? nodes.Count - 1 : i - 1];
            // The apex is neither a delegation nor a wildcard, whatever its RRsets.
            if (i == 0) { node.Flags = (node.Flags | NodeFlags.Apex) & ~(NodeFlags.Delegation | NodeFlags.Wildcard); }
        }
        return nodes.ToArray();
    }

    /// <summary>
    /// Every ancestor of an owner up to the apex exists as a name (RFC 4592 §2.2.2): an ancestor
    /// without RRsets becomes an empty non-terminal node, so that it answers NODATA, not NXDOMAIN.
    /// <paramref name="ancestors"/> ends with the deepest existing ancestor of <paramref name="node"/>;
    /// the missing ones below it are added to it and to <paramref name="nodes"/>, shallowest first.
    /// </summary>
    private static void AddEmptyNonTerminals(ZoneNode node, List<ZoneNode> ancestors, List<ZoneNode> nodes)
    {
        int existing = ancestors[^1].Key.Length;
        int missing = 0;
        for (var key = ParentKey(node.Key); key.Length > existing; key = ParentKey(key)) { missing++; }
        for (int m = missing; m > 0; m--)
        {
            var name = node.Name.Ancestor(node.Name.LabelCount - m);
            var key = node.Key;
            for (int up = 0; up < m; up++) { key = ParentKey(key); }
            var ent = node.Ancestor(name, key.Length, []);
            // A wildcard may be an empty non-terminal too (RFC 4592 §2.2.2); it still matches nothing below.
            ent.Flags = NodeFlags.EmptyNonTerminal | (name.IsWildcard ? NodeFlags.Wildcard : NodeFlags.None);
            ent.Parent = ancestors[^1];
            if (ent.Is(NodeFlags.Wildcard)) { ent.Parent.Flags |= NodeFlags.WildcardChild; }
            ancestors.Add(ent);
            nodes.Add(ent);
        }
    }

    /// <summary>
    /// Sorts by key. Every key starts with the apex key, so the comparison starts after it: the
    /// next sixteen octets, read as one big-endian number (zero-padded, which keeps the order),
    /// are sorted as plain numbers, which decides nearly every comparison without touching the
    /// nodes; runs of equal numbers are then sorted by their whole keys.
    /// </summary>
    private static void SortByKey(ZoneNode[] nodes, int apexKeyLength)
    {
        var prefixes = new UInt128[nodes.Length];
        Span<byte> padded = stackalloc byte[16];
        for (int i = 0; i < nodes.Length; i++)
        {
            var key = nodes[i].Key;
            var rest = key[Math.Min(apexKeyLength, key.Length)..];
            padded.Clear();
            rest[..Math.Min(rest.Length, padded.Length)].CopyTo(padded);
            prefixes[i] = BinaryPrimitives.ReadUInt128BigEndian(padded);
        }
        Array.Sort(prefixes, nodes);
        for (int start = 0; start < nodes.Length;)
        {
            int end = start + 1;
            while (end < nodes.Length && prefixes[end] == prefixes[start]) { end++; }
            if (end - start > 1) { nodes.AsSpan(start, end - start).Sort(static (a, b) => a.Key.SequenceCompareTo(b.Key)); }
            start = end;
        }
    }

    /// <summary>The key of the name one label up: the key without its last label and separator.</summary>
    private static ReadOnlySpan<byte> ParentKey(ReadOnlySpan<byte> key) => key[..(key[..^1].LastIndexOf((byte)0) + 1)];

    /// <summary>
    /// The flags that depend on the owner alone, set while its data is at hand (later passes visit
    /// the nodes in canonical order, which is far from the order they lie in memory). The apex
    /// loses Delegation and Wildcard again once it is known.
    /// </summary>
    private static NodeFlags DataFlags(PendingOwner owner)
    {
        var flags = owner.Name.IsWildcard ? NodeFlags.Wildcard : NodeFlags.None;
        foreach (var set in owner.Sets)
        {
            if (set.Type == RRType.CNAME) { flags |= NodeFlags.HasCname; }
            if (set.Type == RRType.DNAME) { flags |= NodeFlags.HasDname; }
            if (set.Type == RRType.NS) { flags |= NodeFlags.Delegation; }
        }
        return flags;
    }}
