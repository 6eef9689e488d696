using System.Buffers.Binary;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>
/// Groups input records into RRsets per owner: refuses meta types and names outside the zone,
/// drops duplicates and reconciles differing TTLs, with a warning for each.
/// </summary>
internal static class RRsetCollector
{
    public static List<PendingOwner> Collect(DnsName origin, IEnumerable<ResourceRecord> records, ZoneBuildResult result)
    {
        var byOwner = new Dictionary<DnsName, PendingOwner>();
        var owners = new List<PendingOwner>();
        foreach (var record in records)
        {
            if (RRType.IsMetaOrQuery(record.Type))
            {
                result.Errors.Add(new(record.Location, record.Owner,
                    $"{RRType.ToText(record.Type)} is a meta or query type and cannot be zone data (RFC 6895 §3.1)"));
                continue;
            }
            if (!record.Owner.IsSubdomainOf(origin))
            {
                result.Errors.Add(new(record.Location, record.Owner,
                    $"{RRType.ToText(record.Type)} record outside the zone: the owner is not at or below {origin}"));
                continue;
            }
            if (!byOwner.TryGetValue(record.Owner, out var owner))
            {
                byOwner.Add(record.Owner, owner = new PendingOwner(record.Owner));
                owners.Add(owner);
            }
            ushort covered = CoveredType(record);
            // An owner has few types: a linear search beats a dictionary per owner.
            int index = owner.Input.FindIndex(g => g.Type == record.Type && g.Covered == covered);
            if (index < 0) { owner.Input.Add((record.Type, covered, [record])); }
            else { owner.Input[index].Records.Add(record); }
        }

        foreach (var owner in owners)
        {
            owner.Input.Sort((a, b) => (a.Type, a.Covered).CompareTo((b.Type, b.Covered)));
            foreach (var group in owner.Input) { owner.Sets.Add(MakeRRset(owner.Name, group.Records, result)); }
            owner.Input.Clear();
        }
        return owners;
    }

    /// <summary>
    /// RRSIG records are grouped per covered type: signatures over different RRsets legitimately
    /// carry different TTLs, each equal to the TTL of the RRset it covers (RFC 4034 §3).
    /// </summary>
    private static ushort CoveredType(ResourceRecord record) =>
        record.Type == RRType.RRSIG && record.Rdata.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(record.Rdata) : (ushort)0;

    private static PendingRRset MakeRRset(DnsName owner, List<ResourceRecord> records, ZoneBuildResult result)
    {
        if (records.Count == 1) { return new PendingRRset(new RRset(owner, records[0].Type, records[0].Ttl, [records[0].Rdata]), records); }
        string type = RRType.ToText(records[0].Type);
        uint lowest = records.Min(r => r.Ttl);
        var differing = records.FirstOrDefault(r => r.Ttl != records[0].Ttl);
        if (differing is not null)
        {
            // RFC 2181 §5.2: TTLs within an RRset must match; treat a mismatch as if all had the lowest.
            result.Warnings.Add(new(differing.Location, owner,
                $"TTL {differing.Ttl} differs from TTL {records[0].Ttl} within the {type} RRset; using the lowest, {lowest} (RFC 2181 §5.2)"));
        }
        var distinct = new List<ResourceRecord>(records.Count);
        var seen = new HashSet<byte[]>(NameKeyComparer.Instance); // ordinal equality of RDATA bytes
        foreach (var record in records)
        {
            if (!seen.Add(record.Rdata))
            {
                // RFC 2181 §5: an RRset holds no duplicate records.
                result.Warnings.Add(new(record.Location, owner, $"duplicate {type} record dropped (RFC 2181 §5)"));
                continue;
            }
            distinct.Add(record);
        }
        return new PendingRRset(new RRset(owner, records[0].Type, lowest, distinct.Select(r => r.Rdata)), distinct);
    }
}
