using Desec.Zone.Names;
using Desec.Zone.Rdata.Views;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>
/// One name of a zone with its RRsets, sorted by type (RRSIG sets, one per covered type, in
/// covered-type order). Built once per zone version by <see cref="ZoneBuilder"/>; read-only after.
/// </summary>
public sealed class ZoneNode
{
    // The key lives in a block shared with other nodes' keys (see KeyArena); an ancestor's key,
    // being a prefix of its descendant's, may share the descendant's bytes.
    private readonly byte[] _keyBlock;
    private readonly int _keyOffset;
    private readonly int _keyLength;
    private readonly RRset[] _rrsets;

    internal ZoneNode(DnsName name, byte[] keyBlock, int keyOffset, int keyLength, RRset[] rrsets)
    {
        Name = name;
        _keyBlock = keyBlock;
        _keyOffset = keyOffset;
        _keyLength = keyLength;
        _rrsets = rrsets;
    }

    public DnsName Name { get; }

    /// <summary>The canonical key (<see cref="CanonicalOrder.WriteKey"/>): ordinal order of keys is canonical order of names.</summary>
    public ReadOnlySpan<byte> Key => new(_keyBlock, _keyOffset, _keyLength);

    /// <summary>A node of an ancestor name, whose key is the first <paramref name="keyLength"/> octets of this node's key.</summary>
    internal ZoneNode Ancestor(DnsName name, int keyLength, RRset[] rrsets) => new(name, _keyBlock, _keyOffset, keyLength, rrsets);

    /// <summary>A node of the same name and key with other RRsets (a later version of this node).</summary>
    internal ZoneNode WithRRsets(RRset[] rrsets) => new(Name, _keyBlock, _keyOffset, _keyLength, rrsets);

    public IReadOnlyList<RRset> RRsets => _rrsets;

    /// <summary>The RRsets as an array, for loops over a whole zone (no enumerator per node).</summary>
    internal RRset[] RRsetArray => _rrsets;

    public NodeFlags Flags { get; internal set; }

    /// <summary>Position in canonical order (the apex is 0).</summary>
    public int Index { get; internal set; }

    /// <summary>
    /// The node before this one in canonical order, for NSEC chains and NXDOMAIN proofs. The list is
    /// circular: the apex's previous node is the last node of the zone, as the last NSEC points back
    /// to the apex (RFC 4034 §4.1.1). A zone of only its apex is its own previous node. The links run
    /// over every node, empty non-terminals and occluded nodes included; a denial chain skips the
    /// ones it does not cover by walking further back.
    /// </summary>
    public ZoneNode Previous { get; internal set; } = null!;

    /// <summary>The node of the name one label up; null for the apex. Empty non-terminals fill every gap.</summary>
    public ZoneNode? Parent { get; internal set; }

    /// <summary>For an occluded node: the delegation or DNAME node above it that hides it; null otherwise.</summary>
    public ZoneNode? OccludedBy { get; internal set; }

    /// <summary>
    /// The nodes whose addresses follow this node's NS, MX and SRV RRsets in the additional section,
    /// grouped by type in the order NS, MX, SRV (see <see cref="AdditionalTargetFinder"/>). Node
    /// indexes, so that a later version with the same nodes (the signed one) shares the array.
    /// </summary>
    internal AdditionalTarget[] Additional { get; set; } = [];

    /// <summary>
    /// The targets of this node's RRset of <paramref name="type"/> (NS, MX or SRV) that have
    /// addresses in the zone, each once, found when the zone version was built; empty for any other type.
    /// </summary>
    public ReadOnlySpan<AdditionalTarget> AdditionalTargets(ushort type)
    {
        var all = Additional.AsSpan();
        int start = 0;
        while (start < all.Length && all[start].Type != type) { start++; }
        int end = start;
        while (end < all.Length && all[end].Type == type) { end++; }
        return all[start..end];
    }

    public bool Is(NodeFlags flag) => (Flags & flag) == flag;

    public bool IsEmpty => _rrsets.Length == 0;

    /// <summary>The RRset of this type (for RRSIG: the first one, see <see cref="FindSignatures"/>), or null.</summary>
    public RRset? Find(ushort type)
    {
        foreach (var set in _rrsets)
        {
            if (set.Type == type) { return set; }
            if (set.Type > type) { break; }
        }
        return null;
    }

    /// <summary>The RRSIG records covering <paramref name="coveredType"/> (RRSIG RDATA starts with the type covered, RFC 4034 §3.1).</summary>
    public RRset? FindSignatures(ushort coveredType)
    {
        foreach (var set in _rrsets)
        {
            if (set.Type == RRType.RRSIG && CoveredType(set) == coveredType) { return set; }
            if (set.Type > RRType.RRSIG) { break; }
        }
        return null;
    }

    internal static ushort CoveredType(RRset set) => RrsigView.TypeCoveredBy(set);

    public override string ToString() => $"{Name} [{Flags}] {_rrsets.Length} RRsets";
}
