using Desec.Zone.Names;
using Desec.Zone.Rdata.Views;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>
/// An immutable version of a zone, ready for the query path: nodes in DNSSEC canonical order
/// (RFC 4034 §6.1) including empty non-terminals, flags, previous-name links and glue worked out
/// once by <see cref="ZoneBuilder"/>. Look-ups by name do not allocate (see Zone.Lookup.cs).
/// </summary>
public sealed partial class Zone
{
    private readonly ZoneNode[] _nodes;
    private readonly NodeIndex _byKey;

    /// <param name="nodes">Sorted in canonical order, the apex first, links already set.</param>
    /// <param name="byKey">Every node by its key, taken over as it is.</param>
    internal Zone(DnsName origin, ZoneNode[] nodes, NodeIndex byKey, uint serial)
    {
        Origin = origin;
        _nodes = nodes;
        _byKey = byKey;
        Serial = serial;
        Apex = nodes[0];
        Soa = Apex.Find(RRType.SOA) ?? throw new InvalidOperationException("a zone needs an SOA at the apex");
        NegativeTtl = Math.Min(Soa.Ttl, SoaView.Read(Soa.Rdatas[0]).Minimum);
        foreach (var node in nodes)
        {
            foreach (var set in node.RRsetArray) { RecordCount += set.Count; }
        }
    }

    public DnsName Origin { get; }

    /// <summary>The SOA serial (RFC 1035 §3.3.13).</summary>
    public uint Serial { get; }

    public int RecordCount { get; }

    public ZoneNode Apex { get; }

    public RRset Soa { get; }

    /// <summary>
    /// The TTL of negative answers and of the SOA that goes with them: the lesser of the SOA's TTL and
    /// its MINIMUM field (RFC 2308 §5); also the TTL of NSEC and NSEC3 records (RFC 9077 §3).
    /// </summary>
    public uint NegativeTtl { get; }

    /// <summary>Every node in canonical order, the apex first, empty non-terminals and occluded nodes included.</summary>
    public IReadOnlyList<ZoneNode> Nodes => _nodes;

    /// <summary>The node at <paramref name="index"/> in canonical order (<see cref="ZoneNode.Index"/>), read straight from the array.</summary>
    public ZoneNode NodeAt(int index) => _nodes[index];

    /// <summary>
    /// Every record, in canonical order: owner (RFC 4034 §6.1), then type, then RDATA (RFC 4034 §6.3).
    /// Occluded records and glue are included: this is what a zone transfer sends.
    /// </summary>
    public IEnumerable<ResourceRecord> Records
    {
        get
        {
            foreach (var node in _nodes)
            {
                foreach (var set in node.RRsets)
                {
                    foreach (var rdata in set.Rdatas) { yield return new ResourceRecord(set.Owner, set.Type, set.Ttl, rdata); }
                }
            }
        }
    }
}
