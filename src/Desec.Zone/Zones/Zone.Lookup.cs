using Desec.Zone.Names;

namespace Desec.Zone.Zones;

/// <summary>
/// Name look-ups for the query path. A name is turned into its canonical key in a stack buffer
/// (lower-cased, so look-ups ignore ASCII case, RFC 4343) and found through the dictionary's span
/// lookup (see NodeIndex) or a binary search over the sorted nodes; nothing is allocated.
/// </summary>
public sealed partial class Zone
{
    private const int KeyBufferLength = 2 * DnsName.MaxLength;

    public ZoneNode? Find(DnsName name) => _byKey.TryGet(KeyOf(name, stackalloc byte[KeyBufferLength]), out var node) ? node : null;

    /// <summary>Finds the node of an uncompressed wire name; false when absent or when the bytes are not a valid name.</summary>
    public bool TryFind(ReadOnlySpan<byte> wireName, out ZoneNode node)
    {
        node = null!;
        Span<byte> buffer = stackalloc byte[KeyBufferLength];
        return TryKeyOf(wireName, buffer, out var key) && _byKey.TryGet(key, out node!);
    }

    /// <summary>
    /// The deepest node that is <paramref name="name"/> itself or one of its ancestors (the closest
    /// encloser of RFC 5155 §1.3 when the name does not exist); null when the name is outside the zone.
    /// </summary>
    public ZoneNode? FindClosestEncloser(DnsName name) =>
        TryFindClosestEncloser(name.Wire, out var node) ? node : null;

    public bool TryFindClosestEncloser(ReadOnlySpan<byte> wireName, out ZoneNode node)
    {
        node = null!;
        Span<byte> buffer = stackalloc byte[KeyBufferLength];
        if (!TryKeyOf(wireName, buffer, out var key)) { return false; }
        // An ancestor's key is a prefix of the key ending at a label separator (0x00 occurs only
        // there, see CanonicalOrder.WriteKey); try the longest first, stop at the apex.
        int apexLength = Apex.Key.Length;
        for (int end = key.Length; end >= apexLength; end = key[..(end - 1)].LastIndexOf((byte)0) + 1)
        {
            if (_byKey.TryGet(key[..end], out node!)) { return true; }
            if (end == 0) { break; }
        }
        node = null!;
        return false;
    }

    /// <summary>
    /// The last node that sorts before <paramref name="name"/> in canonical order: the owner of the
    /// NSEC that covers a name which does not exist (RFC 4035 §3.1.3.2). When nothing sorts before
    /// it, the last node of the zone (the chain is circular, see <see cref="ZoneNode.Previous"/>).
    /// </summary>
    public ZoneNode FindPredecessor(DnsName name) => Predecessor(KeyOf(name, stackalloc byte[KeyBufferLength]));

    public bool TryFindPredecessor(ReadOnlySpan<byte> wireName, out ZoneNode node)
    {
        Span<byte> buffer = stackalloc byte[KeyBufferLength];
        if (!TryKeyOf(wireName, buffer, out var key)) { node = null!; return false; }
        node = Predecessor(key);
        return true;
    }

    private ZoneNode Predecessor(ReadOnlySpan<byte> key)
    {
        int low = 0, high = _nodes.Length - 1, found = -1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            if (_nodes[middle].Key.SequenceCompareTo(key) < 0) { found = middle; low = middle + 1; }
            else { high = middle - 1; }
        }
        return found >= 0 ? _nodes[found] : _nodes[^1];
    }

    private static ReadOnlySpan<byte> KeyOf(DnsName name, Span<byte> buffer) =>
        buffer[..CanonicalOrder.WriteKey(name.Wire, buffer)];

    private static bool TryKeyOf(ReadOnlySpan<byte> wireName, Span<byte> buffer, out ReadOnlySpan<byte> key)
    {
        key = default;
        if (!DnsName.TryValidateWire(wireName, out _, out _)) { return false; }
        key = buffer[..CanonicalOrder.WriteKey(wireName, buffer)];
        return true;
    }
}
