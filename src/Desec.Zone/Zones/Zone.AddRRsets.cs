using Desec.Zone.Records;

namespace Desec.Zone.Zones;

public sealed partial class Zone
{
    /// <summary>
    /// A new version of this zone with more RRsets at existing nodes, for the signer: RRSIG and NSEC
    /// records sit at names the zone already has and change neither its tree, its flags, occlusion
    /// nor glue, so building the zone again from every record would redo all that for nothing. The
    /// nodes are copied (this version stays as it was for its readers) and linked to each other as
    /// the originals are; the additional targets are shared, being node indexes.
    /// </summary>
    /// <param name="added">Per node index, the RRsets to add, or null for none. Their owner must be the
    /// node's name, they must not repeat a type (for RRSIG: a covered type) the node holds, and they
    /// must not be of a type that sets flags (NS, CNAME, DNAME, SOA); callers inside the libraries
    /// guarantee that.</param>
    internal Zone WithAddedRRsets(IReadOnlyList<RRset>?[] added)
    {
        if (added.Length != _nodes.Length) { throw new ArgumentException("one entry per node is needed", nameof(added)); }
        var copies = new ZoneNode[_nodes.Length];
        for (int i = 0; i < _nodes.Length; i++)
        {
            var node = _nodes[i];
            var extra = added[i];
            RRset[] rrsets;
            if (extra is null || extra.Count == 0) { rrsets = node.RRsets as RRset[] ?? [.. node.RRsets]; }
            else
            {
                rrsets = new RRset[node.RRsets.Count + extra.Count];
                int n = 0;
                foreach (var set in node.RRsets) { rrsets[n++] = set; }
                foreach (var set in extra)
                {
                    if (!set.Owner.Equals(node.Name)) { throw new ArgumentException($"{set} does not belong at {node.Name}", nameof(added)); }
                    rrsets[n++] = set;
                }
                // The order ZoneBuilder gives a node's sets: by type, RRSIG sets by covered type.
                Array.Sort(rrsets, static (a, b) => a.Type != b.Type
                    ? a.Type.CompareTo(b.Type)
                    : ZoneNode.CoveredType(a).CompareTo(ZoneNode.CoveredType(b)));
            }
            var copy = node.WithRRsets(rrsets);
            copy.Flags = node.Flags;
            copy.Index = node.Index;
            copy.Additional = node.Additional;
            copies[i] = copy;
        }
        for (int i = 0; i < _nodes.Length; i++)
        {
            var node = _nodes[i];
            var copy = copies[i];
            copy.Previous = copies[node.Previous.Index];
            if (node.Parent is not null) { copy.Parent = copies[node.Parent.Index]; }
            if (node.OccludedBy is not null) { copy.OccludedBy = copies[node.OccludedBy.Index]; }
        }
        return new Zone(Origin, copies, new NodeIndex(copies), Serial);
    }
}
