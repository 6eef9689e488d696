using Desec.Zone.Names;

namespace Desec.Zone.Zones;

/// <summary>
/// The nodes of a zone by canonical key (<see cref="CanonicalOrder.WriteKey"/>), looked up by a
/// span so that the query path finds a key built in a stack buffer without allocating. The keys
/// are already lower-cased, so plain ordinal comparison is case-insensitive name comparison.
/// </summary>
internal sealed class NodeIndex
{
    private readonly HashSet<ZoneNode>.AlternateLookup<ReadOnlySpan<byte>> _byKey;

    public NodeIndex(IReadOnlyCollection<ZoneNode> nodes)
    {
        var set = new HashSet<ZoneNode>(nodes.Count, ByKey.Instance);
        foreach (var node in nodes) { set.Add(node); }
        _byKey = set.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public bool TryGet(ReadOnlySpan<byte> key, out ZoneNode node) => _byKey.TryGetValue(key, out node!);

    public ZoneNode? Find(DnsName name) => Find(name.Wire);

    /// <summary>The node of a wire name already known to be valid (a name from RDATA of the zone).</summary>
    public ZoneNode? Find(ReadOnlySpan<byte> wireName)
    {
        Span<byte> buffer = stackalloc byte[CanonicalOrder.MaxKeyLength(DnsName.MaxLength)];
        return TryGet(buffer[..CanonicalOrder.WriteKey(wireName, buffer)], out var node) ? node : null;
    }

    private sealed class ByKey : IEqualityComparer<ZoneNode>, IAlternateEqualityComparer<ReadOnlySpan<byte>, ZoneNode>
    {
        public static readonly ByKey Instance = new();

        public bool Equals(ZoneNode? x, ZoneNode? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Key.SequenceEqual(y.Key));

        public int GetHashCode(ZoneNode node) => Hash(node.Key);

        public bool Equals(ReadOnlySpan<byte> alternate, ZoneNode other) => alternate.SequenceEqual(other.Key);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        /// <summary>Never called: nodes are only looked up by a span, not added by one.</summary>
        public ZoneNode Create(ReadOnlySpan<byte> alternate) => throw new NotSupportedException("a node cannot be made from its key alone");

        private static int Hash(ReadOnlySpan<byte> key)
        {
            var hash = new HashCode();
            hash.AddBytes(key);
            return hash.ToHashCode();
        }
    }
}
