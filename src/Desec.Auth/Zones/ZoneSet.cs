using Desec.Zone.Names;
using Desec.Zone.Zones;

namespace Desec.Auth.Zones;

/// <summary>
/// An immutable set of served zones, found by longest match of a query name. A new set is built
/// for every change and published whole, so a query sees one consistent set.
/// </summary>
public sealed class ZoneSet
{
    public static readonly ZoneSet Empty = new([]);

    private readonly Dictionary<byte[], ServedZone> _byKey;
    private readonly Dictionary<byte[], ServedZone>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;

    public ZoneSet(IEnumerable<ServedZone> zones)
    {
        _byKey = new Dictionary<byte[], ServedZone>(NameKeyComparer.Instance);
        foreach (var zone in zones) { _byKey[CanonicalOrder.Key(zone.Origin)] = zone; }
        _bySpan = _byKey.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public int Count => _byKey.Count;

    public IEnumerable<ServedZone> Zones => _byKey.Values;

    public ZoneSet With(ServedZone zone) => new(_byKey.Values.Where(z => z.Origin != zone.Origin).Append(zone));

    public ZoneSet Without(DnsName origin) => new(_byKey.Values.Where(z => z.Origin != origin));

    public ServedZone? Get(DnsName origin) => _byKey.GetValueOrDefault(CanonicalOrder.Key(origin));

    /// <summary>The zone whose origin is the longest suffix of <paramref name="wireName"/>, or null.</summary>
    public ServedZone? FindZone(ReadOnlySpan<byte> wireName)
    {
        Span<byte> buffer = stackalloc byte[CanonicalOrder.MaxKeyLength(DnsName.MaxLength)];
        var key = buffer[..CanonicalOrder.WriteKey(wireName, buffer)];
        return FindByKey(key, key.Length);
    }

    /// <summary>The zone that holds the delegation of <paramref name="zone"/> (the parent side, for DS), or null.</summary>
    public ServedZone? FindParent(ServedZone zone)
    {
        if (zone.Origin.IsRoot) { return null; }
        Span<byte> buffer = stackalloc byte[CanonicalOrder.MaxKeyLength(DnsName.MaxLength)];
        var key = buffer[..CanonicalOrder.WriteKey(zone.Origin.Wire, buffer)];
        // Drop the last label of the key (labels end with 0x00; the key is reversed, so it is the first name label).
        int end = key[..^1].LastIndexOf((byte)0) + 1;
        return FindByKey(key, end);
    }

    /// <summary>Tries the key's prefixes that end at a label boundary, longest first, down to the root's empty key.</summary>
    private ServedZone? FindByKey(ReadOnlySpan<byte> key, int end)
    {
        while (true)
        {
            if (_bySpan.TryGetValue(key[..end], out var zone)) { return zone; }
            if (end == 0) { return null; }
            end = key[..(end - 1)].LastIndexOf((byte)0) + 1;
        }
    }
}
