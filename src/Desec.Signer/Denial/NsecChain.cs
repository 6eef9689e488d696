using Desec.Zone.Names;
using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Signer.Denial;

using Zone = Desec.Zone.Zones.Zone;

/// <summary>
/// The NSEC chain of one zone version (RFC 4034 §4): one record per name that owns authoritative
/// data or is a zone cut, in canonical order, the last one pointing back to the apex. Built by
/// <see cref="NsecChainBuilder"/>; read-only after. Look-ups map a zone node or a name to the index
/// of its record without allocating; <see cref="NsecProofs"/> builds the proofs answers need.
/// </summary>
public sealed class NsecChain
{
    private readonly ZoneNode[] _owners;
    private readonly ResourceRecord[] _records;

    /// <summary>For each zone node (by <see cref="ZoneNode.Index"/>): the last chain entry at or before it in canonical order.</summary>
    private readonly int[] _entryAtOrBefore;

    internal NsecChain(Zone zone, ZoneNode[] owners, ResourceRecord[] records, int[] entryAtOrBefore, uint ttl)
    {
        Zone = zone;
        _owners = owners;
        _records = records;
        _entryAtOrBefore = entryAtOrBefore;
        Ttl = ttl;
    }

    public Zone Zone { get; }

    public uint Ttl { get; }

    /// <summary>The owners of the chain in canonical order, the apex first.</summary>
    public IReadOnlyList<ZoneNode> Owners => _owners;

    /// <summary>The NSEC records; <c>Records[i]</c> is owned by <c>Owners[i]</c>.</summary>
    public IReadOnlyList<ResourceRecord> Records => _records;

    public int Count => _records.Length;

    /// <summary>The index of the NSEC owned by <paramref name="node"/>, or -1 when the chain skips the node.</summary>
    public int IndexOf(ZoneNode node)
    {
        int entry = EntryAtOrBefore(node);
        return _owners[entry] == node ? entry : -1;
    }

    /// <summary>The index of the NSEC at this name or, when none is there, of the one that covers it.</summary>
    public int Find(ReadOnlySpan<byte> wireName, out bool matches)
    {
        matches = false;
        if (Zone.TryFind(wireName, out var node))
        {
            int entry = EntryAtOrBefore(node);
            matches = ReferenceEquals(_owners[entry], node);
            // An empty non-terminal or an occluded name sorts after the entry before it: that one covers it.
            return entry;
        }
        if (!Zone.TryFindPredecessor(wireName, out var predecessor)) { return -1; }
        return EntryAtOrBefore(predecessor);
    }

    /// <summary>
    /// The index of the NSEC that covers a name without an NSEC of its own: owner &lt; name &lt; next in
    /// canonical order (RFC 4035 §3.1.3.2), the last record covering what sorts after it.
    /// </summary>
    public int FindCovering(ReadOnlySpan<byte> wireName)
    {
        int entry = Find(wireName, out bool matches);
        return matches ? -1 : entry;
    }

    public int FindCovering(DnsName name) => FindCovering(name.Wire);

    /// <summary>
    /// The index of the NSEC at <paramref name="node"/> or, when the chain skips it (an empty
    /// non-terminal, a name below a cut), of the last one before it: the record that matches or
    /// covers the node's name. The node may be of any version with the chain's names (the signed zone).
    /// </summary>
    public int EntryAtOrBefore(ZoneNode node) => _entryAtOrBefore[node.Index];
}
