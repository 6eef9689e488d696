using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>An RRset while a zone is being built, with the distinct input records behind it (for error locations).</summary>
internal sealed class PendingRRset(RRset set, ArraySegment<ResourceRecord> records)
{
    public RRset Set { get; } = set;

    /// <summary>The distinct records, in input order; the first one locates the RRset in messages.</summary>
    public ArraySegment<ResourceRecord> Records { get; } = records;

    public ResourceRecord First => Records[0];
}

/// <summary>The RRsets of one owner name while a zone is being built.</summary>
internal sealed class PendingOwner(DnsName name)
{
    public DnsName Name { get; } = name;

    /// <summary>Sorted by type (RRSIG sets by covered type), set by <see cref="RRsetCollector"/>.</summary>
    public PendingRRset[] Sets { get; set; } = [];

    /// <summary>The node made for this owner by <see cref="NodeTreeBuilder"/>.</summary>
    public ZoneNode Node { get; set; } = null!;

    public PendingRRset? Find(ushort type)
    {
        foreach (var set in Sets)
        {
            if (set.Set.Type == type) { return set; }
        }
        return null;
    }
}
