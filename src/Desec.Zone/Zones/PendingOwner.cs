using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>An RRset while a zone is being built, with the distinct input records behind it (for error locations).</summary>
internal sealed class PendingRRset(RRset set, List<ResourceRecord> records)
{
    public RRset Set { get; } = set;

    /// <summary>The distinct records, in input order; the first one locates the RRset in messages.</summary>
    public List<ResourceRecord> Records { get; } = records;

    public ResourceRecord First => Records[0];
}

/// <summary>The RRsets of one owner name while a zone is being built.</summary>
internal sealed class PendingOwner(DnsName name)
{
    public DnsName Name { get; } = name;

    /// <summary>The input records, grouped by type (and by covered type for RRSIG) in the order first seen.</summary>
    public List<(ushort Type, ushort Covered, List<ResourceRecord> Records)> Input { get; } = [];

    public List<PendingRRset> Sets { get; } = [];

    /// <summary>The node made for this owner by <see cref="NodeTreeBuilder"/>.</summary>
    public ZoneNode Node { get; set; } = null!;

    public PendingRRset? Find(ushort type) => Sets.Find(s => s.Set.Type == type);
}
