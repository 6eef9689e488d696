using Desec.Auth.Zones;
using Desec.Zone.Rdata.Views;
using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Auth.Transfer;

/// <summary>
/// The records removed and added between two versions of a zone, SOA left out (IXFR adds it,
/// RFC 1995 §4), found by walking both versions side by side in canonical order: nodes by key,
/// RRsets by type (RRSIGs by covered type), RDATA in canonical order, then the NSEC3 chains by
/// owner. Nothing is hashed and unchanged data costs one comparison, so a change to a large zone
/// is journaled in a fraction of the time set arithmetic over every record would take.
/// </summary>
public static class VersionDiff
{
    public static (List<ResourceRecord> Removed, List<ResourceRecord> Added) Between(ServedZone before, ServedZone after)
    {
        var removed = new List<ResourceRecord>();
        var added = new List<ResourceRecord>();
        var a = before.Zone.Nodes;
        var b = after.Zone.Nodes;
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            int order = i == a.Count ? 1 : j == b.Count ? -1 : a[i].Key.SequenceCompareTo(b[j].Key);
            if (order < 0) { AddAll(a[i++].RRsets, removed); }
            else if (order > 0) { AddAll(b[j++].RRsets, added); }
            else { Sets(a[i++].RRsets, b[j++].RRsets, removed, added); }
        }
        Nsec3(before, after, removed, added);
        return (removed, added);
    }

    /// <summary>The NSEC3 RRsets and their RRSIGs, kept beside the zone in hash order (the owners' canonical order).</summary>
    private static void Nsec3(ServedZone before, ServedZone after, List<ResourceRecord> removed, List<ResourceRecord> added)
    {
        var aSets = before.Signed?.Nsec3Sets ?? [];
        var aSigs = before.Signed?.Nsec3Signatures ?? [];
        var bSets = after.Signed?.Nsec3Sets ?? [];
        var bSigs = after.Signed?.Nsec3Signatures ?? [];
        int i = 0, j = 0;
        while (i < aSets.Count || j < bSets.Count)
        {
            int order = i == aSets.Count ? 1 : j == bSets.Count ? -1 : aSets[i].Owner.CompareTo(bSets[j].Owner);
            if (order < 0) { AddAll([aSets[i], aSigs[i]], removed); i++; }
            else if (order > 0) { AddAll([bSets[j], bSigs[j]], added); j++; }
            else
            {
                Rdatas(aSets[i], bSets[j], removed, added);
                Rdatas(aSigs[i], bSigs[j], removed, added);
                i++;
                j++;
            }
        }
    }

    private static void Sets(IReadOnlyList<RRset> a, IReadOnlyList<RRset> b, List<ResourceRecord> removed, List<ResourceRecord> added)
    {
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            int order = i == a.Count ? 1 : j == b.Count ? -1 : Compare(a[i], b[j]);
            if (order < 0) { AddAll([a[i++]], removed); }
            else if (order > 0) { AddAll([b[j++]], added); }
            else { Rdatas(a[i++], b[j++], removed, added); }
        }
    }

    /// <summary>The order of a node's RRsets (see ZoneNode): by type, RRSIG sets by covered type.</summary>
    private static int Compare(RRset a, RRset b) =>
        a.Type != b.Type ? a.Type.CompareTo(b.Type) : RrsigView.TypeCoveredBy(a).CompareTo(RrsigView.TypeCoveredBy(b));


    private static void Rdatas(RRset a, RRset b, List<ResourceRecord> removed, List<ResourceRecord> added)
    {
        if (ReferenceEquals(a, b) || a.Type == RRType.SOA) { return; }
        // Records differ by owner case or TTL too: then every record of the set is replaced.
        if (a.Ttl != b.Ttl || !a.Owner.Wire.SequenceEqual(b.Owner.Wire))
        {
            AddAll([a], removed);
            AddAll([b], added);
            return;
        }
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            int order = i == a.Count ? 1 : j == b.Count ? -1
                : ReferenceEquals(a.Rdatas[i], b.Rdatas[j]) ? 0 : RRset.CompareRdata(a.Rdatas[i], b.Rdatas[j]);
            if (order < 0) { removed.Add(new ResourceRecord(a.Owner, a.Type, a.Ttl, a.Rdatas[i++])); }
            else if (order > 0) { added.Add(new ResourceRecord(b.Owner, b.Type, b.Ttl, b.Rdatas[j++])); }
            else { i++; j++; }
        }
    }

    private static void AddAll(IEnumerable<RRset> sets, List<ResourceRecord> into)
    {
        foreach (var set in sets)
        {
            if (set.Type == RRType.SOA) { continue; }
            foreach (var rdata in set.Rdatas) { into.Add(new ResourceRecord(set.Owner, set.Type, set.Ttl, rdata)); }
        }
    }
}
