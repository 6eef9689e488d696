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

    public bool TryFindClosestEncloser(ReadOnlySpan<byte> wireName, out ZoneNode node) =>
        TryFindEncloser(wireName, withPrevious: false, out node, out _);

    /// <summary>
    /// The one look-up the query path makes for a name (RFC 1034 §4.3.2 step 3): its closest
    /// encloser (the node itself when it exists) and, with <paramref name="withPrevious"/> and when
    /// the name does not exist, the last node before it in canonical order, the owner of the NSEC
    /// that covers it (RFC 4035 §3.1.3.2). Both come from the same key. False when the name is not
    /// a valid wire name or lies outside the zone.
    /// </summary>
    public bool TryFindEncloser(ReadOnlySpan<byte> wireName, bool withPrevious, out ZoneNode encloser, out ZoneNode? previous)
    {
        encloser = null!;
        previous = null;
        Span<byte> buffer = stackalloc byte[KeyBufferLength];
        if (!TryKeyOf(wireName, buffer, out var key)) { return false; }
        // An ancestor's key is a prefix of the key ending at a label separator (0x00 occurs only
        // there, see CanonicalOrder.WriteKey); try the longest first, stop at the apex.
        int apexLength = Apex.Key.Length;
        for (int end = key.Length; end >= apexLength; end = key[..(end - 1)].LastIndexOf((byte)0) + 1)
        {
            if (_byKey.TryGet(key[..end], out encloser!))
            {
                if (withPrevious && end != key.Length) { previous = Predecessor(key); }
                return true;
            }
            if (end == 0) { break; }
        }
        encloser = null!;
        return false;
    }

    /// <summary>
    /// The wildcard child of <paramref name="encloser"/>, <c>*.</c> and its name (RFC 4592 §2.1.1),
    /// found by key: the encloser's key and the label <c>*</c>. Null when there is none.
    /// </summary>
    public ZoneNode? FindWildcardChild(ZoneNode encloser)
    {
        if (!encloser.Is(NodeFlags.WildcardChild)) { return null; }
        Span<byte> key = stackalloc byte[KeyBufferLength + WildcardKeyLabelLength];
        return _byKey.TryGet(key[..WildcardKey(encloser, key)], out var wildcard) ? wildcard : null;
    }

    /// <summary>
    /// The last node before the wildcard child of <paramref name="encloser"/> in canonical order,
    /// whose NSEC covers that wildcard when it does not exist (RFC 4035 §3.1.3.2); null when a
    /// wildcard there would be longer than a name may be.
    /// </summary>
    public ZoneNode? FindWildcardPredecessor(ZoneNode encloser)
    {
        if (encloser.Name.Length + 2 > DnsName.MaxLength) { return null; }
        Span<byte> key = stackalloc byte[KeyBufferLength + WildcardKeyLabelLength];
        return Predecessor(key[..WildcardKey(encloser, key)]);
    }

    /// <summary>The octets a <c>*</c> label adds to a key: the label and its separator.</summary>
    private const int WildcardKeyLabelLength = 2;

    private static int WildcardKey(ZoneNode encloser, Span<byte> key)
    {
        var encloserKey = encloser.Key;
        encloserKey.CopyTo(key);
        key[encloserKey.Length] = (byte)'*';
        key[encloserKey.Length + 1] = 0;
        return encloserKey.Length + WildcardKeyLabelLength;
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
