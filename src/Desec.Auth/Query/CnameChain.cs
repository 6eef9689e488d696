using Desec.Auth.Zones;
using Desec.Zone.Names;

namespace Desec.Auth.Query;

/// <summary>
/// The names of a CNAME/DNAME chain being followed (RFC 1034 §3.6.2), back to back, with the zone
/// whose wildcard synthesized each step (RFC 4592), if any: enough to stop at a loop and to add
/// the wildcard proofs after the answer section. One per thread, reused, so that following a
/// chain allocates nothing.
/// </summary>
internal sealed class CnameChain
{
    /// <summary>Longest chain followed; longer chains (and loops) stop there.</summary>
    public const int MaxLength = 12;

    [ThreadStatic] private static CnameChain? t_current;

    private readonly byte[] _names = new byte[MaxLength * DnsName.MaxLength];
    private readonly int[] _ends = new int[MaxLength];
    private readonly ServedZone?[] _wildcardZones = new ServedZone?[MaxLength];

    public int Count { get; private set; }

    /// <summary>This thread's chain, started at the query name.</summary>
    public static CnameChain Start(ReadOnlySpan<byte> qname, ServedZone? wildcardZone)
    {
        var chain = t_current ??= new CnameChain();
        Array.Clear(chain._wildcardZones); // no snapshot is kept alive by a finished query
        chain.Count = 0;
        chain.Add(qname);
        chain._wildcardZones[0] = wildcardZone;
        return chain;
    }

    public ReadOnlySpan<byte> Name(int index) => _names.AsSpan(Start(index), _ends[index] - Start(index));

    public ServedZone? WildcardZone(int index) => _wildcardZones[index];

    public void MarkWildcard(int index, ServedZone zone) => _wildcardZones[index] = zone;

    /// <summary>Room for the next name, to be committed with <see cref="Commit"/>.</summary>
    public Span<byte> Next => _names.AsSpan(Count == 0 ? 0 : _ends[Count - 1], DnsName.MaxLength);

    /// <summary>Adds the name written into <see cref="Next"/>; false when it was seen before (a loop).</summary>
    public bool Commit(int length)
    {
        var name = Next[..length];
        for (int i = 0; i < Count; i++)
        {
            if (DnsName.AsciiEqualsIgnoreCase(Name(i), name)) { return false; }
        }
        _ends[Count] = (Count == 0 ? 0 : _ends[Count - 1]) + length;
        Count++;
        return true;
    }

    private void Add(ReadOnlySpan<byte> name)
    {
        name.CopyTo(Next);
        Commit(name.Length);
    }

    private int Start(int index) => index == 0 ? 0 : _ends[index - 1];
}
