using System.Buffers.Binary;
using Desec.Zone.Names;
using Desec.Zone.Records;

namespace Desec.Zone.Zones;

/// <summary>
/// Groups input records into RRsets per owner: refuses meta types and names outside the zone,
/// drops duplicates and reconciles differing TTLs, with a warning for each.
/// </summary>
/// <remarks>
/// Built for zones of millions of records: the records are put in one array, grouped by owner
/// with a counting sort that keeps input order (owners numbered in order of first appearance),
/// and each owner's slice of that array is sorted by type. An RRset's records are then a slice
/// of the same array, so no list is made per owner or per RRset.
/// </remarks>
internal static class RRsetCollector
{
    /// <summary>Up to this many records, an owner's slice is sorted and searched for duplicates by simple scans.</summary>
    private const int SmallSlice = 16;

    public static List<PendingOwner> Collect(DnsName origin, IEnumerable<ResourceRecord> records, ZoneBuildResult result)
    {
        var input = records as IReadOnlyList<ResourceRecord> ?? records.ToArray();
        var owners = new List<PendingOwner>();
        var counts = new List<int>();
        var ownerOf = NumberOwners(origin, input, owners, counts, result);

        // Counting sort by owner number; records of one owner keep their input order.
        var starts = new int[owners.Count + 1];
        for (int o = 0; o < owners.Count; o++) { starts[o + 1] = starts[o] + counts[o]; }
        var grouped = new ResourceRecord[starts[^1]];
        var fill = starts[..^1];
        for (int i = 0; i < input.Count; i++)
        {
            if (ownerOf[i] >= 0) { grouped[fill[ownerOf[i]]++] = input[i]; }
        }

        var slices = new RecordSlices(grouped);
        for (int o = 0; o < owners.Count; o++)
        {
            MakeRRsets(owners[o], grouped, starts[o], starts[o + 1] - starts[o], slices, result);
        }
        return owners;
    }

    /// <summary>
    /// Numbers the owners in order of first appearance and returns each record's owner number
    /// (-1 for a refused record); <paramref name="counts"/> gets the records per owner.
    /// </summary>
    private static int[] NumberOwners(DnsName origin, IReadOnlyList<ResourceRecord> input, List<PendingOwner> owners,
        List<int> counts, ZoneBuildResult result)
    {
        var ownerOf = new int[input.Count];
        var byOwner = new Dictionary<DnsName, int>();
        DnsName? previous = null;
        int previousNumber = -1;
        for (int i = 0; i < input.Count; i++)
        {
            var record = input[i];
            ownerOf[i] = -1;
            if (RRType.IsMetaOrQuery(record.Type))
            {
                result.Errors.Add(new(record.Location, record.Owner,
                    $"{RRType.ToText(record.Type)} is a meta or query type and cannot be zone data (RFC 6895 §3.1)"));
                continue;
            }
            // Consecutive records usually share their owner object (a zone file omits repeated owners).
            if (!ReferenceEquals(record.Owner, previous))
            {
                if (!record.Owner.IsSubdomainOf(origin))
                {
                    result.Errors.Add(new(record.Location, record.Owner,
                        $"{RRType.ToText(record.Type)} record outside the zone: the owner is not at or below {origin}"));
                    continue;
                }
                if (!byOwner.TryGetValue(record.Owner, out previousNumber))
                {
                    previousNumber = owners.Count;
                    byOwner.Add(record.Owner, previousNumber);
                    owners.Add(new PendingOwner(record.Owner));
                    counts.Add(0);
                }
                previous = record.Owner;
            }
            ownerOf[i] = previousNumber;
            counts[previousNumber]++;
        }
        return ownerOf;
    }

    /// <summary>The RRsets of one owner, whose records are <paramref name="grouped"/>[start..start+count], sorted by type.</summary>
    private static void MakeRRsets(PendingOwner owner, ResourceRecord[] grouped, int start, int count, RecordSlices slices,
        ZoneBuildResult result)
    {
        SortByType(grouped, start, count);
        int setCount = 1;
        for (int i = start + 1; i < start + count; i++)
        {
            if (SortKey(grouped[i]) != SortKey(grouped[i - 1])) { setCount++; }
        }
        var sets = new RRset[setCount];
        int firstSlice = -1;
        int runStart = start;
        for (int s = 0; s < setCount; s++)
        {
            int runEnd = runStart + 1;
            while (runEnd < start + count && SortKey(grouped[runEnd]) == SortKey(grouped[runStart])) { runEnd++; }
            (sets[s], int distinct) = MakeRRset(owner.Name, grouped, runStart, runEnd - runStart, result);
            int slice = slices.Add(runStart, distinct);
            if (s == 0) { firstSlice = slice; }
            runStart = runEnd;
        }
        owner.SetRRsets(sets, slices, firstSlice);
    }

