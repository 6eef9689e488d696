using Desec.Zone.Names;

namespace Desec.Zone.Records;

/// <summary>
/// The records of one owner and type (RFC 2181 §5): one TTL, RDATA without duplicates, sorted
/// in canonical RDATA order (RFC 4034 §6.3: ordinal order of the canonical wire bytes).
/// </summary>
public sealed class RRset
{
    // An array, not a list: a zone holds about one RRset per record, most of them with one RDATA.
    private readonly byte[][] _rdatas;

    public RRset(DnsName owner, ushort type, uint ttl, IEnumerable<byte[]> rdatas)
        : this(owner, type, ttl, SortDistinct(rdatas.ToArray()))
    {
    }

    /// <summary>Takes <paramref name="sortedDistinct"/> as it is: already in canonical order, without duplicates.</summary>
    internal RRset(DnsName owner, ushort type, uint ttl, byte[][] sortedDistinct)
    {
        Owner = owner;
        Type = type;
        Ttl = ttl;
        _rdatas = sortedDistinct;
    }

    public DnsName Owner { get; }
    public ushort Type { get; }
    public uint Ttl { get; }
    public IReadOnlyList<byte[]> Rdatas => _rdatas;
    public int Count => _rdatas.Length;

    public IEnumerable<ResourceRecord> Records => _rdatas.Select(r => new ResourceRecord(Owner, Type, Ttl, r));

    public static int CompareRdata(byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b);

    /// <summary>Sorts in place into canonical order and drops duplicates.</summary>
    internal static byte[][] SortDistinct(byte[][] rdatas)
    {
        if (rdatas.Length < 2) { return rdatas; }
        Array.Sort(rdatas, CompareRdata);
        int kept = 1;
        for (int i = 1; i < rdatas.Length; i++)
        {
            if (CompareRdata(rdatas[i], rdatas[kept - 1]) != 0) { rdatas[kept++] = rdatas[i]; }
        }
        return kept == rdatas.Length ? rdatas : rdatas[..kept];
    }

    public override string ToString() => $"{Owner} {RRType.ToText(Type)} ({Count})";
}
