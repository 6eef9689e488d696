using Desec.Zone.Names;

namespace Desec.Zone.Records;

/// <summary>
/// The records of one owner and type (RFC 2181 §5): one TTL, RDATA without duplicates, sorted
/// in canonical RDATA order (RFC 4034 §6.3: ordinal order of the canonical wire bytes).
/// </summary>
public sealed class RRset
{
    public RRset(DnsName owner, ushort type, uint ttl, IEnumerable<byte[]> rdatas)
    {
        Owner = owner;
        Type = type;
        Ttl = ttl;
        var sorted = rdatas.ToList();
        sorted.Sort(CompareRdata);
        for (int i = sorted.Count - 1; i > 0; i--)
        {
            if (CompareRdata(sorted[i], sorted[i - 1]) == 0) { sorted.RemoveAt(i); }
        }
        Rdatas = sorted;
    }

    public DnsName Owner { get; }
    public ushort Type { get; }
    public uint Ttl { get; }
    public IReadOnlyList<byte[]> Rdatas { get; }
    public int Count => Rdatas.Count;

    public IEnumerable<ResourceRecord> Records => Rdatas.Select(r => new ResourceRecord(Owner, Type, Ttl, r));

    public static int CompareRdata(byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b);

    public override string ToString() => $"{Owner} {RRType.ToText(Type)} ({Count})";
}