    /// <summary>
    /// RRSIG records are grouped per covered type: signatures over different RRsets legitimately
    /// carry different TTLs, each equal to the TTL of the RRset it covers (RFC 4034 §3).
    /// </summary>
    private static ushort CoveredType(ResourceRecord record) =>
        record.Type == RRType.RRSIG && record.Rdata.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(record.Rdata) : (ushort)0;

    /// <summary>
    /// Type, then covered type: the order of an owner's RRsets. Unsigned: a type of 32768 and above
    /// (private use, RFC 6895 §3.1) shifted into an int would turn negative and sort first, and the
    /// look-ups by type (<see cref="ZoneNode.Find"/>), which stop at the first higher type, would miss.
    /// </summary>
    private static uint SortKey(ResourceRecord record) => (uint)record.Type << 16 | CoveredType(record);

    /// <summary>A stable sort of one owner's records by <see cref="SortKey"/>.</summary>
    private static void SortByType(ResourceRecord[] grouped, int start, int count)
    {
        if (count <= SmallSlice)
        {
            // Insertion sort: stable, and an owner mostly has a handful of records.
            for (int i = start + 1; i < start + count; i++)
            {
                var record = grouped[i];
                uint key = SortKey(record);
                int j = i - 1;
                for (; j >= start && SortKey(grouped[j]) > key; j--) { grouped[j + 1] = grouped[j]; }
                grouped[j + 1] = record;
            }
            return;
        }
        // The position breaks ties, which makes the unstable Array.Sort stable.
        var keys = new ulong[count];
        var slice = grouped.AsSpan(start, count);
        for (int i = 0; i < count; i++) { keys[i] = (ulong)SortKey(slice[i]) << 32 | (uint)i; }
        keys.AsSpan().Sort(slice);
    }

    /// <summary>
    /// One RRset from the records <paramref name="grouped"/>[start..start+count] of one type; the
    /// distinct ones end up at the front of the slice, and their number is returned with the RRset.
    /// </summary>
    private static (RRset Set, int Distinct) MakeRRset(DnsName owner, ResourceRecord[] grouped, int start, int count, ZoneBuildResult result)
    {
        var first = grouped[start];
        if (count == 1) { return (new RRset(owner, first.Type, first.Ttl, [first.Rdata]), 1); }
        string type = RRType.ToText(first.Type);
        uint lowest = first.Ttl;
        ResourceRecord? differing = null;
        for (int i = start + 1; i < start + count; i++)
        {
            var record = grouped[i];
            lowest = Math.Min(lowest, record.Ttl);
            if (differing is null && record.Ttl != first.Ttl) { differing = record; }
        }
        if (differing is not null)
        {
            // RFC 2181 §5.2: TTLs within an RRset must match; treat a mismatch as if all had the lowest.
            result.Warnings.Add(new(differing.Location, owner,
                $"TTL {differing.Ttl} differs from TTL {first.Ttl} within the {type} RRset; using the lowest, {lowest} (RFC 2181 §5.2)"));
        }
        int distinct = DropDuplicates(owner, type, grouped, start, count, result);
        var rdatas = new byte[distinct][];
        for (int i = 0; i < distinct; i++) { rdatas[i] = grouped[start + i].Rdata; }
        return (new RRset(owner, first.Type, lowest, RRset.SortDistinct(rdatas)), distinct);
    }

    /// <summary>
    /// Moves the distinct records of the slice to its front, in input order, warning about each
    /// duplicate (RFC 2181 §5: an RRset holds no duplicate records); returns how many are distinct.
    /// </summary>
    private static int DropDuplicates(DnsName owner, string type, ResourceRecord[] grouped, int start, int count, ZoneBuildResult result)
    {
        HashSet<byte[]>? seen = count > SmallSlice ? new(OrdinalBytesComparer.Instance) : null;
        int kept = 0;
        for (int i = start; i < start + count; i++)
        {
            var record = grouped[i];
            if (seen is null ? ContainsRdata(grouped, start, kept, record.Rdata) : !seen.Add(record.Rdata))
            {
                result.Warnings.Add(new(record.Location, owner, $"duplicate {type} record dropped (RFC 2181 §5)"));
                continue;
            }
            grouped[start + kept++] = record;
        }
        return kept;
    }

    private static bool ContainsRdata(ResourceRecord[] grouped, int start, int count, byte[] rdata)
    {
        for (int i = start; i < start + count; i++)
        {
            if (grouped[i].Rdata.AsSpan().SequenceEqual(rdata)) { return true; }
        }
        return false;
    }
}
