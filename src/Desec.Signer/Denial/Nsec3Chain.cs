using Desec.Zone.Records;
using Desec.Zone.Zones;

namespace Desec.Signer.Denial;

using Zone = Desec.Zone.Zones.Zone;

/// <summary>
/// The NSEC3 chain of one zone version (RFC 5155 §7.1): entries sorted by hash, each record's next
/// hashed owner the following entry's hash, the last one pointing to the first; and the apex
/// NSEC3PARAM. Look-ups by hash are binary searches and look-ups by zone node are array reads, so
/// the answerer (<see cref="Nsec3Proofs"/>) allocates nothing.
/// </summary>
public sealed class Nsec3Chain
{
    private readonly Nsec3Entry[] _entries;

    /// <summary>Every entry's hash, back to back in entry order: the binary search reads one contiguous array.</summary>
    private readonly byte[] _hashes;

    /// <summary>For each zone node (by <see cref="ZoneNode.Index"/>): the index of its entry, or -1 when the chain skips it.</summary>
    private readonly int[] _entryOfNode;

    /// <summary>
    /// For each zone node: the entry matching or covering the hash of the wildcard below it (the
    /// wildcard at a closest encloser, RFC 5155 §7.2.1), stored as index * 2 + matches + 1; 0 until
    /// first asked. Filled by the query path as NXDOMAIN answers need it, so each encloser's wildcard
    /// is hashed once per zone version instead of on every answer (an int is written atomically and
    /// every thread computes the same value).
    /// </summary>
    private readonly int[] _wildcardOfNode;

    internal Nsec3Chain(Zone zone, Nsec3Parameters parameters, Nsec3Entry[] entries, int[] entryOfNode, uint ttl, ResourceRecord paramRecord)
    {
        Zone = zone;
        Parameters = parameters;
        _entries = entries;
        _hashes = new byte[entries.Length * Nsec3Hash.Length];
        for (int i = 0; i < entries.Length; i++) { entries[i].Hash.CopyTo(_hashes, i * Nsec3Hash.Length); }
        _entryOfNode = entryOfNode;
        _wildcardOfNode = new int[entryOfNode.Length];
        Ttl = ttl;
        ParamRecord = paramRecord;
    }

    public Zone Zone { get; }

    public Nsec3Parameters Parameters { get; }

    public uint Ttl { get; }

    /// <summary>The entries in hash order.</summary>
    public IReadOnlyList<Nsec3Entry> Entries => _entries;

    public int Count => _entries.Length;

    /// <summary>The apex NSEC3PARAM (RFC 5155 §4): flags 0, the chain's algorithm, iterations and salt.</summary>
    public ResourceRecord ParamRecord { get; }

    /// <summary>The NSEC3 records in hash order (the NSEC3PARAM is <see cref="ParamRecord"/>).</summary>
    public IEnumerable<ResourceRecord> Records => _entries.Select(e => e.Record);

    /// <summary>The index of the NSEC3 whose original owner is <paramref name="node"/>, or -1.</summary>
    public int IndexOf(ZoneNode node) => _entryOfNode[node.Index];

    /// <summary>
    /// <see cref="Find"/> for the wildcard child of <paramref name="encloser"/> (<c>*.</c> and its
    /// name), or -1 when that name would be too long to exist.
    /// </summary>
    public int FindWildcard(ZoneNode encloser, out bool matches)
    {
        int cached = Volatile.Read(ref _wildcardOfNode[encloser.Index]);
        if (cached == 0)
        {
            var encloserWire = encloser.Name.Wire;
            if (encloserWire.Length + 2 > Desec.Zone.Names.DnsName.MaxLength)
            {
                matches = false;
                return -1;
            }
            Span<byte> wildcard = stackalloc byte[Desec.Zone.Names.DnsName.MaxLength];
            wildcard[0] = 1;
            wildcard[1] = (byte)'*';
            encloserWire.CopyTo(wildcard[2..]);
            Span<byte> hash = stackalloc byte[Nsec3Hash.Length];
            Hash(wildcard[..(encloserWire.Length + 2)], hash);
            int index = Find(hash, out bool found);
            cached = index * 2 + (found ? 1 : 0) + 1;
            Volatile.Write(ref _wildcardOfNode[encloser.Index], cached);
        }
        matches = ((cached - 1) & 1) != 0;
        return (cached - 1) >> 1;
    }

    /// <summary>Hashes a wire name with the chain's parameters (RFC 5155 §5) into 20 octets.</summary>
    public void Hash(ReadOnlySpan<byte> wireName, Span<byte> destination) => Nsec3Hash.Compute(wireName, Parameters, destination);

    /// <summary>
    /// Binary search by hash: the index of the NSEC3 whose owner hash equals <paramref name="hash"/>
    /// (<paramref name="matches"/> true), or else of the one that covers it (RFC 5155 §3: owner hash
    /// &lt; hash &lt; next hashed owner; a hash before the first owner is covered by the last NSEC3,
    /// whose next hashed owner wraps around to the first).
    /// </summary>
    public int Find(ReadOnlySpan<byte> hash, out bool matches)
    {
        int low = 0, high = _entries.Length - 1, before = -1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            int order = _hashes.AsSpan(middle * Nsec3Hash.Length, Nsec3Hash.Length).SequenceCompareTo(hash);
            if (order == 0) { matches = true; return middle; }
            if (order < 0) { before = middle; low = middle + 1; }
            else { high = middle - 1; }
        }
        matches = false;
        return before >= 0 ? before : _entries.Length - 1;
    }

    /// <summary>The index of the NSEC3 matching <paramref name="hash"/>, or -1.</summary>
    public int FindMatching(ReadOnlySpan<byte> hash)
    {
        int index = Find(hash, out bool matches);
        return matches ? index : -1;
    }

    /// <summary>The index of the NSEC3 covering <paramref name="hash"/>, or -1 when one matches it.</summary>
    public int FindCovering(ReadOnlySpan<byte> hash)
    {
        int index = Find(hash, out bool matches);
        return matches ? -1 : index;
    }
}
