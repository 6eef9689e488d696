using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>
/// What changed between two versions of a zone, as records removed and records added (both in
/// canonical order), the shape of an IXFR difference sequence (RFC 1995 §4). A record is compared
/// whole: one whose TTL changed is removed with its old TTL and added with its new one.
/// </summary>
public sealed class ZoneDiff
{
    private ZoneDiff(uint oldSerial, uint newSerial, List<ResourceRecord> removed, List<ResourceRecord> added)
    {
        OldSerial = oldSerial;
        NewSerial = newSerial;
        Removed = removed;
        Added = added;
    }

    public uint OldSerial { get; }
    public uint NewSerial { get; }
    public IReadOnlyList<ResourceRecord> Removed { get; }
    public IReadOnlyList<ResourceRecord> Added { get; }
    public bool IsEmpty => Removed.Count == 0 && Added.Count == 0;

    /// <summary>Walks both zones' records in canonical order side by side; linear in the size of the zones.</summary>
    public static ZoneDiff Compute(Zone oldZone, Zone newZone)
    {
        List<ResourceRecord> removed = [], added = [];
        using var olds = Entries(oldZone).GetEnumerator();
        using var news = Entries(newZone).GetEnumerator();
        bool hasOld = olds.MoveNext(), hasNew = news.MoveNext();
        while (hasOld || hasNew)
        {
            int order = !hasOld ? 1 : !hasNew ? -1 : Compare(olds.Current, news.Current);
            if (order < 0)
            {
                removed.Add(olds.Current.ToRecord());
                hasOld = olds.MoveNext();
            }
            else if (order > 0)
            {
                added.Add(news.Current.ToRecord());
                hasNew = news.MoveNext();
            }
            else
            {
                if (olds.Current.Set.Ttl != news.Current.Set.Ttl)
                {
                    removed.Add(olds.Current.ToRecord());
                    added.Add(news.Current.ToRecord());
                }
                hasOld = olds.MoveNext();
                hasNew = news.MoveNext();
            }
        }
        return new ZoneDiff(oldZone.Serial, newZone.Serial, removed, added);
    }

    /// <summary>
    /// Applies the diff to a set of records (the old version's) and returns the new version's
    /// records in canonical order. A removed record that is missing, or an added one already
    /// present, means the diff does not belong to these records.
    /// </summary>
    public static List<ResourceRecord> Apply(IEnumerable<ResourceRecord> oldRecords, ZoneDiff diff)
    {
        var records = new HashSet<ResourceRecord>(oldRecords);
        foreach (var record in diff.Removed)
        {
            if (!records.Remove(record)) { throw new InvalidOperationException($"the diff removes a record that is not there: {record}"); }
        }
        foreach (var record in diff.Added)
        {
            if (!records.Add(record)) { throw new InvalidOperationException($"the diff adds a record that is already there: {record}"); }
        }
        var result = records.ToList();
        result.Sort(CompareCanonically);
        return result;
    }

    /// <summary>Owner in canonical order (RFC 4034 §6.1), then type, then RDATA (RFC 4034 §6.3), then TTL.</summary>
    public static int CompareCanonically(ResourceRecord a, ResourceRecord b)
    {
        int c = CanonicalOrder.Compare(a.Owner.Wire, b.Owner.Wire);
        if (c == 0) { c = a.Type.CompareTo(b.Type); }
        if (c == 0) { c = a.Rdata.AsSpan().SequenceCompareTo(b.Rdata); }
        return c != 0 ? c : a.Ttl.CompareTo(b.Ttl);
    }

    private readonly record struct Entry(ZoneNode Node, RRset Set, byte[] Rdata)
    {
        public ResourceRecord ToRecord() => new(Set.Owner, Set.Type, Set.Ttl, Rdata);
    }

    private static IEnumerable<Entry> Entries(Zone zone)
    {
        foreach (var node in zone.Nodes)
        {
            foreach (var set in node.RRsets)
            {
                foreach (var rdata in set.Rdatas) { yield return new Entry(node, set, rdata); }
            }
        }
    }

    private static int Compare(Entry a, Entry b)
    {
        int c = a.Node.Key.SequenceCompareTo(b.Node.Key);
        if (c == 0) { c = a.Set.Type.CompareTo(b.Set.Type); }
        return c != 0 ? c : a.Rdata.AsSpan().SequenceCompareTo(b.Rdata);
    }
}
