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

/// <summary>
/// The input records of every RRset of a zone being built, as slices of one array (see
/// <see cref="RRsetCollector"/>): a zone has about one RRset per record, so no list is kept per RRset.
/// </summary>
internal sealed class RecordSlices(ResourceRecord[] records)
{
    // An RRset holds at least one record: sized once, never grown.
    private readonly List<(int Start, int Count)> _slices = new(records.Length);

    /// <summary>Adds the slice of the next RRset; returns its number.</summary>
    public int Add(int start, int count)
    {
        _slices.Add((start, count));
        return _slices.Count - 1;
    }

    public ArraySegment<ResourceRecord> this[int set] => new(records, _slices[set].Start, _slices[set].Count);
}

/// <summary>The RRsets of one owner name while a zone is being built.</summary>
internal sealed class PendingOwner(DnsName name)
{
    private RecordSlices _slices = null!;
    private int _firstSlice;

    public DnsName Name { get; } = name;

    /// <summary>Sorted by type (RRSIG sets by covered type); the node takes this array over.</summary>
    public RRset[] Sets { get; private set; } = [];

    /// <summary>The node made for this owner by <see cref="NodeTreeBuilder"/>.</summary>
    public ZoneNode Node { get; set; } = null!;

    /// <summary>Sets the RRsets; the records of <c>sets[i]</c> are slice <c>firstSlice + i</c> of <paramref name="slices"/>.</summary>
    public void SetRRsets(RRset[] sets, RecordSlices slices, int firstSlice)
    {
        Sets = sets;
        _slices = slices;
        _firstSlice = firstSlice;
    }

    /// <summary>The RRset at <paramref name="index"/> of <see cref="Sets"/> with its input records.</summary>
    public PendingRRset Pending(int index) => new(Sets[index], _slices[_firstSlice + index]);

    public IEnumerable<PendingRRset> PendingSets => Enumerable.Range(0, Sets.Length).Select(Pending);

    public PendingRRset? Find(ushort type)
    {
        for (int i = 0; i < Sets.Length; i++)
        {
            if (Sets[i].Type == type) { return Pending(i); }
        }
        return null;
    }
}
